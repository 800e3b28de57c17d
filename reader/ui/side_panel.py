"""The right-hand dock: tabs that features add (Words, Glossary, People, ...)."""
from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QTabWidget, QWidget


class SidePanel(QDockWidget):
    """A dockable, collapsible panel holding one tab per feature.

    Signals (inherited): visibilityChanged(bool).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Panel", parent)
        self.setObjectName("side-panel")  # saveState() needs it
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("side-panel-tabs")
        self.tabs.setDocumentMode(True)
        self.setWidget(self.tabs)
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a feature's tab; returns its index."""
        if not widget.objectName():
            widget.setObjectName(f"tab-{title.lower().replace(' ', '-')}")
        return self.tabs.addTab(widget, title)

    def show_tab(self, widget: QWidget) -> None:
        """Open the panel on `widget`'s tab."""
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.show()
            self.raise_()
            self.tabs.setCurrentIndex(index)

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]
