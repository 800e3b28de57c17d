"""ArticleView's appearance settings: font size, theme, ruby mode and romanisation."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QFontInfo

from reader.core.settings import clamp_font_size
from reader.ui.text_layout import LayoutConfig
from reader.ui.theme import Theme, pinyin_font, reading_font, ruby_font, theme_for

RUBY_SCALE = 0.58  # pinyin above words, of the text size (readable, ≥ 55 %)
MEASURE_EM = 40  # longest line, in ems
SIDE_MARGIN = 28  # px left and right at least
RUBY_MODES = ("none", "all", "unknown")


class ViewAppearanceMixin:
    """Font size, dark theme, ruby (pinyin above words), romanisation and tone colours."""

    def set_font_size(self, points: int) -> None:
        points = clamp_font_size(points)
        if points != self._points:
            self._points = points
            self._relayout()

    def font_size(self) -> int:
        return self._points

    def set_dark(self, dark: bool) -> None:
        self._theme = theme_for(dark)
        self.popups.apply_theme()
        self.viewport().update()

    def is_dark(self) -> bool:
        return self._theme.name == "dark"

    def theme(self) -> Theme:
        return self._theme

    def set_ruby(self, on: bool) -> None:
        """Pinyin above every word (True) or none (False)."""
        self.set_ruby_mode("all" if on else "none")

    def ruby(self) -> bool:
        """Whether any pinyin is shown above words."""
        return self._ruby_mode != "none"

    def set_ruby_mode(self, mode: str) -> None:
        """"none", "all", or "unknown": pinyin only over words the ruby filter accepts."""
        if mode not in RUBY_MODES:
            raise ValueError(f"unknown ruby mode {mode!r}; use one of {', '.join(RUBY_MODES)}")
        if mode != self._ruby_mode:
            self._ruby_mode = mode
            self._relayout()

    def ruby_mode(self) -> str:
        return self._ruby_mode

    def set_ruby_filter(self, keep: Callable[[int], bool] | None) -> None:
        """keep(token_index) -> whether the word gets pinyin in "unknown" mode (None: all)."""
        self._ruby_filter = keep
        self.refresh_ruby()

    def refresh_ruby(self, paragraphs: Iterable[int] | None = None) -> None:
        """The filter's answers changed (a word's status): lay out again `paragraphs`
        (indices; None: all), keeping the reading position and the popup."""
        flow = self._flow
        if self._ruby_mode != "unknown" or flow is None:
            return
        if paragraphs is None:
            flow.cache.clear()
        else:
            for index in paragraphs:
                flow.cache.pop(index, None)
        position, delta = self._position_and_delta()
        room = self.viewport().height()
        flow.place(position, -delta, room)
        flow.normalize(room)
        self._layout_visible()
        self._sync_scrollbar()
        self.viewport().update()

    def ruby_tokens(self) -> list[int]:
        """Token indices with pinyin drawn above them, in the paragraphs laid out now."""
        return [run.token_index for _, layout in self._placed for run in layout.ruby_runs]

    def set_romanisation(self, system: str) -> None:
        """What ruby and the popup show: pinyin, pinyin_numbers, zhuyin or jyutping."""
        if system != self._romanisation:
            self._romanisation = system
            self.popups.hide()
            self._relayout()

    def romanisation(self) -> str:
        return self._romanisation

    def set_tone_colours(self, on: bool) -> None:
        self._tone_colours = bool(on)
        self.viewport().update()

    def tone_colours(self) -> bool:
        return self._tone_colours

    def cjk_family(self) -> str:
        """The CJK family actually used for the text (for the popup's headword)."""
        if not self._family:
            self._family = QFontInfo(self._reading_font()).family()
        return self._family

    def _reading_font(self):
        script = self._document.script if self._document is not None else None
        from reader.core.text.scripts import Script

        return reading_font(self._view, script or Script.SIMPLIFIED, self._points)

    def _text_room(self) -> int:
        """The viewport's width as if the scroll bar showed: the text keeps its width and
        place when the bar comes or goes (re-flowing a long article would stall the window)."""
        bar = self.verticalScrollBar()
        return min(self.viewport().width(), self.contentsRect().width() - bar.sizeHint().width())

    def _make_config(self) -> LayoutConfig:
        font = self._reading_font()
        self._family = ""
        ruby = self._ruby_mode != "none"
        keep = self._ruby_filter if self._ruby_mode == "unknown" else None
        probe = LayoutConfig.make(font, ruby_font(self._points * RUBY_SCALE),
                                  pinyin_font(self._points * 0.72), 100.0, ruby)
        available = max(100.0, self._text_room() - 2 * SIDE_MARGIN)
        width = min(available, MEASURE_EM * probe.em)
        self._x0 = round((self._text_room() - width) / 2)
        return LayoutConfig.make(font, probe.ruby_font, probe.line_font, width, ruby, keep,
                                 self._romanisation)
