"""`python -m reader` does what `python main.py` does."""
from reader.app import main

raise SystemExit(main())
