"""Start the reader: the window, or the command line when given a command."""
from reader.app import main

raise SystemExit(main())
