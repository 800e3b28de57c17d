"""The reading widget: an annotated Document shown in one script view, word by word.

A `QAbstractScrollArea` that lays out paragraphs lazily (`ParagraphLayout`, only those
near the viewport; estimated heights for the rest in a `HeightIndex`), paints only what is
visible, and hit-tests through the layout: mouse → paragraph → line → character → token
(`Document.token_index_at`). The scroll position is kept as an anchor (a paragraph and the
pixels of it above the viewport), so refined heights above never move the text. It never
segments or converts text: everything comes from the Document.

The class is put together from mixins, one per concern: appearance and ruby settings
(`view_appearance`), scrolling and the anchor (`view_scroll`), hover and the popup
(`view_hover`), selection, word cursor and context menu (`view_selection`).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QWidget

from reader.core.text.document import Document
from reader.core.text.scripts import View
from reader.ui.context_menu import ContextMenus
from reader.ui.font_warmer import FontWarmer
from reader.ui.marks import MarkSet
from reader.ui.paragraph_flow import LineProvider, ParagraphFlow
from reader.ui.popup_controller import PopupController
from reader.ui.text_layout import LayoutConfig, ParagraphLayout
from reader.ui.theme import LIGHT, Theme
from reader.ui.view_appearance import ViewAppearanceMixin
from reader.ui.view_hover import ViewHoverMixin
from reader.ui.view_scroll import ViewScrollMixin
from reader.ui.view_selection import WORD_KINDS, ViewSelectionMixin

OWNED_STYLES = ("person", "search")  # highlights of which one shows at a time


class ArticleView(ViewAppearanceMixin, ViewScrollMixin, ViewHoverMixin, ViewSelectionMixin,
                  QAbstractScrollArea):
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
        # Our own viewport widget: asking Qt for its built-in one makes PySide6 look up the
        # most derived type of a QWidget it never saw, which creates every QWidget subclass
        # with its enums (~80 of them, 15-25 ms before the first paint).
        self.setViewport(QWidget(self))
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

    # -- public API: marks and lines ----------------------------------------------
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
        if index is None or self._document.kind(index) not in WORD_KINDS:
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

    # -- keyboard -------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        from reader.ui.view_keys import handle_key

        if not handle_key(self, event):
            super().keyPressEvent(event)

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
