"""The Glossary tab widget: filter box, terms grouped by category, Add / Edit / Delete."""
from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.glossary.model import (
    COL_COUNT,
    COL_TERM,
    ENTRY_ROLE,
    FILL_STEP,
    GlossaryFilterModel,
    GlossaryTreeModel,
    TermRow,
    category_heading,
)
from reader.ui.plain_text import plain_label

_DONE = object()


class GlossaryPanel(QWidget):
    """Lists an article's glossary terms; activating one asks to show its occurrences.

    Signals:
        term_activated(str): a term row was clicked or Enter pressed (entry id).
        add_requested(): the Add… button.
        edit_requested(str): Edit… on the selected term (entry id).
        delete_requested(str): Delete on the selected term (entry id).
    """

    term_activated = Signal(str)
    add_requested = Signal()
    edit_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = GlossaryTreeModel(self)
        self.proxy = GlossaryFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._fills = 0  # counts `set_rows` calls: a newer one drops an unfinished fill
        self.fill_step = FILL_STEP  # terms per slice of a fill
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter terms (term, English, 中文)…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.on_filter_changed)
        self.tree = QTreeView(self)
        self.tree.setObjectName("glossary-tree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSortingEnabled(False)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COL_TERM, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_COUNT, QHeaderView.ResizeMode.ResizeToContents)
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted):
            signal.connect(self._span_categories)
        self.tree.clicked.connect(self.on_index_activated)
        self.tree.activated.connect(self.on_index_activated)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.status = plain_label(QLabel("Open an article to see its glossary terms.", self))
        self.status.setWordWrap(True)
        self.add_button = QPushButton("&Add…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.delete_button = QPushButton("&Delete", self)
        self.add_button.setToolTip("Add your own glossary entry")
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._emit_for_current(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._emit_for_current(self.delete_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- content ------------------------------------------------------------------------
    def set_rows(self, rows: list[TermRow]) -> None:
        """Show these terms (all categories expanded); keeps the filter text. A long list
        fills in slices, one per event-loop turn (a later call drops an unfinished fill)."""
        self._fills += 1
        # Filled while the filter proxy is detached: it maps the whole model once on
        # re-attaching instead of once per inserted row.
        self.proxy.setSourceModel(None)
        self._fill_more(self._fills, self.model.fill(rows, self.fill_step), rows)

    def _fill_more(self, fill: int, steps: Iterator[None], rows: list[TermRow]) -> None:
        if fill != self._fills:
            return  # another list (or `clear`) came meanwhile
        if next(steps, _DONE) is not _DONE:
            QTimer.singleShot(0, lambda: self._fill_more(fill, steps, rows))
            return
        self.proxy.setSourceModel(self.model)
        self.tree.expandAll()
        self._span_categories()
        self._fit_term_column(rows)
        total = sum(r.count for r in rows)
        self.status.setText(f"{len(rows)} terms, {total} occurrences." if rows
                            else "No glossary terms in this article.")
        if self.filter_edit.text().strip():
            self.on_filter_changed(self.filter_edit.text())
        self._update_buttons()

    def is_filling(self) -> bool:
        """Whether a long list is still being added (the tree shows it once complete)."""
        return self.proxy.sourceModel() is None

    def _span_categories(self, *_args) -> None:
        """Category rows span the columns, so the Term column is only as wide as terms."""
        for r in range(self.proxy.rowCount()):
            self.tree.setFirstColumnSpanned(r, QModelIndex(), True)

    def _fit_term_column(self, rows: list[TermRow]) -> None:
        metrics = self.tree.fontMetrics()
        widest = max((metrics.horizontalAdvance(r.term) for r in rows), default=0)
        em = metrics.horizontalAdvance("M")
        width = widest + self.tree.indentation() + 2 * em
        self.tree.header().resizeSection(COL_TERM, min(width, 14 * em))  # (may be hidden now)

    def clear(self, message: str) -> None:
        self._fills += 1
        self.model.set_rows([])
        self.proxy.setSourceModel(self.model)
        self.status.setText(message)
        self._update_buttons()

    def visible_terms(self) -> list[str]:
        """Terms shown after filtering, in display order (for tests and screen readers)."""
        out = []
        for r in range(self.proxy.rowCount()):
            parent = self.proxy.index(r, COL_TERM)
            for c in range(self.proxy.rowCount(parent)):
                out.append(self.proxy.index(c, COL_TERM, parent).data())
        return out

    def categories(self) -> list[str]:
        return [self.proxy.index(r, COL_TERM).data() for r in range(self.proxy.rowCount())]

    def index_of(self, entry_id: str) -> QModelIndex:
        """The proxy index of a term row (invalid if filtered out or absent)."""
        for r in range(self.proxy.rowCount()):
            parent = self.proxy.index(r, COL_TERM)
            for c in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(c, COL_TERM, parent)
                if index.data(ENTRY_ROLE) == entry_id:
                    return index
        return QModelIndex()

    def current_entry_id(self) -> str:
        index = self.tree.currentIndex()
        return index.data(ENTRY_ROLE) or "" if index.isValid() else ""

    # -- slots ----------------------------------------------------------------------------
    def on_filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self.tree.expandAll()
        self._count_categories()
        rows = self.model.term_rows()
        if text.strip() and rows and not self.visible_terms():
            self.status.setText("No matches")
        elif rows:
            shown = self._shown_rows()
            total = sum(r.count for r in shown)
            self.status.setText(f"{len(shown)} terms, {total} occurrences.")

    def _shown_rows(self) -> list:
        rows = []
        for r in range(self.proxy.rowCount()):
            parent = self.proxy.index(r, COL_TERM)
            for c in range(self.proxy.rowCount(parent)):
                row = self.model.row_for(self.proxy.index(c, COL_TERM, parent).data(ENTRY_ROLE))
                if row is not None:
                    rows.append(row)
        return rows

    def _count_categories(self) -> None:
        """Category headings count the terms the filter shows, not all of them."""
        for r in range(self.proxy.rowCount()):
            parent = self.proxy.index(r, COL_TERM)
            members = [self.model.row_for(self.proxy.index(c, COL_TERM, parent).data(ENTRY_ROLE))
                       for c in range(self.proxy.rowCount(parent))]
            members = [m for m in members if m is not None]
            item = self.model.itemFromIndex(self.proxy.mapToSource(parent))
            if members and item is not None:
                heading = category_heading(members[0].category, members)
                if item.text() != heading:
                    item.setText(heading)

    def on_index_activated(self, index: QModelIndex) -> None:
        entry_id = index.data(ENTRY_ROLE)
        if entry_id:
            self.term_activated.emit(entry_id)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _emit_for_current(self, signal) -> None:
        entry_id = self.current_entry_id()
        if entry_id:
            signal.emit(entry_id)

    def _update_buttons(self) -> None:
        has_term = bool(self.current_entry_id())
        self.edit_button.setEnabled(has_term)
        self.delete_button.setEnabled(has_term)

