"""File › Open Web Page… (Ctrl+Shift+O): fetch a page off the GUI thread, extract its
article, add it to the library (with URL, outlet and date) and open it.

Fetching uses `reader.core.library.web` (bounded time and size); a failure is one line in
the status bar and nothing is added. A page already in the library is opened, not added
again.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit

from reader.core.library.catalog import DuplicateArticle
from reader.core.library.encodings import TextInputError
from reader.core.library.web import open_web_page
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.tasks import error_message

SERVICES = ('library',)  # what this feature uses of `Services`


class WebPageFeature(QObject):
    """The Open Web Page action and its background fetch."""

    def __init__(self, context, services) -> None:
        super().__init__(context.widget)
        self.context = context
        self.services = services
        self.dialog: QInputDialog | None = None
        self.action = QAction("Open &Web Page…", context.widget)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.action.setStatusTip("Fetch a web page and read its article")
        self.action.triggered.connect(self.ask)
        menu = context.menu("&File")
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.action)
        self.limits: dict = {}  # tests shorten the time limits

    def ask(self) -> QInputDialog:
        """Ask for the address (window-modal, not blocking)."""
        dialog = QInputDialog(self.context.widget)
        dialog.setObjectName("web-page-dialog")
        dialog.setWindowTitle("Open Web Page")
        dialog.setLabelText("Web address (http:// or https://):")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.textValueSelected.connect(self.open_url)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_url(self, url: str) -> None:
        """Fetch `url` on a worker; add and open its article when it arrives."""
        url = url.strip()
        if not url:
            return
        if "://" not in url:
            url = "https://" + url
        library, limits = self.services.library, dict(self.limits)

        def work():
            page = open_web_page(url, **limits)
            try:
                return library.store_web_page(page), False
            except DuplicateArticle as dup:
                return dup.existing, True

        self.context.show_status(f"Fetching {url}…", 30000)
        self.context.tasks.run(work, self._opened, self._failed, label="Fetching web page…")

    def _opened(self, result) -> None:
        info, known = result
        self.context.refresh_library()
        self.context.open_article(info.id)
        note = "was already in the library" if known else "added to the library"
        self.context.show_status(f"“{info.title}” {note}.", 6000)

    def _failed(self, exc: BaseException) -> None:
        reason = str(exc) if isinstance(exc, TextInputError) else error_message(exc)
        self.context.show_status(f"Could not open the web page: {reason}", 15000)


def install(window, services) -> WebPageFeature:
    """Add File › Open Web Page…."""
    return WebPageFeature(feature_context(window), DeclaredServices(services, SERVICES))
