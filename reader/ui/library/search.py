"""Full-text search of the library, under the library list: what is typed in the library's
filter box is also looked for in every article's text (either script: 腾讯 finds 騰訊), and
the articles that contain it are listed with the matching line. Choosing one opens the
article at the match, highlighted.

Searching runs on a worker thread (`window.tasks`) after typing pauses; older answers are
dropped when a newer query is on its way.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from reader.core.text.scripts import to_simplified
from reader.ui.feature_context import feature_context
from reader.ui.library.delegate import paint_title_line, two_line_size
from reader.ui.plain_text import plain_label, plain_tip

DEBOUNCE_MS = 300
PAD = 5
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class LibrarySearch(QObject):
    """The "Found in the texts" list under the library.

    Signals:
        results_shown(int): how many articles matched the latest query.
    """

    results_shown = Signal(int)

    def __init__(self, context, services, parent: QObject | None = None) -> None:
        context = feature_context(context)
        super().__init__(parent or context.widget)
        self.context = context
        self.library = services.library
        panel = context.library_panel
        self.box = panel.filter_box
        self.box.setPlaceholderText("Filter titles, search texts…")
        self.header = plain_label(QLabel(panel))  # quotes the query
        self.header.setObjectName("library-search-header")
        self.results = QListWidget(panel)
        self.results.setObjectName("library-search-results")
        self.results.setItemDelegate(SearchResultDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.layout().addWidget(self.header)
        panel.layout().addWidget(self.results, 1)
        self._generation = 0
        self._pending_jump: tuple[str, int, int] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.results.itemActivated.connect(self.on_result_chosen)
        self.results.itemClicked.connect(self.on_result_chosen)
        context.document_changed.connect(self.on_document_changed)
        self._show([])

    def search_now(self) -> None:
        """Search for the box's text now (normally after typing pauses)."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        query = self.box.text().strip()
        if not query:
            self._show([])
            return
        library = self.library
        self.context.tasks.run(lambda: library.search(query),
                              lambda hits: self._on_hits(generation, query, hits),
                              label="Searching the library…")

    def _on_hits(self, generation: int, query: str, hits) -> None:
        if generation == self._generation:
            self._show(hits, query)

    def _show(self, hits, query: str = "") -> None:
        self.results.clear()
        length = len(to_simplified(query))
        for hit in hits:
            item = QListWidgetItem(f"{hit.title}\n{hit.line}")
            item.setToolTip(plain_tip(f"{hit.title}\n\n{hit.line}"))
            item.setData(HIT_ROLE, (hit.id, hit.offset, hit.offset + length))
            self.results.addItem(item)
        visible = bool(query)
        self.header.setVisible(visible)
        self.results.setVisible(visible and bool(hits))
        if visible:
            self.header.setText(f"Found in {len(hits)} text{'s' if len(hits) != 1 else ''}"
                                if hits else f"No text contains “{query}”")
        self.results_shown.emit(len(hits))

    def on_result_chosen(self, item: QListWidgetItem) -> None:
        article_id, start, end = item.data(HIT_ROLE)
        current = self.context.current_article()
        if (current is not None and current.id == article_id
                and self.context.current_document() is not None):
            self._jump(start, end)
            return
        self._pending_jump = (article_id, start, end)
        self.context.open_article(article_id)

    def on_document_changed(self, _document) -> None:
        pending, self._pending_jump = self._pending_jump, None
        current = self.context.current_article()
        if pending and current is not None and current.id == pending[0]:
            self._jump(pending[1], pending[2])

    def _jump(self, start: int, end: int) -> None:
        if start >= 0:
            self.context.article_view.scroll_to_base_offset(start, highlight=(start, end))


class SearchResultDelegate(QStyledItemDelegate):
    """Paints a search result on two lines: the title in bold, then the matching line."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        return two_line_size(option, PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        title, _, line = (index.data(Qt.ItemDataRole.DisplayRole) or "").partition("\n")
        painter.save()
        rect, height, selected = paint_title_line(painter, option, title, PAD)
        metrics = QFontMetrics(option.font)
        if not selected:
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRect(rect.left(), rect.top() + height + PAD, rect.width(), height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()
