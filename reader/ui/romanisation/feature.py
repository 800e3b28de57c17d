"""View › Romanisation: pinyin (marks or numbers), Zhuyin or Cantonese Jyutping.

The choice is the `view.romanisation` setting; the article view uses it for ruby and the
popup, the flashcard window for exports. Jyutping's data (seconds to load) and the character
components loads on a worker before the view switches, so the window never waits for it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup

from reader.core.text.romanize import LABELS, SYSTEMS, components, load_jyutping
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.tasks import error_message

SERVICES = ()  # what this feature uses of `Services`


class RomanisationFeature(QObject):
    """The View › Romanisation menu, applied to the article view."""

    def __init__(self, context, services) -> None:
        super().__init__(context.widget)
        self.context = context
        self.settings = context.settings  # the SettingsBridge (persist respected)
        menu = context.menu("&View").addMenu("&Romanisation")
        group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        for system in SYSTEMS:
            action = QAction(LABELS[system], context.widget)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, s=system: self.set_system(s))
            group.addAction(action)
            menu.addAction(action)
            self.actions[system] = action
        self.set_system(self.settings.romanisation(), save=False)
        context.tasks.run(lambda: components("好"), label="")  # the components' data, early

    def set_system(self, system: str, save: bool = True) -> None:
        """Use `system` in ruby, the popup and exports (Jyutping loads its data first)."""
        if system not in SYSTEMS:
            return
        self.actions[system].setChecked(True)
        if save:
            self.settings.set_romanisation(system)
        if system == "jyutping":
            self.context.show_status("Loading Cantonese readings…")
            self.context.tasks.run(load_jyutping, lambda _m: self._apply(system),
                                  lambda exc: self.context.show_status(
                                      f"Jyutping is not available: {error_message(exc)}"),
                                  label="Loading Jyutping…")
            return
        self._apply(system)

    def _apply(self, system: str) -> None:
        if self.settings.romanisation() != system:
            return  # another choice came while the data loaded
        self.context.article_view.set_romanisation(system)
        self.context.show_status(f"Readings in {LABELS[system]}.", 2000)


def install(window, services) -> RomanisationFeature:
    """Add View › Romanisation."""
    return RomanisationFeature(feature_context(window), DeclaredServices(services, SERVICES))
