"""A settable clock for the flashcard store (Anki compares note modified times in seconds)."""
from __future__ import annotations

T0 = 1_740_000_000.0


class Clock:
    """Returns `now`, which a test moves forward by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now
