"""The composition root: command line or window, built from one `Services`."""
from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python main.py` and `python -m reader`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from reader.core.text.pinyin_data import single_threaded_blas

    single_threaded_blas()  # before anything imports numpy
    from reader.cli import command_names, run

    if argv and (argv[0] in command_names() or argv[0] in ("-h", "--help")):
        return run(argv)
    return run_gui(argv)


def run_gui(argv: list[str]) -> int:
    """Open the window (see reader.ui)."""
    try:
        from reader.ui.main import run_window
    except ImportError:
        from reader.cli import run

        print("The window is not built yet; the command line works:\n")
        run(["--help"])
        return 0
    return run_window(argv)
