"""Paragraph heights with O(log n) update, prefix sum and position look-up (a Fenwick tree).

The reading view estimates every paragraph's height up front and replaces an estimate by
the exact height when the paragraph is laid out, so a million-character document never
has to be laid out as a whole. Plain Python, no Qt.
"""
from __future__ import annotations

from collections.abc import Sequence


class HeightIndex:
    """Heights of n items: `top(i)` (sum of the heights before i), `find(y)`, `set(i, h)`."""

    def __init__(self, heights: Sequence[float] = ()) -> None:
        self._heights = [float(h) for h in heights]
        n = len(self._heights)
        tree = [0.0] * (n + 1)
        for i, h in enumerate(self._heights, start=1):
            tree[i] += h
            parent = i + (i & -i)
            if parent <= n:
                tree[parent] += tree[i]
        self._tree = tree
        self._top_bit = 1 << (n.bit_length() - 1) if n else 0

    def __len__(self) -> int:
        return len(self._heights)

    def height(self, index: int) -> float:
        return self._heights[index]

    def set(self, index: int, height: float) -> bool:
        """Set one height; returns whether it changed."""
        delta = float(height) - self._heights[index]
        if delta == 0.0:
            return False
        self._heights[index] = float(height)
        i = index + 1
        n = len(self._heights)
        while i <= n:
            self._tree[i] += delta
            i += i & -i
        return True

    def top(self, index: int) -> float:
        """Sum of the heights of items 0 .. index-1 (the y where item `index` starts)."""
        total = 0.0
        i = min(index, len(self._heights))
        while i > 0:
            total += self._tree[i]
            i -= i & -i
        return total

    def total(self) -> float:
        return self.top(len(self._heights))

    def find(self, y: float) -> int:
        """The item holding position `y` (clamped to the first and last item)."""
        n = len(self._heights)
        if n == 0:
            return 0
        if y < 0:
            return 0
        position = 0
        remaining = y
        step = self._top_bit
        while step:
            nxt = position + step
            if nxt <= n and self._tree[nxt] <= remaining:
                position = nxt
                remaining -= self._tree[nxt]
            step >>= 1
        return min(position, n - 1)
