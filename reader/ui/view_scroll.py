"""ArticleView's scrolling: the anchored reading position, relayout and the scroll bar."""
from __future__ import annotations

from PySide6.QtCore import QTimer

from reader.ui.font_warmer import warm_jobs
from reader.ui.paragraph_flow import ParagraphFlow
from reader.ui.text_layout import ParagraphLayout

JUMP_HIGHLIGHT_MS = 3000


class ViewScrollMixin:
    """Keeps the text at the top of the viewport in place; lays out what comes into view."""

    def reading_position(self) -> int:
        """Base offset of the first line at the top of the viewport."""
        return self._position_and_delta()[0]

    def scroll_to_base_offset(self, offset: int, highlight: tuple[int, int] | None = None) -> None:
        """Bring base `offset` to a third of the way down; optionally highlight a range."""
        if self._document is None:
            return
        if highlight is not None:
            self.set_marks("jump", [highlight], "highlight")
            self._jump_timer.start(JUMP_HIGHLIGHT_MS)
        self._place_offset(offset, self.viewport().height() / 3.0)

    def visible_base_range(self) -> tuple[int, int]:
        """Base offsets (start, end) of the paragraphs painted now."""
        self._layout_visible()
        if not self._placed or self._document is None:
            return 0, 0
        return self._flow.base_range(self._placed[0][1].index, self._placed[-1][1].index)

    def _rebuild(self, position: int, delta: float) -> None:
        """New layout configuration: estimate every height, then restore the position."""
        self._config = self._make_config()
        if self._document is None:
            self._flow = None
            self._placed = []
            self._sync_scrollbar()
            self.viewport().update()
            return
        self._flow = ParagraphFlow(self._document, self._view, self._config,
                                   self._line_providers, self._schedule_sync)
        self._place_offset(position, -delta)

    def _relayout(self) -> None:
        position, delta = self._position_and_delta()
        self._rebuild(position, delta)

    def _paragraph(self, index: int) -> ParagraphLayout:
        return self._flow.paragraph(index)

    def _place_offset(self, base_offset: int, from_top: float) -> None:
        """Scroll so that the line holding `base_offset` is `from_top` px below the top."""
        if self._flow is not None:
            self._flow.place(base_offset, from_top, self.viewport().height())
            self._after_scroll()

    def _after_scroll(self) -> None:
        if self._flow is not None:
            self._flow.normalize(self.viewport().height())
        self._layout_visible()
        self._sync_scrollbar()
        self.popups.reposition()
        self.viewport().update()
        self._emit_position()
        self._schedule_warmup()

    def _schedule_warmup(self) -> None:
        """Let the other views' fonts rasterise the visible text while the reader reads."""
        if self._document is not None and self._placed:
            first, last = self._placed[0][1].index, self._placed[-1][1].index
            self._warmer.schedule(warm_jobs(self._document, self._view, 0, 0, self._points,
                                            self._flow.base_range(first, last)))

    def _layout_visible(self) -> list[tuple[float, ParagraphLayout]]:
        flow = self._flow
        self._placed = flow.visible(self.viewport().height()) if flow is not None else []
        return self._placed

    def _position_and_delta(self) -> tuple[int, float]:
        """(base offset of the top line, px of that line's slot above the viewport top)."""
        return self._flow.position_and_delta() if self._flow is not None else (0, 0.0)

    def _emit_position(self) -> None:
        position = self.reading_position()
        if position != self._position:
            self._position = position
            self.position_changed.emit(position)

    def _schedule_sync(self) -> None:
        if not self._sync_pending:
            self._sync_pending = True
            QTimer.singleShot(0, self._sync_scrollbar)

    def _sync_scrollbar(self) -> None:
        self._sync_pending = False
        bar = self.verticalScrollBar()
        room = self.viewport().height()
        flow = self._flow
        total, value = (flow.total(), flow.value()) if flow is not None else (0.0, 0.0)
        self._syncing = True
        try:
            bar.setRange(0, max(0, int(total - room)))
            bar.setPageStep(max(1, int(room * 0.9)))
            bar.setSingleStep(max(1, int(self._config.pitch if self._config else 20)))
            bar.setValue(round(value))
        finally:
            self._syncing = False

    def _on_scrolled(self, value: int) -> None:
        if self._syncing or self._flow is None:
            return
        self._flow.set_value(value, self.viewport().height())
        self._after_scroll()

    def _ensure_token_visible(self, token_index: int) -> None:
        self._layout_visible()
        rects = self.token_rects(token_index)
        room = self.viewport().height()
        if rects and all(r.top() >= 0 and r.bottom() <= room for r in rects):
            return
        self._place_offset(self._document.span(token_index)[0], room / 3.0)
        self._layout_visible()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._config is not None and self._document is not None:
            old_width = self._config.width
            if abs(self._make_config().width - old_width) > 0.5:
                self._relayout()
                return
            self._x0 = round((self._text_room() - old_width) / 2)
            self._after_scroll()
