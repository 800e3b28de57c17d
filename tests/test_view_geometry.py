"""The reading view's plain-Python helpers: the paragraph height index and mark look-ups."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.height_index import HeightIndex
from reader.ui.marks import MarkSet

heights = st.lists(st.integers(min_value=0, max_value=500).map(float), max_size=60)


@given(heights, st.data())
def test_height_index_matches_naive_prefix_sums(values, data):
    """top(), total() and find() agree with plain sums, also after updates."""
    index = HeightIndex(values)
    values = list(values)
    for _ in range(5):
        if values:
            i = data.draw(st.integers(0, len(values) - 1))
            h = data.draw(st.integers(0, 500).map(float))
            assert index.set(i, h) == (values[i] != h)
            values[i] = h
        for i in range(len(values) + 1):
            assert index.top(i) == sum(values[:i])
        assert index.total() == sum(values)
        if values:
            y = data.draw(st.floats(min_value=-10, max_value=sum(values) + 10))
            found = index.find(y)
            if 0 <= y < sum(values):
                assert sum(values[:found]) <= y < sum(values[: found + 1])
                assert values[found] > 0  # an empty paragraph is never "at" a position
            else:
                assert found == (0 if y < 0 else len(values) - 1) or values[found] == 0


spans = st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=40)


@given(spans, st.integers(0, 320), st.integers(1, 60))
def test_marks_overlapping_finds_exactly_the_overlapping_spans(marks, start, length):
    """MarkSet.overlapping returns every span that overlaps the range and nothing else."""
    end = start + length
    found = list(MarkSet("person", marks).overlapping(start, end))
    assert found == sorted((s, e) for s, e in marks if s < end and e > start)


def test_unknown_mark_style_is_refused():
    """A style outside the four known ones is a clear error."""
    try:
        MarkSet("wavy", [(0, 1)])
    except ValueError as exc:
        assert "glossary" in str(exc)
    else:
        raise AssertionError("accepted an unknown style")
