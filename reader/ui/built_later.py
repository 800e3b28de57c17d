"""Parts of the window built on first use, at the latest just after the first paint.

The library list and the Words tab cost ~30 ms of imports and set-up (PySide6 makes each
widget class and its enums on first use; the first line edit alone takes ~7 ms). Building
them after the first article has painted keeps that cost off the start-up's first paint;
a placeholder of the same size stands in for them until then.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class BuiltLater(Generic[T]):
    """`get()` builds the part once (with `build`) and returns it; `built` is None until then."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._building = False
        self.built: T | None = None

    def get(self) -> T:
        if self.built is None:
            if self._building:  # `build` reached for its own part: it would build two
                raise RuntimeError("a part of the window was used while it was being built")
            self._building = True
            try:
                self.built = self._build()
            finally:
                self._building = False
        return self.built
