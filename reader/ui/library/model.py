"""Qt models over the library: a table of articles and a filter proxy for the search box."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reader.core.library.corpus import ArticleInfo, format_length
from reader.core.text.scripts import Script, to_simplified
from reader.ui.plain_text import plain_tip
from reader.ui.search_filter import SearchTextFilter

COL_TITLE, COL_PUBLICATION, COL_DATE, COL_SCRIPT, COL_LENGTH = range(5)
HEADERS = {
    COL_TITLE: "Title",
    COL_PUBLICATION: "Publication",
    COL_DATE: "Date",
    COL_SCRIPT: "Script",
    COL_LENGTH: "Length",
}
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ARTICLE_INFO_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 3
SORT_ROLE = Qt.ItemDataRole.UserRole + 4
DIFFICULTY_ROLE = Qt.ItemDataRole.UserRole + 5  # a study.library.Difficulty, or None
DIFFICULTY_SORT_ROLE = Qt.ItemDataRole.UserRole + 6  # easiest first; not yet known last

SCRIPT_BADGES = {Script.TRADITIONAL: "繁", Script.SIMPLIFIED: "简", Script.MIXED: "mixed"}
SCRIPT_NAMES = {
    Script.TRADITIONAL: "Traditional Chinese",
    Script.SIMPLIFIED: "Simplified Chinese",
    Script.MIXED: "Mixed Traditional and Simplified",
}


_Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    """The library's articles as rows; columns and roles are named module constants."""

    def __init__(self, articles: list[ArticleInfo] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._articles: list[ArticleInfo] = list(articles or [])
        self._difficulty: dict[str, object] = {}

    def set_difficulty(self, article_id: str, difficulty) -> None:
        """What a row shows of the article's difficulty (computed elsewhere, off the GUI thread)."""
        self._difficulty[article_id] = difficulty
        row = self.row_of(article_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def difficulty(self, article_id: str):
        return self._difficulty.get(article_id)

    def article_ids(self) -> list[str]:
        return [info.id for info in self._articles]

    def set_articles(self, articles: list[ArticleInfo]) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        self.endResetModel()

    def article(self, row: int) -> ArticleInfo:
        return self._articles[row]

    def update_article(self, info: ArticleInfo) -> None:
        """Replace one article's metadata in place (e.g. its reading progress)."""
        row = self.row_of(info.id)
        if row >= 0:
            self._articles[row] = info
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def row_of(self, article_id: str) -> int:
        """Row of an article by id, or -1."""
        for row, info in enumerate(self._articles):
            if info.id == article_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        info = self._articles[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(info, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SCRIPT:
                return SCRIPT_NAMES.get(info.script, str(info.script))
            return plain_tip("\n".join(p for p in (info.title, info.publication, info.note) if p))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_SCRIPT, COL_LENGTH):
            align = Qt.AlignmentFlag.AlignCenter if column == COL_SCRIPT else Qt.AlignmentFlag.AlignRight
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == ARTICLE_ID_ROLE:
            return info.id
        if role == ARTICLE_INFO_ROLE:
            return info
        if role == SEARCH_TEXT_ROLE:  # what the row shows (not the id or note), in Simplified
            return fold_search(" ".join((info.title, info.publication, info.date,
                                         SCRIPT_BADGES.get(info.script, ""), str(info.script))))
        if role == SORT_ROLE:
            return info.length if column == COL_LENGTH else _display(info, column)
        if role == DIFFICULTY_ROLE:
            return self._difficulty.get(info.id)
        if role == DIFFICULTY_SORT_ROLE:
            found = self._difficulty.get(info.id)
            return 1e9 if found is None else -found.coverage + found.unknown / 1e6
        return None


def fold_search(text: str) -> str:
    """Text as the filters compare it: Simplified script, case-folded (湯/汤 and A/a alike)."""
    return to_simplified(text).casefold()


def _display(info: ArticleInfo, column: int) -> str:
    if column == COL_TITLE:
        return info.title
    if column == COL_PUBLICATION:
        return info.publication
    if column == COL_DATE:
        return info.date
    if column == COL_SCRIPT:
        return SCRIPT_BADGES.get(info.script, str(info.script))
    if column == COL_LENGTH:
        return format_length(info.length)
    return ""


class LibraryFilterModel(SearchTextFilter):
    """Keeps the rows whose shown title, publication, date or script hold every typed word.

    Both scripts match (湯道生 finds 汤道生); the hidden note and id do not count.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(COL_TITLE, SEARCH_TEXT_ROLE, SORT_ROLE, parent)

    @staticmethod
    def needles(text: str) -> list[str]:
        return fold_search(text).split()
