"""Qt models over the flashcard store: the notes table and the deck list.

Thin views of `reader.core.flashcards` data: they hold `Note`/`Deck` snapshots and are
refreshed by whoever changes the store (the Flashcards window).
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt

from reader.core.flashcards import Deck, DueCounts, Note
from reader.ui.plain_text import plain_tip

COL_WORD, COL_PINYIN, COL_MEANING, COL_DECK, COL_SENTENCES, COL_ADDED, COL_ANKI = range(7)
HEADERS = ("Word", "Pinyin", "Meaning", "Deck", "Sentences", "Added", "Anki")
ANKI_LABELS = {"sent": "✓ in Anki", "changed": "changed"}  # missing: not yet in Anki
NOTE_ROLE = Qt.ItemDataRole.UserRole + 1
DECK_ROLE = Qt.ItemDataRole.UserRole + 2
ALL_DECKS = "All decks"
_ROOT = QModelIndex()


class NotesModel(QAbstractTableModel):
    """One row per note; the word is shown in the script the reader is using."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._notes: list[Note] = []
        self._anki: dict[int, str] = {}
        self._traditional = False

    def set_notes(self, notes: list[Note], anki: dict[int, str] | None = None) -> None:
        """Show `notes`; `anki` is {note id: 'sent' | 'changed'} (see core.anki.sent_states)."""
        self.beginResetModel()
        self._notes = list(notes)
        self._anki = dict(anki or {})
        self.endResetModel()

    def anki_state(self, row: int) -> str:
        """'sent', 'changed', or '' (not yet in Anki) for a row's note."""
        note = self.note(row)
        return self._anki.get(note.id, "") if note is not None else ""

    def set_traditional(self, traditional: bool) -> None:
        if traditional != self._traditional:
            self._traditional = traditional
            if self._notes:
                self.dataChanged.emit(self.index(0, COL_WORD),
                                      self.index(len(self._notes) - 1, COL_WORD))

    def note(self, row: int) -> Note | None:
        return self._notes[row] if 0 <= row < len(self._notes) else None

    def notes(self) -> list[Note]:
        return list(self._notes)

    def row_of(self, note_id: int) -> int:
        for row, note in enumerate(self._notes):
            if note.id == note_id:
                return row
        return -1

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._notes)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        note = self._notes[index.row()]
        if role == NOTE_ROLE:
            return note
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_WORD:
                return note.word(self._traditional)
            if column == COL_PINYIN:
                return note.pinyin or note.pinyin_numbers
            if column == COL_MEANING:
                return note.meaning.splitlines()[0] if note.meaning else ""
            if column == COL_DECK:
                return note.deck
            if column == COL_SENTENCES:
                return len(note.sentences)
            if column == COL_ADDED:
                return datetime.fromtimestamp(note.created).strftime("%Y-%m-%d")
            if column == COL_ANKI:
                return ANKI_LABELS.get(self._anki.get(note.id, ""), "")
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_MEANING:
            return plain_tip(note.meaning)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_ANKI:
            state = self._anki.get(note.id, "")
            return {"sent": "In Anki", "changed": "In Anki; edited here since it was sent"
                    }.get(state, "Not yet in Anki")
        return None


class DecksModel(QAbstractListModel):
    """'All decks' then each deck, with its note count and what is due."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str | None, int, DueCounts]] = []

    def set_decks(self, decks: list[Deck], due: dict[str, DueCounts], total_due: DueCounts) -> None:
        self.beginResetModel()
        total = sum(d.note_count for d in decks)
        self._rows = [(None, total, total_due)] + [
            (d.name, d.note_count, due.get(d.name, DueCounts())) for d in decks]
        self.endResetModel()

    def deck_name(self, row: int) -> str | None:
        """The deck of a row; None for 'All decks'."""
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, name: str | None) -> int:
        for row, (deck, _, _) in enumerate(self._rows):
            if deck == name or (deck and name and deck.casefold() == name.casefold()):
                return row
        return 0

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        name, count, due = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{short_name(name or ALL_DECKS)}  ({count})\n{describe_due(due)}"
        if role == DECK_ROLE:
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(f"{name or ALL_DECKS}\n{count} notes; {describe_due(due)}")
        return None


def short_name(name: str, limit: int = 14) -> str:
    """A deck name cut to one line of the list (article titles can be long)."""
    return name if len(name) <= limit else name[:limit - 1] + "…"


def describe_due(due: DueCounts) -> str:
    """'3 new · 1 learning · 5 to review', or 'nothing due'."""
    if not due.total:
        return "nothing due"
    parts = [f"{due.new} new"] if due.new else []
    if due.learning:
        parts.append(f"{due.learning} learning")
    if due.review:
        parts.append(f"{due.review} to review")
    return " · ".join(parts)
