"""The window's composition root: QApplication, `Services`, `MainWindow`, then the features.

Each feature module has `install(window, services)`; add yours to FEATURES (one line).
`python main.py --screenshot OUT.png [...]` renders the real window offscreen and exits.
"""
from __future__ import annotations

import gc
import importlib
import sys
import traceback

# Feature modules, installed in this order (each has `install(window, services)`).
FEATURES: list[str] = [
    "reader.ui.glossary.feature",
    "reader.ui.flashcards.feature",
    "reader.ui.translation.feature",
    "reader.ui.library.import_feature",
    "reader.ui.people.feature",
]


def install_features(window, services, features: list[str] = FEATURES) -> list[str]:
    """Install each feature; one that fails is reported in the window, not fatal."""
    failed = []
    for name in features:
        try:
            importlib.import_module(name).install(window, services)
        except Exception as exc:  # a broken feature must not stop the reader
            traceback.print_exc()
            failed.append(name)
            window.show_notice(f"The feature {name.rsplit('.', 1)[-1]} could not start: {exc}")
    return failed


def build_window(options, app=None):
    """Services and the MainWindow. Features install when `start()` has painted the first
    article (`article_painted`), so their imports never delay it."""
    from reader.core.services import Services
    from reader.ui.main_window import MainWindow

    services = Services()
    screenshot = options.screenshot is not None
    window = MainWindow(services, persist=not screenshot, restore=not screenshot)
    window.article_painted.connect(lambda: install_features(window, services))
    # Once the engines (jieba's dictionary, the pinyin tables...) are in memory, keep the
    # garbage collector from re-scanning them: a full collection otherwise pauses every
    # thread, the GUI's included, for ~0.1 s while a long document is annotated.
    window.engines_ready.connect(gc.freeze)
    # Workers run Python for seconds on a long text; a 1 ms switch interval (default 5 ms)
    # gives the GUI thread the GIL sooner, so its timers and paints are not held up.
    sys.setswitchinterval(0.001)
    return services, window


def apply_options(window, options) -> None:
    """Script, theme and ruby asked for on the command line (screenshots: light unless --dark)."""
    if options.script is not None:
        window.set_view(options.script)
    if options.dark:
        window.set_theme("dark")
    elif options.screenshot is not None:
        window.set_theme("light")
    if options.ruby:
        window.set_ruby(True)


def run_window(argv: list[str] | None = None) -> int:
    """Open the window (or take a screenshot); returns the exit status."""
    from reader.ui.window_options import OptionsError, parse_options

    try:
        options = parse_options(list(sys.argv[1:] if argv is None else argv))
    except OptionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if options.screenshot is not None:
        from reader.ui.screenshot import prepare_offscreen

        prepare_offscreen(options.size)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "reader"])
    app.setApplicationName("Bilingual Reader")
    app.setStyle("Fusion")
    services, window = build_window(options, app)
    apply_options(window, options)
    if options.screenshot is not None:
        from reader.ui.screenshot import take_screenshot

        return take_screenshot(window, services, options)
    window.show()
    QTimer.singleShot(0, lambda: window.start(options.article))  # paint first, then work
    return app.exec()
