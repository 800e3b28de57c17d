"""The window's composition root: QApplication, `Services`, `MainWindow`, then the features.

Each feature module has `install(window, services)`; add yours to `feature_modules()` (one line).
Process-wide interpreter settings live in `reader.app.tune_interpreter_for_window`.
`python main.py --screenshot OUT.png [...]` renders the real window offscreen and exits.
"""
from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

QUIET_WAIT_MS = 1500  # the longest a feature's install waits for the window's tasks
QUIET_POLL_MS = 15


def feature_modules() -> list:
    """The feature modules, installed in this order (each has `install(window, services)`).

    Imported here, on a worker once the first article is hover-ready, so they never delay it."""
    from reader.ui.corrections import feature as corrections
    from reader.ui.find import feature as find
    from reader.ui.flashcards import feature as flashcards
    from reader.ui.glossary import feature as glossary
    from reader.ui.library import import_feature
    from reader.ui.lookup import feature as lookup
    from reader.ui.people import feature as people
    from reader.ui.romanisation import feature as romanisation
    from reader.ui.speech import feature as speech
    from reader.ui.study import feature as study
    from reader.ui.translation import feature as translation
    from reader.ui.web import feature as web

    return [glossary, flashcards, translation, import_feature, people, study, find, lookup,
            corrections, romanisation, web, speech]


def install_features(window, services, features: list | None = None) -> list[str]:
    """Install each feature; one that fails is reported in the window, not fatal."""
    failed = []
    for module in feature_modules() if features is None else features:
        name = getattr(module, "__name__", str(module))
        try:
            module.install(window, services)
        except Exception as exc:  # a broken feature must not stop the reader
            traceback.print_exc()
            failed.append(name)
            window.show_notice(f"The feature {name.rsplit('.', 2)[-2]} could not start: {exc}")
    return failed


def install_features_in_turns(window, services) -> None:
    """Import the feature modules on a worker, then install one per event-loop turn, each
    once the window's tasks are done (at most QUIET_WAIT_MS later).

    Their imports (genanki, requests, asyncio... ~0.5 s) and their set-up would otherwise
    run on the GUI thread in one go; this way no single turn holds the window for long.
    Waiting for the tasks keeps an install (and the re-layout and repaint it causes) from
    competing with the previous feature's background work for the interpreter lock: in
    competition the GUI thread's work took 3-6 times as long (a 15 ms repaint took 60-100 ms).
    `window.features_ready` becomes True when the last one is installed.
    """
    from PySide6.QtCore import QElapsedTimer, QTimer

    window.features_ready = False

    def install_next(pending: list) -> None:
        if not pending:
            window.features_ready = True
            return
        install_features(window, services, [pending.pop(0)])
        waited = QElapsedTimer()
        waited.start()
        when_quiet(lambda: install_next(pending), waited)

    def when_quiet(then, waited) -> None:  # timers bound to the window: none outlives it
        if window.tasks.busy and waited.elapsed() < QUIET_WAIT_MS:
            QTimer.singleShot(QUIET_POLL_MS, window, lambda: when_quiet(then, waited))
        else:
            QTimer.singleShot(0, window, then)

    def failed(exc: BaseException) -> None:  # a feature module could not be imported
        traceback.print_exception(exc)
        window.show_notice(f"The features could not start: {exc}")
        window.features_ready = True

    window.tasks.run(feature_modules, lambda modules: install_next(list(modules)), failed,
                     label="Starting…")


def build_window(options, app=None, after_engines: Callable[[], None] | None = None):
    """Services and the MainWindow. Features install once the first article is annotated on
    screen (`startup_done`), so their imports and set-up never delay hover-ready;
    `after_engines` is called then too."""
    from reader.core.services import Services
    from reader.ui.main_window import MainWindow

    services = Services()
    services.segment_in_helper()  # rjieba loads there, not in the window's process
    screenshot = options.screenshot is not None
    window = MainWindow(services, persist=not screenshot, restore=not screenshot)
    window.features_ready = False
    # After the first hover-ready article: the features' set-up never competes with it.
    window.startup_done.connect(lambda: install_features_in_turns(window, services))
    if after_engines is not None:
        window.startup_done.connect(after_engines)
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
    if options.ruby_unknown:
        window.set_ruby_mode("unknown")


def application(program: str = "reader"):
    """The QApplication (made here once), in the Fusion style on every platform.

    A new one is given the style on its command line (`-style Fusion`): Qt makes it as it
    starts, while `setStyle` first has PySide6 make its QStyle class and enums (~7 ms
    before the first paint).
    """
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([program, "-style", "Fusion"])
    else:
        app.setStyle("Fusion")
    app.setApplicationName("Bilingual Reader")
    return app


def run_window(argv: list[str] | None = None,
               after_engines: Callable[[], None] | None = None) -> int:
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

    app = application(sys.argv[0] if sys.argv else "reader")
    services, window = build_window(options, app, after_engines)
    apply_options(window, options)
    if options.screenshot is not None:
        from reader.ui.screenshot import take_screenshot

        return take_screenshot(window, services, options)
    window.show()
    QTimer.singleShot(0, lambda: window.start(options.article))  # paint first, then work
    return app.exec()
