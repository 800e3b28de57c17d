"""Warm the glyph caches of the fonts a script switch will need, in small idle-time steps.

The first paint of text in a font face rasterises every glyph once (~100 ms for a screen
of CJK text); later paints reuse the glyph cache. The reading view uses a different
regional face per script (SC, TC, HK), so while the reader reads, this draws the text on
screen, as each other view writes it, off-screen in that view's font, one small piece per
timer tick, so a later switch repaints at warm speed.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QTimer
from PySide6.QtGui import QFont, QPainter, QPixmap, QTextLayout

from reader.core.text.document import Document
from reader.core.text.scripts import View
from reader.ui.theme import reading_families, reading_font

IDLE_MS = 400  # wait this long after the last change before starting
PIECE = 160  # characters drawn per tick
_SIZE = (720, 480)


def warm_jobs(document: Document, shown: View, first: int, last: int, points: int,
              base_range: tuple[int, int] | None = None) -> list[tuple[QFont, str]]:
    """(font, text) for each regional face not on screen: paragraphs first..last (or the
    base offsets `base_range`) as that face's view writes them."""
    b0, b1 = base_range or (document.paragraphs[first][0], document.paragraphs[last][1])
    current = reading_families(shown, document.script)[0]
    jobs = []
    for view in (View.SIMPLIFIED, View.TRADITIONAL, View.HONGKONG):
        if reading_families(view, document.script)[0] == current:
            continue
        if not (document.has_view(view) or view is View.SIMPLIFIED and document.has_simplified):
            continue  # never convert on the GUI thread (prepare_document does, on a worker)
        text = document.text(view)
        jobs.append((reading_font(view, document.script, points),
                     text[document.to_view_offset(b0, view):document.to_view_offset(b1, view)]))
    return jobs


class FontWarmer(QObject):
    """Draws (font, text) pieces off-screen, one per event-loop turn, when idle."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[tuple[QFont, str]] = []
        self._done: set[tuple[str, float, str]] = set()
        self._pixmap: QPixmap | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    def schedule(self, jobs: list[tuple[QFont, str]]) -> None:
        """Replace the pending work; starts after `IDLE_MS` without another call."""
        self._jobs = []
        for font, text in jobs:
            for start in range(0, len(text), PIECE):
                piece = text[start:start + PIECE]
                key = (font.families()[0] if font.families() else font.family(),
                       font.pointSizeF(), piece)
                if piece.strip() and key not in self._done:
                    self._jobs.append((font, piece))
        self._timer.start(IDLE_MS)

    def pending(self) -> int:
        return len(self._jobs)

    def _step(self) -> None:
        if not self._jobs:
            return
        font, text = self._jobs.pop(0)
        if self._pixmap is None:
            self._pixmap = QPixmap(*_SIZE)
        layout = QTextLayout(text, font)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(_SIZE[0])
            line.setPosition(QPointF(0.0, y))
            y += line.height()
        layout.endLayout()
        painter = QPainter(self._pixmap)
        layout.draw(painter, QPointF(0.0, 0.0))
        painter.end()
        families = font.families()
        self._done.add((families[0] if families else font.family(), font.pointSizeF(), text))
        if self._jobs:
            self._timer.start(0)
