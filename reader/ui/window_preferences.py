"""Display preferences of the main window: script view, text size, theme, tones, pinyin."""
from __future__ import annotations

from reader.core.settings import clamp_font_size
from reader.core.text.scripts import View
from reader.ui.theme import system_prefers_dark
from reader.ui.window_palette import apply_window_palette


class WindowPreferences:
    """MainWindow's preference setters and their first application (a mixin)."""

    def _apply_preferences(self) -> None:
        restore = self._restore
        self.article_view.set_font_size(self.settings.font_size() if restore
                                        else self.settings.default_font_size())
        tone = self.settings.tone_colours() if restore else False
        ruby = self.settings.ruby_mode() if restore else "none"
        self.actions.tone_colours.setChecked(tone)
        self.article_view.set_tone_colours(tone)
        self._show_ruby_mode(ruby)
        self.actions.themes[self._theme].setChecked(True)
        self._apply_theme()
        self._show_view(self._view)
        if restore:
            geometry, state = self.settings.geometry(), self.settings.state()
            if not geometry.isEmpty():
                self.restoreGeometry(geometry)
            else:
                self.resize(1280, 820)
            if not state.isEmpty():
                self.restoreState(state)
        else:
            self.resize(1280, 820)

    def set_view(self, view: View) -> None:
        """Show the article in another script, keeping the reading position."""
        view = View(view)
        if view == self._view:
            self._show_view(view)
            return
        self._show_view(view)
        self.article_view.set_view(view)
        if self._words.built is not None:  # else it takes the view once built
            self._words.built.set_view(view)
        self.settings.set_view(view)
        info = self.session.info
        self.status.set_article(info.length if info else None, view)
        if info is not None:
            self._show_title(info)
        self.view_changed.emit(view)

    def set_font_size(self, points: int) -> None:
        points = clamp_font_size(points)
        self.settings.set_font_size(points)
        self.article_view.set_font_size(points)
        if self.session.info is not None:
            self._show_title(self.session.info)
        self.window_fit.fit()
        self.show_status(f"Text size {self.article_view.font_size()} pt", 1500)

    def set_theme(self, theme: str) -> None:
        """'system' (follow the desktop), 'light' or 'dark'."""
        self._theme = theme
        self.settings.set_theme(theme)
        self.actions.themes[theme].setChecked(True)
        self._apply_theme()

    def is_dark(self) -> bool:
        return self._theme == "dark" or (self._theme == "system" and system_prefers_dark())

    def set_tone_colours(self, on: bool) -> None:
        self.actions.tone_colours.setChecked(on)
        self.settings.set_tone_colours(on)
        self.article_view.set_tone_colours(on)

    def set_ruby(self, on: bool) -> None:
        """Pinyin above every word, or none."""
        self.set_ruby_mode("all" if on else "none")

    def set_ruby_mode(self, mode: str) -> None:
        """"none", "all", or "unknown" (only over words not marked known)."""
        self.settings.set_ruby_mode(mode)
        self._show_ruby_mode(mode)

    def cycle_ruby(self) -> None:
        """Ctrl+P: all → only words I don't know → none → all."""
        order = ("none", "all", "unknown")
        current = self.article_view.ruby_mode()
        self.set_ruby_mode(order[(order.index(current) + 1) % len(order)])

    def _show_ruby_mode(self, mode: str) -> None:
        self.actions.ruby.setChecked(mode != "none")
        self.actions.ruby_modes[mode].setChecked(True)
        self.article_view.set_ruby_mode(mode)
        labels = {"none": "off", "all": "over every word", "unknown": "only over words you don't know"}
        self.actions.ruby.setStatusTip(f"Pinyin above words: {labels[mode]} (Ctrl+P cycles)")

    def on_color_scheme_changed(self, _scheme) -> None:
        if self._theme == "system":
            self._apply_theme()

    def _show_view(self, view: View) -> None:
        self._view = View(view)
        self.script_toggle.set_view(self._view)
        self.actions.views[self._view].setChecked(True)

    def _apply_theme(self) -> None:
        dark = self.is_dark()
        apply_window_palette(dark)
        self.script_toggle.restyle()
        self.article_view.set_dark(dark)

