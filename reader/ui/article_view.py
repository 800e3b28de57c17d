"""The reading widget: an annotated Document shown in one script view, word by word.

A `QAbstractScrollArea` that lays out paragraphs lazily (`ParagraphLayout`, only those
near the viewport; estimated heights for the rest in a `HeightIndex`), paints only what is
visible, and hit-tests through the layout: mouse → paragraph → line → character → token
(`Document.token_index_at`). The scroll position is kept as an anchor (a paragraph and the
pixels of it above the viewport), so refined heights above never move the text. It never
segments or converts text: everything comes from the Document.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFontInfo, QPainter
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QWidget

from reader.core.settings import clamp_font_size
from reader.core.text.document import Document, Kind
from reader.core.text.scripts import View
from reader.ui.context_menu import ContextMenus
from reader.ui.font_warmer import FontWarmer, warm_jobs
from reader.ui.marks import MarkSet
from reader.ui.paragraph_flow import LineProvider, ParagraphFlow
from reader.ui.popup_controller import PopupController
from reader.ui.selection import ordered, to_base_range
from reader.ui.text_layout import LayoutConfig, ParagraphLayout
from reader.ui.theme import LIGHT, Theme, pinyin_font, reading_font, ruby_font, theme_for

OWNED_STYLES = ("person", "search")  # highlights of which one shows at a time
RUBY_SCALE = 0.58  # pinyin above words, of the text size (readable, ≥ 55 %)

MEASURE_EM = 40  # longest line, in ems
SIDE_MARGIN = 28  # px left and right at least
JUMP_HIGHLIGHT_MS = 3000
_WORD_KINDS = (Kind.WORD, Kind.LATIN)
RUBY_MODES = ("none", "all", "unknown")



class ArticleView(QAbstractScrollArea):
    """Shows one Document; hover and keyboard lookup, marks, ruby, selection.

    Signals:
        word_hovered(int): token index under the mouse, -1 when none.
        word_clicked(int): a word was clicked (token index).
        selection_changed(): the selected range changed.
        position_changed(int): base offset at the top of the viewport changed.
        line_clicked(int): a line added by a line provider was clicked (paragraph index).
    """

    word_hovered = Signal(int)
    word_clicked = Signal(int)
    selection_changed = Signal()
    position_changed = Signal(int)
    line_clicked = Signal(int)

    def __init__(self, dictionary=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dictionary = dictionary
        self._document: Document | None = None
        self._view = View.ORIGINAL
        self._points = 18
        self._ruby_mode = "none"
        self._ruby_filter: Callable[[int], bool] | None = None
        self._tone_colours = False
        self._romanisation = "pinyin"
        self._theme: Theme = LIGHT
        self._config: LayoutConfig | None = None
        self._family = ""
        self._flow: ParagraphFlow | None = None
        self._x0 = 0.0
        self._placed: list[tuple[float, ParagraphLayout]] = []
        self._syncing = False
        self._sync_pending = False
        self._hover = -1
        self._cursor: int | None = None
        self._selection: tuple[int, int] | None = None  # view offsets (anchor, moving end)
        self._press: int | None = None
        self._marks: dict[str, MarkSet] = {}
        self._line_providers: dict[str, LineProvider] = {}
        self._position = -1
        self._jump_timer = QTimer(self)
        self._jump_timer.setSingleShot(True)
        self._jump_timer.timeout.connect(lambda: self.clear_marks("jump"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().setAutoFillBackground(False)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.popups = PopupController(self)
        self.context_menus = ContextMenus(self)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self._warmer = FontWarmer(self)
        self.setMinimumSize(200, 150)

    # -- public API: content ------------------------------------------------------
    def set_document(self, document: Document | None, view: View, base_offset: int = 0) -> None:
        """Show `document` in `view`, scrolled so `base_offset` is at the top."""
        self.popups.hide()
        self._document = document
        self._view = View(view)
        self._marks.clear()
        self._hover = -1
        self._cursor = None
        had_selection = self._selection is not None
        self._selection = None
        self._position = -1
        self._rebuild(max(0, base_offset), 0.0)
        if had_selection:
            self.selection_changed.emit()

    def document(self) -> Document | None:
        return self._document

    def view(self) -> View:
        return self._view

    def set_view(self, view: View) -> None:
        """Switch script; the text at the top of the viewport stays where it is."""
        view = View(view)
        if view == self._view:
            return
        position, delta = self._position_and_delta()
        self.popups.hide()
        self._view = view
        self._selection = None
        self._rebuild(position, delta)

    def set_dictionary(self, dictionary) -> None:
        self._dictionary = dictionary

    def dictionary(self):
        return self._dictionary

    # -- public API: appearance ---------------------------------------------------
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

    # -- public API: marks, lines, popup ------------------------------------------
    def set_marks(self, name: str, spans: list[tuple[int, int]], style: str) -> None:
        """Mark base-offset ranges in a style: glossary, person, highlight or search.

        A person or search highlight has one owner at a time: it replaces the other's."""
        self.set_mark_set(name, MarkSet(style, list(spans)))

    def set_mark_set(self, name: str, marks: MarkSet) -> None:
        """`set_marks` with the MarkSet built beforehand, e.g. on a worker thread (sorting a
        long document's tens of thousands of spans would stall the GUI thread)."""
        if marks.style in OWNED_STYLES:
            for other in [n for n, m in self._marks.items()
                          if n != name and m.style in OWNED_STYLES]:
                del self._marks[other]
        self._marks[name] = marks
        self.viewport().update()

    def clear_marks(self, name: str) -> None:
        if self._marks.pop(name, None) is not None:
            self.viewport().update()

    def marks(self, name: str) -> list[tuple[int, int]]:
        found = self._marks.get(name)
        return list(found.spans) if found else []

    def add_popup_section(self, provider, order: int) -> None:
        """provider(document, token_index, view) -> rich-text HTML or None; lower order first."""
        self.popups.add_section(provider, order)

    def add_popup_action(self, label: str, key: str, callback) -> None:
        """A popup button and key; callback(document, token_index, view)."""
        self.popups.add_action(label, key, callback)

    def add_context_actions(self, provider, order: int) -> None:
        """provider(MenuTarget) -> actions for the right-click menu (None: a separator)."""
        self.context_menus.add(provider, order)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Right-click: the menu for the word under the pointer or the selection."""
        menu = self.context_menu_at(QPointF(event.pos()))
        if menu is not None:
            menu.popup(event.globalPos())

    def context_menu_at(self, pos: QPointF):
        """The right-click menu for viewport position `pos`, built but not shown."""
        return self.context_menus.menu_at(pos)

    def set_line_provider(self, name: str, provider: LineProvider | None) -> None:
        """provider(document, paragraph_index, view) -> a line drawn under the paragraph."""
        if provider is None:
            self._line_providers.pop(name, None)
        else:
            self._line_providers[name] = provider
        self.refresh_lines()

    def refresh_lines(self) -> None:
        """Ask the line providers again (their content changed)."""
        self._relayout()

    def show_popup_for(self, token_index: int) -> bool:
        """Scroll the word into view and show its popup at once."""
        if self._document is None or not 0 <= token_index < len(self._document):
            return False
        self._ensure_token_visible(token_index)
        return self.popups.show(token_index)

    def popup(self):
        """The popup widget (for screenshots and tests)."""
        return self.popups.popup

    def hovered_token(self) -> int:
        return self._hover

    # -- public API: position -----------------------------------------------------
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

    # -- public API: selection and word cursor -------------------------------------
    def selected_base_range(self) -> tuple[int, int] | None:
        rng = self.selected_view_range()
        return None if rng is None else to_base_range(self._document, self._view, *rng)

    def selected_view_range(self) -> tuple[int, int] | None:
        """The selection in view offsets (start, end), or None."""
        return ordered(self._selection)

    def selected_text(self) -> str:
        rng = self.selected_view_range()
        if rng is None or self._document is None:
            return ""
        return self._document.text(self._view)[rng[0]:rng[1]]

    def select_base_range(self, start: int, end: int) -> None:
        doc = self._document
        if doc is None:
            return
        self._selection = (doc.to_view_offset(start, self._view), doc.to_view_offset(end, self._view))
        self.viewport().update()
        self.selection_changed.emit()

    def word_cursor(self) -> int | None:
        return self._cursor

    def move_word_cursor(self, delta: int) -> None:
        """Step the word cursor over `delta` words (skipping punctuation and space)."""
        doc = self._document
        if doc is None or delta == 0 or len(doc) == 0:
            return
        step = 1 if delta > 0 else -1
        if self._cursor is None:
            first = doc.token_index_at(self.reading_position()) or 0
            index, remaining = first - step, abs(delta)
        else:
            index, remaining = self._cursor, abs(delta)
        found = self._cursor
        while remaining and 0 <= index + step < len(doc):
            index += step
            if doc.kind(index) in _WORD_KINDS:
                found, remaining = index, remaining - 1
        if found is None:
            return
        self._cursor = found
        self.show_popup_for(found)
        self.viewport().update()

    # -- geometry -------------------------------------------------------------------
    def _reading_font(self):
        script = self._document.script if self._document is not None else None
        from reader.core.text.scripts import Script

        return reading_font(self._view, script or Script.SIMPLIFIED, self._points)

    def _make_config(self) -> LayoutConfig:
        font = self._reading_font()
        self._family = ""
        ruby = self._ruby_mode != "none"
        keep = self._ruby_filter if self._ruby_mode == "unknown" else None
        probe = LayoutConfig.make(font, ruby_font(self._points * RUBY_SCALE),
                                  pinyin_font(self._points * 0.72), 100.0, ruby)
        available = max(100.0, self.viewport().width() - 2 * SIDE_MARGIN)
        width = min(available, MEASURE_EM * probe.em)
        self._x0 = round((self.viewport().width() - width) / 2)
        return LayoutConfig.make(font, probe.ruby_font, probe.line_font, width, ruby, keep,
                                 self._romanisation)

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

    # -- scroll bar -----------------------------------------------------------------
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

    # -- hit testing ----------------------------------------------------------------
    def _hit(self, pos: QPointF) -> tuple[ParagraphLayout, float, float] | None:
        for top, layout in self._placed:
            if top <= pos.y() < top + layout.height:
                return layout, pos.x() - self._x0, pos.y() - top
        return None

    def token_at(self, pos: QPointF) -> int:
        """The word (token index) under viewport position `pos`, or -1."""
        hit = self._hit(pos)
        if hit is None:
            return -1
        offset = hit[0].char_at(hit[1], hit[2])
        if offset is None:
            return -1
        index = self._document.token_index_at(offset, self._view)
        if index is None or self._document.kind(index) not in _WORD_KINDS:
            return -1
        return index

    def boundary_at(self, pos: QPointF) -> int | None:
        hit = self._hit(pos)
        if hit is None:
            if self._placed and pos.y() >= self._placed[-1][0] + self._placed[-1][1].height:
                return self._placed[-1][1].end
            return self._placed[0][1].start if self._placed else None
        return hit[0].boundary_at(hit[1], hit[2])

    def token_rects(self, token_index: int) -> list[QRectF]:
        """Viewport rectangles of a token (empty when it is not on screen)."""
        if self._document is None:
            return []
        start, end = self._document.span(token_index, self._view)
        return self._range_rects(start, end)

    def _range_rects(self, start: int, end: int) -> list[QRectF]:
        rects = []
        for top, layout in self._placed:
            if layout.end < start or layout.start > end:
                continue
            for rect in layout.range_rects(start, end):
                rects.append(rect.translated(self._x0, top))
        return rects

    def token_global_rect(self, token_index: int) -> QRect | None:
        """The token's bounding rectangle in global coordinates, or None if off screen."""
        rects = self.token_rects(token_index)
        if not rects:
            return None
        box = rects[0]
        for rect in rects[1:]:
            box = box.united(rect)
        if self._ruby_mode != "none" and self._config is not None:  # the pinyin above belongs to the word
            box.adjust(0, -self._config.line_top, 0, 0)
        top_left = self.viewport().mapToGlobal(box.topLeft().toPoint())
        return QRect(top_left, box.size().toSize())

    def _ensure_token_visible(self, token_index: int) -> None:
        self._layout_visible()
        rects = self.token_rects(token_index)
        room = self.viewport().height()
        if rects and all(r.top() >= 0 and r.bottom() <= room for r in rects):
            return
        self._place_offset(self._document.span(token_index)[0], room / 3.0)
        self._layout_visible()

    # -- painting -------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), self._theme.background)
        if self._document is None or self._config is None:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        clip = QRectF(event.rect())
        for top, layout in self._layout_visible():
            if top > clip.bottom() or top + layout.height < clip.top():
                continue
            self._paint_paragraph(painter, top, layout)
        painter.end()

    def _paint_paragraph(self, painter: QPainter, top: float, layout: ParagraphLayout) -> None:
        from reader.ui.view_painting import paint_backgrounds, paint_foregrounds

        origin = QPointF(self._x0, top)
        paint_backgrounds(self, painter, origin, layout)
        layout.draw(painter, origin, self._theme, self._tone_colours)
        paint_foregrounds(self, painter, origin, layout)

    # -- mouse ----------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            end = self.boundary_at(pos)
            if end is not None and (self._selection is None or self._selection[1] != end):
                self._selection = (self._press, end)
                self.viewport().update()
                self.selection_changed.emit()
            return
        self._set_hover(self.token_at(pos))

    def _set_hover(self, token: int) -> None:
        if token == self._hover:
            return
        old = self._hover
        self._hover = token
        for index in (old, token):
            if index >= 0:
                for rect in self.token_rects(index):
                    self.viewport().update(rect.adjusted(-3, -3, 3, 3).toAlignedRect())
        self.word_hovered.emit(token)
        self.popups.on_hover(token)

    def viewportEvent(self, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ContextMenu:
            self._before_context_menu(QPointF(event.pos()))
        return super().viewportEvent(event)

    def _before_context_menu(self, pos: QPointF) -> None:
        """Right-click: the hover popup goes first; with no selection, the word under the
        pointer becomes the selection, so the menu's actions apply to it."""
        self.popups.hide()
        if self.selected_view_range() is None and self._document is not None:
            token = self.token_at(pos)
            if token >= 0 and self._document.token(token).is_word:
                start, end = self._document.span(token)
                self.select_base_range(start, end)

    def enterEvent(self, event) -> None:  # noqa: N802
        """Coming back onto a word shows its popup without a second mouse move."""
        pos = self.viewport().mapFromGlobal(event.globalPosition().toPoint())
        if self.viewport().rect().contains(pos):
            self._set_hover(self.token_at(QPointF(pos)))
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._set_hover(-1)
        self.popups.on_view_left()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._press = self.boundary_at(event.position())
        if self._selection is not None:
            self._selection = None
            self.viewport().update()
            self.selection_changed.emit()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        self._press = None
        if self.selected_view_range() is None:
            token = self.token_at(event.position())
            if token >= 0:
                self._cursor = token
                self.popups.show(token)
                self.viewport().update()
                self.word_clicked.emit(token)
            else:
                hit = self._hit(event.position())
                if hit is not None and hit[0].in_extra_lines(hit[2]):
                    self.line_clicked.emit(hit[0].paragraph)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        token = self.token_at(event.position())
        if token >= 0:
            self._selection = self._document.span(token, self._view)
            self.viewport().update()
            self.selection_changed.emit()

    def wheelEvent(self, event) -> None:  # noqa: N802
        super().wheelEvent(event)
        self._set_hover(self.token_at(event.position()))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._config is not None and self._document is not None:
            old_width = self._config.width
            if abs(self._make_config().width - old_width) > 0.5:
                self._relayout()
                return
            self._x0 = round((self.viewport().width() - old_width) / 2)
            self._after_scroll()

    # -- keyboard -------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        from reader.ui.view_keys import handle_key

        if not handle_key(self, event):
            super().keyPressEvent(event)

    def clear_selection(self) -> bool:
        if self._selection is None:
            return False
        self._selection = None
        self.viewport().update()
        self.selection_changed.emit()
        return True

    # -- checks ----------------------------------------------------------------------
    def displayed_text(self) -> str:
        """The text Qt lays out and draws, paragraph by paragraph (lays out everything)."""
        return self._flow.shown_text() if self._flow is not None else ""

    def laid_out_paragraphs(self) -> int:
        """How many paragraph layouts are held (every other height is an estimate)."""
        return len(self._flow.cache) if self._flow is not None else 0

    def visible_layouts(self) -> list[tuple[float, ParagraphLayout]]:
        """(top y, layout) of the paragraphs on screen (for tests and screenshots)."""
        return list(self._layout_visible())

    def mark_sets(self) -> dict[str, MarkSet]:
        return self._marks
