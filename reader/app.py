"""The composition root: command line or window, built from one `Services`."""
from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python main.py`, `python -m reader` and the `reader` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from reader.core.text.pinyin_data import single_threaded_blas

    single_threaded_blas()  # before anything imports numpy
    if argv == ["--install-desktop-entry"]:
        from reader.desktop import main as install_desktop_entry

        return install_desktop_entry()
    from reader.cli import command_names, run

    if argv and (argv[0] in command_names() or argv[0] in ("-h", "--help")):
        return run(argv)
    return run_gui(argv)


def tune_interpreter_for_window() -> Callable[[], None]:
    """The only process-wide interpreter settings of the app, for the window alone (the CLI
    and the tests keep Python's defaults). Returns what to call once the first article is
    hover-ready (`MainWindow.startup_done`).

    - Workers run Python for seconds on a long text; a 1 ms switch interval (default 5 ms)
      gives the GUI thread the interpreter lock sooner, so its timers and paints are not
      held up behind an annotation.
    - Start-up allocates a few hundred thousand long-lived objects (the glossary's rows,
      the pinyin tables, the window) and little garbage; the cyclic collector stays off until
      the first article is hover-ready (it re-scanned them several times: ~40 ms of start-up).
      Then `gc.freeze` keeps it from re-scanning them: a full collection otherwise pauses
      every thread, the GUI's included, for ~0.1 s while a long document is annotated.
    """
    sys.setswitchinterval(0.001)
    gc.disable()
    import PySide6.QtCore  # noqa: F401  (the window's first import anyway)

    faster_pyside_feature_check()

    def started() -> None:
        gc.freeze()
        gc.enable()

    return started


def faster_pyside_feature_check() -> bool:
    """Make PySide6's per-import check cheaper (window only; returns whether it was done).

    Once PySide6 is loaded, every module imported after it is asked whether it uses PySide6
    (for `from __feature__ import ...`): PySide6 reads its source with `inspect.getsource`,
    which tokenises the file and fills `linecache`, ~0.4 ms a module, ~45 ms for the ~115
    modules the window imports before its first paint. The answer is the same from the
    file's bytes ("PySide6" in the source); modules that are not plain .py files, and any
    error, go to PySide6's own check. If PySide6 no longer has that function, nothing is
    changed.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reader_fast", False):
        return False

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as handle:
                    return b"PySide6" in handle.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.reader_fast = True
    uses_pyside.original = original
    feature._mod_uses_pyside = uses_pyside
    return True


def run_gui(argv: list[str]) -> int:
    """Open the window (see reader.ui)."""
    from reader.ui.main import run_window

    return run_window(argv, after_engines=tune_interpreter_for_window())
