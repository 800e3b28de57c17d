"""What a feature may use of the window: a narrow, named context instead of the window.

A feature module's `install(window, services)` builds a `FeatureContext` and hands only that
to its feature class, together with the services the feature declares (`DeclaredServices`).
The context is the whole plug-in surface: the reading view's API, the side panel, menus and
toolbar, background tasks, status and notices, the settings bridge, the current article and
the two document signals. Everything else of the window stays private to it.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class DeclaredServices:
    """The services a feature declared, and no others (a typo or an undeclared use fails
    loudly at the first access instead of quietly widening what the feature depends on)."""

    def __init__(self, services, names: Iterable[str]) -> None:
        self._services = services
        self._names = frozenset(names)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._names:
            raise AttributeError(f"service {name!r} was not declared by this feature "
                                 f"(declared: {', '.join(sorted(self._names))})")
        return self._services.get(name)

    def provider(self, name: str):
        """A callable that returns a declared service (built then, on that thread)."""
        getattr(self, name)  # declared?
        return self._services.provider(name)

    def is_built(self, name: str) -> bool:
        return self._services.is_built(name)


class FeatureContext:
    """The window as features see it.

    `widget` is the window as a parent for Qt objects and dialogs only; signals
    `document_changed(object)` and `view_changed(object)` are the window's.
    """

    def __init__(self, window) -> None:
        self._window = window
        self.widget = window  # parent for actions, panels and dialogs
        self.article_view = window.article_view
        self.side_panel = window.side_panel
        self.toolbar = window.toolbar
        self.tasks = window.tasks
        self.settings = window.settings
        self.document_changed = window.document_changed
        self.view_changed = window.view_changed

    # -- menus and messages ---------------------------------------------------------------
    def menu(self, name: str):
        """One of the top-level menus: "&File", "&Edit", "&View", "&Tools", "&Help"."""
        return self._window.menu(name)

    def show_status(self, text: str, ms: int = 4000) -> None:
        self._window.show_status(text, ms)

    def show_notice(self, text: str) -> None:
        self._window.show_notice(text)

    def add_bar(self, widget) -> None:
        """A feature's bar under the article (the find bar)."""
        self._window.add_bar(widget)

    def add_key_help(self, provider) -> None:
        """provider() -> [(where, what, keys)]: keys the feature handles, for the F1 list."""
        self._window.add_key_help(provider)

    def status_bar(self):
        """The status bar, for a permanent widget (progress)."""
        return self._window.statusBar()

    def is_dark(self) -> bool:
        return self._window.is_dark()

    # -- the article ------------------------------------------------------------------------
    def current_document(self):
        """The annotated Document shown, or None (nothing open, or still annotating)."""
        return self._window.current_document()

    def current_article(self):
        return self._window.current_article()

    def current_view(self):
        return self._window.current_view()

    def reannotate(self) -> None:
        """Annotate the open article again (feature data changed), keeping the place."""
        self._window.reannotate()

    # -- the library --------------------------------------------------------------------------
    @property
    def library_panel(self):
        return self._window.library_panel

    def refresh_library(self) -> None:
        self._window.refresh_library()

    def open_article(self, article_id: str) -> bool:
        return self._window.open_article(article_id)

    def article_renamed(self, info) -> None:
        """An article's title changed: the window shows it if that article is open."""
        self._window.on_article_renamed(info)

    def open_text(self, info, text: str) -> None:
        self._window.open_text(info, text)


def feature_context(window) -> FeatureContext:
    """The context for `window` (a MainWindow, or already a FeatureContext)."""
    return window if isinstance(window, FeatureContext) else FeatureContext(window)
