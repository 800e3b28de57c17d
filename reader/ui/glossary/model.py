"""The Glossary tab's model: an article's glossary terms with counts, grouped by category.

`term_rows()` is plain Python over the annotated Document; `GlossaryTreeModel` shows them as
category rows ("cloud & tech (4)") with term rows under them, most frequent first (term in
the view's script, ×count, English), and a proxy filters on term, variants and both
explanations.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from reader.core.gloss.glosser import term_gloss
from reader.core.glossary.store import GlossaryTerms, view_text
from reader.core.text.document import Document
from reader.core.text.pinyin_search import pinyin_needle, pinyin_search_key
from reader.core.text.scripts import View
from reader.ui.plain_text import plain_tip
from reader.ui.search_filter import needles_pattern

COL_TERM, COL_COUNT, COL_MEANING = range(3)
HEADERS = ("Term", "×", "Meaning")
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # entry id ('' on category rows)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # text the filter looks at
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
FILL_STEP = 80  # terms added to the tree per event-loop turn (see `fill`)


@dataclass(frozen=True)
class TermRow:
    """One glossary entry found in a document, with where it occurs (base offsets)."""

    entry_id: str
    term: str
    category: str
    en: str
    zh: str
    expansion: str
    search: str
    spans: tuple[tuple[int, int], ...]
    short: str = ""
    cells: tuple[str, str, str] = ()  # term tooltip, meaning, its tooltip (`term_cells`)

    @property
    def count(self) -> int:
        return len(self.spans)


def term_rows(document: Document | None, glossary, view: View) -> list[TermRow]:
    """The document's glossary entries in order of first occurrence."""
    if document is None or glossary is None:
        return []
    spans: dict[str, list[tuple[int, int]]] = {}
    for span in document.layers.get(GlossaryTerms.name, []):
        spans.setdefault(span.key, []).append((span.start, span.end))
    rows = []
    for entry_id, where in spans.items():
        entry = glossary.get(entry_id)
        if entry is None:
            continue
        term = view_text(entry.term, view, document.script)
        search = " ".join((entry.term, *entry.variants, entry.expansion, entry.en, entry.zh,
                           term)).casefold() + pinyin_search_key(_reading(document, where[0]))
        zh = view_text(entry.zh, view, document.script)
        rows.append(TermRow(entry_id, term, entry.category, entry.en, zh, entry.expansion,
                            search, tuple(where), entry.short_meaning,
                            term_cells(term, entry.expansion, entry.en, zh, entry.short_meaning)))
    return rows


def term_cells(term: str, expansion: str, en: str, zh: str, short: str) -> tuple[str, str, str]:
    """The term's tooltip, the Meaning column's text and its tooltip (worked out with the
    rows, off the GUI thread, so filling the tree only sets them)."""
    return (plain_tip(f"{term}" + (f" ({expansion})" if expansion else "") + f"\n{en}\n{zh}"),
            short or term_gloss(expansion, en) or en, plain_tip(f"{en}\n{zh}".strip()))


def category_heading(category: str, members: list[TermRow]) -> str:
    """'cloud & tech (4) · 17×': the terms shown and their occurrences."""
    return f"{category} ({len(members)}) · {sum(r.count for r in members)}×"


def _reading(document: Document, span: tuple[int, int]) -> str:
    """The tone-number pinyin of the words covering base range `span`."""
    first = document.token_index_at(span[0])
    if first is None:
        return ""
    readings, index = [], first
    while index < len(document) and document.span(index)[0] < span[1]:
        readings.append(document.pinyin_numbers(index))
        index += 1
    return " ".join(r for r in readings if r)


class GlossaryTreeModel(QStandardItemModel):
    """Category rows with term rows under them; columns Term, ×, Meaning."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(list(HEADERS))
        self._rows: dict[str, TermRow] = {}

    def set_rows(self, rows: list[TermRow]) -> None:
        for _ in self.fill(rows):
            pass

    def fill(self, rows: list[TermRow], step: int = FILL_STEP) -> Iterator[None]:
        """Replace the rows, pausing (yielding) after about every `step` terms: the caller
        can let the event loop run between slices (thousands of terms take a while)."""
        self.removeRows(0, self.rowCount())
        self._rows = {row.entry_id: row for row in rows}
        by_category: dict[str, list[TermRow]] = {}
        for row in rows:
            by_category.setdefault(row.category, []).append(row)
        done = 0
        for category in sorted(by_category):
            members = by_category[category]
            head = self._category_items(category, members)
            self.appendRow(head)
            for row in sorted(members, key=lambda r: (-r.count, r.term.casefold())):
                head[0].appendRow(self._term_items(row))
                done += 1
                if done % step == 0:
                    yield

    @staticmethod
    def _category_items(category: str, members: list[TermRow]) -> list[QStandardItem]:
        head = QStandardItem(category_heading(category, members))
        head.setData("", ENTRY_ROLE)
        head.setData(category.casefold(), SEARCH_ROLE)
        head.setData(category, SORT_ROLE)
        total = QStandardItem(str(sum(r.count for r in members)))
        total.setData(sum(r.count for r in members), SORT_ROLE)
        for item in (head, total):
            item.setEditable(False)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        blank = QStandardItem("")
        blank.setEditable(False)
        return [head, total, blank]

    @staticmethod
    def _term_items(row: TermRow) -> list[QStandardItem]:
        tip, shown, meaning_tip = row.cells or term_cells(row.term, row.expansion, row.en,
                                                          row.zh, row.short)
        term = QStandardItem(row.term)
        term.setToolTip(tip)
        count = QStandardItem(str(row.count))
        count.setData(row.count, SORT_ROLE)
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        meaning = QStandardItem(shown)
        meaning.setToolTip(meaning_tip)
        term.setData(row.term.casefold(), SORT_ROLE)
        meaning.setData(row.en, SORT_ROLE)
        term.setData(row.search, SEARCH_ROLE)  # the filter reads the Term column only
        for item in (term, count, meaning):
            item.setData(row.entry_id, ENTRY_ROLE)
            item.setEditable(False)
        return [term, count, meaning]

    def row_for(self, entry_id: str) -> TermRow | None:
        return self._rows.get(entry_id)

    def term_rows(self) -> list[TermRow]:
        return list(self._rows.values())


class GlossaryFilterModel(QSortFilterProxyModel):
    """Filters term rows by a case-insensitive substring, or a pinyin prefix (with or without
    spaces and tones); categories follow their terms."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFilterRole(SEARCH_ROLE)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(COL_TERM)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_text(self, text: str) -> None:
        """Qt's own filter applies it (no Python per row; see SearchTextFilter)."""
        needle = text.strip().casefold()
        needles = tuple(n for n in (needle, pinyin_needle(needle)) if n)
        self.setFilterRegularExpression(needles_pattern([needles] if needles else []))
