"""In-app review: one card at a time, FSRS ratings on keys 1–4.

Front: the word in the reader's current script and its sentence with the word
highlighted. Back (Space or Enter, or "Show answer"): pinyin, meaning, the sentence in the
other script, and where it came from. Each rating button shows when the card would come
back. Ratings are single small transactions, written on the GUI thread in the order given.
"""
from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader.core.flashcards import Flashcards, Note
from reader.core.flashcards.review import RATING_LABELS, RATINGS, describe_interval
from reader.ui.flashcards.model import describe_due

_CJK = "'Noto Sans CJK SC', 'Noto Sans CJK TC', 'Source Han Sans SC', sans-serif"


def highlighted(text: str, word_range: tuple[int, int], colour: str) -> str:
    """`text` as HTML with the word's range in bold colour."""
    start, end = word_range
    if not 0 <= start < end <= len(text):
        return html.escape(text)
    return (html.escape(text[:start]) + f'<b style="color:{colour}">'
            + html.escape(text[start:end]) + "</b>" + html.escape(text[end:]))


SHOW_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def review_key_help() -> list[tuple[str, str, str]]:
    """The review's keys for the F1 list (the same tables `keyPressEvent` uses)."""
    rows = [("Flashcard review", "Show the answer", "Space / Enter")]
    rows += [("Flashcard review", f"Rate: {RATING_LABELS[rating]}", str(number))
             for number, rating in RATINGS.items()]
    return rows


class ReviewWidget(QWidget):
    """Reviews the due cards of one deck (or all decks).

    Signals:
        reviewed(int, int): a note id and the rating (1–4) just stored.
        counts_changed(): due counts changed (after a rating, or a new deck).
    """

    reviewed = Signal(int, int)
    counts_changed = Signal()

    def __init__(self, flashcards: Flashcards, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flashcards = flashcards
        self._deck: str | None = None
        self._traditional = False
        self._dark = False
        self._note: Note | None = None
        self._sentence_index = 0
        self._revealed = False
        self._build()

    def _build(self) -> None:
        self.setObjectName("review")
        self.header = QLabel(self)
        self.header.setObjectName("review-header")
        self.card = QLabel(self)
        self.card.setObjectName("review-card")
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.card.setMargin(18)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.card)
        self.show_button = QPushButton("Show answer  (Space)", self)
        self.show_button.clicked.connect(self.reveal)
        self.rating_buttons: dict[int, QPushButton] = {}
        ratings = QHBoxLayout()
        for number, rating in RATINGS.items():
            button = QPushButton(f"{RATING_LABELS[rating]}  ({number})", self)
            button.setObjectName(f"rate-{number}")
            button.clicked.connect(lambda _=False, n=number: self.rate(n))
            ratings.addWidget(button)
            self.rating_buttons[number] = button
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.show_button)
        layout.addLayout(ratings)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for button in (self.show_button, *self.rating_buttons.values()):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the review
        self._disable_buttons()  # nothing to rate until a review starts

    def _disable_buttons(self) -> None:
        for button in (self.show_button, *self.rating_buttons.values()):
            button.setEnabled(False)
            button.hide()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        if key in SHOW_KEYS:
            self.reveal()
        elif event.text() in {str(number) for number in RATINGS}:
            self.rate(int(event.text()))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- public API -------------------------------------------------------------------
    def start(self, deck: str | None, traditional: bool, dark: bool = False) -> None:
        """Review `deck` (None: all decks), showing words in Traditional when asked."""
        self._deck, self._traditional, self._dark = deck, traditional, dark
        self.next_card()

    def deck(self) -> str | None:
        return self._deck

    def current_note(self) -> Note | None:
        return self._note

    def is_revealed(self) -> bool:
        return self._revealed

    def next_card(self) -> None:
        """Show the front of the next due card, or a summary when nothing is due."""
        self._note = self.flashcards.review.next(self._deck)
        self._revealed = False
        self._update_header()
        if self._note is None:
            self._show_done()
            return
        reviews = len(self.flashcards.review.history(self._note.id))
        self._sentence_index = reviews % len(self._note.sentences) if self._note.sentences else 0
        self.card.setText(self.front_html())
        self.show_button.setEnabled(True)
        self.show_button.show()
        for button in self.rating_buttons.values():
            button.setEnabled(False)
            button.hide()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def reveal(self) -> None:
        """Show the back and enable the rating buttons with their next intervals."""
        if self._note is None or self._revealed:
            return
        self._revealed = True
        self.card.setText(self.front_html() + self.back_html())
        self.show_button.setEnabled(False)
        self.show_button.hide()
        preview = self.flashcards.review.preview(self._note.id)
        for number, rating in RATINGS.items():
            button = self.rating_buttons[number]
            button.setText(f"{RATING_LABELS[rating]}  ({number}) · "
                           f"{describe_interval(preview[rating])}")
            button.setEnabled(True)
            button.show()

    def rate(self, number: int) -> None:
        """Store a rating for the card shown (only once its answer is shown)."""
        if self._note is None or not self._revealed:
            return
        note_id = self._note.id
        self.flashcards.review.rate(note_id, number)
        self.reviewed.emit(note_id, number)
        self.counts_changed.emit()
        self.next_card()

    # -- content ------------------------------------------------------------------------
    def _colours(self) -> tuple[str, str]:
        return ("#ff8a80", "#9e9e9e") if self._dark else ("#c62828", "#6d6d6d")

    def _sentence(self):
        note = self._note
        if note is None or not note.sentences:
            return None
        return note.sentences[self._sentence_index % len(note.sentences)]

    def front_html(self) -> str:
        note = self._note
        if note is None:
            return ""
        mark, _ = self._colours()
        parts = [f'<div style="font-family:{_CJK}; font-size:40pt">'
                 f"{html.escape(note.word(self._traditional))}</div>"]
        sentence = self._sentence()
        if sentence is not None:
            text = sentence.text(self._traditional)
            parts.append(f'<p style="font-family:{_CJK}; font-size:17pt; line-height:115%">'
                         f"{highlighted(text, sentence.word_range(self._traditional), mark)}</p>")
        return "".join(parts)

    def back_html(self) -> str:
        note = self._note
        if note is None:
            return ""
        mark, muted = self._colours()
        other = note.word(not self._traditional)
        parts = ["<hr>"]
        if note.pinyin:
            parts.append(f'<div style="font-size:22pt">{html.escape(note.pinyin)}</div>')
        if other != note.word(self._traditional):
            parts.append(f'<div style="font-family:{_CJK}; font-size:20pt; color:{muted}">'
                         f"{html.escape(other)}</div>")
        meaning = "<br>".join(html.escape(line) for line in note.meaning.splitlines())
        parts.append(f'<p style="font-size:13pt">{meaning or "<i>no meaning saved</i>"}</p>')
        sentence = self._sentence()
        if sentence is not None:
            text = sentence.text(not self._traditional)
            if text != sentence.text(self._traditional):
                parts.append(
                    f'<p style="font-family:{_CJK}; font-size:15pt; color:{muted}">'
                    f"{highlighted(text, sentence.word_range(not self._traditional), mark)}</p>")
            if sentence.article_title:
                parts.append(f'<p style="font-size:10pt; color:{muted}">— '
                             f"{html.escape(sentence.article_title)}</p>")
        return "".join(parts)

    def _update_header(self) -> None:
        counts = self.flashcards.review.due_counts(self._deck)
        name = self._deck or "All decks"
        self.header.setText(f"<b>{html.escape(name)}</b> — {describe_due(counts)}")

    def _show_done(self) -> None:
        when = self.flashcards.review.next_due_time(self._deck)
        later = ""
        if when is not None:
            wait = when - datetime.now(UTC)
            if wait.total_seconds() > 0:
                later = f"<p>The next card is due in {describe_interval(wait)}.</p>"
        self.card.setText('<div style="font-size:18pt">Nothing due — all done for now.</div>'
                          + later)
        self._disable_buttons()
