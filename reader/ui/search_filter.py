"""Filter proxies that Qt applies by itself: typed needles become one regular expression."""
from __future__ import annotations

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel


class SearchTextFilter(QSortFilterProxyModel):
    """Keeps the rows whose search text (`search_role` of `column`) holds every needle.

    `needles(text)` turns the typed text into the strings to look for; subclasses choose.
    A needle may be a tuple of alternatives, any of which will do.

    The needles become one regular expression that Qt's own filter applies (a look-ahead
    per needle), so with no filter text no Python runs per row: a model reset of a thousand
    rows costs the window nothing, even while workers hold the interpreter lock (a Python
    `filterAcceptsRow` would wait for the lock once per row).
    """

    def __init__(self, column: int, search_role: int, sort_role: int, parent=None) -> None:
        super().__init__(parent)
        self.setFilterKeyColumn(column)
        self.setFilterRole(search_role)
        self.setSortRole(sort_role)

    @staticmethod
    def needles(text: str) -> list[str]:
        raise NotImplementedError

    def set_filter_text(self, text: str) -> None:
        self.setFilterRegularExpression(needles_pattern(self.needles(text)))


def needles_pattern(needles: list) -> QRegularExpression:
    """A pattern matching text that holds every needle (a tuple: any of its alternatives);
    empty for no needles (Qt's filter then accepts every row without looking)."""
    if not needles:
        return QRegularExpression()
    parts = []
    for needle in needles:
        options = needle if isinstance(needle, tuple) else (needle,)
        parts.append("(?=.*(?:" + "|".join(QRegularExpression.escape(o) for o in options) + "))")
    return QRegularExpression("^" + "".join(parts),
                              QRegularExpression.PatternOption.DotMatchesEverythingOption)
