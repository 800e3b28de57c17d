"""The annotated document: one text, its script views, tokens with offsets and pinyin.

Everything the app shows reads from here; views never re-segment or re-convert.

Tokens are stored column-wise (offset arrays, a kind byte, a pinyin string) so a
million-character document stays small, and are materialised as `Token` objects on demand.
Base offsets index the Simplified view; the original text and the four reading views
(Simplified, Traditional, Taiwan, Hong Kong) have the same length in every paragraph that
OpenCC converts length-for-length, which is all of them in practice. Where a view changes a
paragraph's length, that view keeps its own per-token offsets (`ViewText.starts`), so an
offset in any view maps to the right token.
"""
from __future__ import annotations

import threading
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from itertools import count, islice

from reader.core.text.pinyin_marks import join_syllables, to_tone_marks
from reader.core.text.scripts import Script, View


class Kind(IntEnum):
    """What a token is."""

    WORD = 0
    PUNCTUATION = 1
    LATIN = 2
    NUMBER = 3
    SPACE = 4

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Token:
    """One token as seen in one view."""

    index: int
    start: int
    end: int
    kind: Kind
    text: str
    simplified: str
    traditional: str
    pinyin_numbers: str

    @property
    def pinyin(self) -> str:
        """Tone marks, syllables separated by spaces ('yín háng')."""
        return to_tone_marks(self.pinyin_numbers)

    @property
    def pinyin_word(self) -> str:
        """Tone marks written as one word ('yínháng')."""
        return join_syllables(self.pinyin)

    @property
    def is_word(self) -> bool:
        return self.kind in (Kind.WORD, Kind.LATIN)


@dataclass(frozen=True, slots=True)
class Span:
    """A named range over the base (Simplified) offsets, e.g. a glossary hit or a mention."""

    start: int
    end: int
    key: str
    data: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(slots=True)
class ViewText:
    """A script view: its text and, if its length differs anywhere, per-token offsets."""

    view: View
    text: str
    starts: array | None = None  # view offset of each token; None: same as base offsets


class Document:
    """A text annotated once: script, views, paragraphs, tokens, pinyin, span layers."""

    def __init__(
        self,
        original: str,
        script: Script,
        simplified: str | Callable[[], str],
        starts: array,
        kinds: bytes,
        pinyin: list[str],
        paragraphs: list[tuple[int, int]],
        view_builder: Callable[[Document, View], ViewText],
        keys: tuple[array, dict[int, str]] | None = None,
    ) -> None:
        self.original = original
        self.script = script
        self._simplified = simplified  # or what computes it, called on first use
        self._simplified_lock = threading.Lock()
        self._starts = starts  # len(tokens) + 1 entries: the last is len(text)
        self._kinds = kinds
        self._pinyin = pinyin
        self._keys = keys  # see token_keys()
        self.paragraphs = paragraphs
        self._view_builder = view_builder
        self._views: dict[View, ViewText] = {}
        self._views_lock = threading.Lock()
        self.layers: dict[str, list[Span]] = {}
        self._paragraph_starts: list[int] | None = None

    @property
    def simplified(self) -> str:
        """The text in Simplified script, the same length as the original: the base text
        that token offsets index. A provisional document may compute it on first use."""
        value = self._simplified
        if not isinstance(value, str):
            with self._simplified_lock:
                if not isinstance(self._simplified, str):
                    self._simplified = self._simplified()
                value = self._simplified
        return value

    @simplified.setter
    def simplified(self, value: str) -> None:
        self._simplified = value

    @property
    def has_simplified(self) -> bool:
        """Whether `simplified` is computed (reading it then converts nothing)."""
        return isinstance(self._simplified, str)

    # -- size -----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._kinds)

    @property
    def token_starts(self):
        """Each token's start in the base text, then the text's length (read only)."""
        return self._starts

    @property
    def length(self) -> int:
        return len(self.original)

    # -- views ------------------------------------------------------------------------
    def view(self, view: View | str) -> ViewText:
        """The text of a view (computed on first use, then kept)."""
        view = View(view)
        found = self._views.get(view)
        if found is None:
            with self._views_lock:
                found = self._views.get(view)
                if found is None:
                    found = self._view_builder(self, view)
                    self._views[view] = found
        return found

    def text(self, view: View | str = View.ORIGINAL) -> str:
        return self.view(view).text

    def has_view(self, view: View | str) -> bool:
        """Whether `view` is already computed (reading it then converts nothing)."""
        return View(view) in self._views

    # -- tokens -----------------------------------------------------------------------
    def span(self, index: int, view: View | str | None = None) -> tuple[int, int]:
        """(start, end) of token `index` in `view` (base offsets when view is None)."""
        starts = self._starts
        if view is not None:
            vt = self.view(view)
            if vt.starts is not None:
                starts = vt.starts
        return starts[index], starts[index + 1]

    def starts_between(self, first: int, last: int, view: View | str | None = None):
        """Starts of tokens first..last in `view` (base offsets when view is None), as one
        slice: the fast way to read a run of tokens."""
        starts = self._starts
        if view is not None:
            vt = self.view(view)
            if vt.starts is not None:
                starts = vt.starts
        return starts[first:last + 1]

    def token(self, index: int, view: View | str = View.ORIGINAL) -> Token:
        view = View(view)
        start, end = self.span(index, view)
        b0, b1 = self._starts[index], self._starts[index + 1]
        simp = self.simplified[b0:b1]
        t0, t1 = self.span(index, View.TRADITIONAL)
        trad_text = self.view(View.TRADITIONAL).text[t0:t1]
        return Token(
            index=index,
            start=start,
            end=end,
            kind=Kind(self._kinds[index]),
            text=self.view(view).text[start:end],
            simplified=simp,
            traditional=trad_text,
            pinyin_numbers=self._pinyin[index],
        )

    def tokens(self, view: View | str = View.ORIGINAL) -> Iterator[Token]:
        """Every token as seen in `view` (views resolved once: the fast way to walk all)."""
        view = View(view)
        shown = self.view(view)
        trad = self.view(View.TRADITIONAL)
        base = self._starts
        starts = shown.starts if shown.starts is not None else base
        trad_starts = trad.starts if trad.starts is not None else base
        text, trad_text, simp = shown.text, trad.text, self.simplified
        kinds = [Kind(k) for k in range(len(Kind))]
        for index in range(len(self)):
            start, end = starts[index], starts[index + 1]
            yield Token(
                index=index,
                start=start,
                end=end,
                kind=kinds[self._kinds[index]],
                text=text[start:end],
                simplified=simp[base[index] : base[index + 1]],
                traditional=trad_text[trad_starts[index] : trad_starts[index + 1]],
                pinyin_numbers=self._pinyin[index],
            )

    def kind(self, index: int) -> Kind:
        return Kind(self._kinds[index])

    def token_columns(self) -> tuple[array, bytes]:
        """(base starts, one per token plus the end; kinds as bytes): for fast whole-text walks."""
        return self._starts, self._kinds

    def token_keys(self) -> tuple[array, dict[int, str]]:
        """(each token's key: the index of the first token with the same Simplified text, so
        equal keys mean equal words; each key's text): integers to count and compare without
        slicing the text per token. The annotator makes them in its pass over the tokens."""
        if self._keys is None:
            self._keys = token_keys(token_texts(self.simplified, self._starts))
        return self._keys

    def pinyin_numbers(self, index: int) -> str:
        return self._pinyin[index]

    def token_index_at(self, offset: int, view: View | str | None = None) -> int | None:
        """Index of the token covering `offset` in `view`, in O(log n); None past the end."""
        starts = self._starts
        if view is not None:
            vt = self.view(view)
            if vt.starts is not None:
                starts = vt.starts
        if offset < 0 or offset >= starts[-1]:
            return None
        return bisect_right(starts, offset) - 1

    def token_at(self, offset: int, view: View | str = View.ORIGINAL) -> Token | None:
        index = self.token_index_at(offset, view)
        return None if index is None else self.token(index, view)

    def to_view_offset(self, base_offset: int, view: View | str) -> int:
        """Map a base offset (token boundary) to the same place in `view`."""
        vt = self.view(view)
        if vt.starts is None:
            return base_offset
        index = bisect_right(self._starts, base_offset) - 1
        index = max(0, min(index, len(self)))
        if index == len(self):
            return vt.starts[index]
        delta = base_offset - self._starts[index]
        return vt.starts[index] + min(delta, vt.starts[index + 1] - vt.starts[index])

    def to_base_offset(self, view_offset: int, view: View | str) -> int:
        """Map an offset in `view` back to base offsets (the start of its token)."""
        vt = self.view(view)
        if vt.starts is None:
            return view_offset
        index = bisect_right(vt.starts, view_offset) - 1
        index = max(0, min(index, len(self)))
        return self._starts[index]

    def paragraph_index_at(self, base_offset: int) -> int:
        """Index of the paragraph holding `base_offset`."""
        if self._paragraph_starts is None:
            self._paragraph_starts = [p[0] for p in self.paragraphs]
        return max(0, bisect_right(self._paragraph_starts, base_offset) - 1)

    def sentence_bounds(self, base_offset: int) -> tuple[int, int]:
        """Base (start, end) of the sentence around `base_offset`."""
        p0, p1 = self.paragraphs[self.paragraph_index_at(base_offset)]
        text = self.simplified
        enders = "。！？!?；;…\n"
        start = base_offset
        while start > p0 and text[start - 1] not in enders:
            start -= 1
        end = base_offset
        while end < p1 and text[end] not in enders:
            end += 1
        if end < p1:
            end += 1
            while end < p1 and text[end] in "”’」』)）\"'":
                end += 1
        while start < end and text[start].isspace():
            start += 1
        return start, end

    def word_indices(self) -> Iterator[int]:
        """Indices of tokens that are words (Han or Latin)."""
        for index, kind in enumerate(self._kinds):
            if kind in (Kind.WORD, Kind.LATIN):
                yield index


def token_texts(text: str, starts: array) -> list[str]:
    """Each token's text, from the starts (one per token, then the end), sliced in C."""
    return list(map(text.__getitem__, map(slice, starts, islice(starts, 1, None))))


def token_keys(texts: list[str]) -> tuple[array, dict[int, str]]:
    """`Document.token_keys` of tokens with these texts."""
    first: dict[str, int] = {}
    keys = array("i", list(map(first.setdefault, texts, count())))  # the list: faster
    return keys, dict(zip(first.values(), first, strict=True))


def prepare_views(document: Document, view: View, rest: bool = True) -> None:
    """Compute the script views the widget may show (call it off the GUI thread).

    The shown view; with `rest`, Traditional next (the popup's header reads it), then the
    others, so a later script switch never converts on the GUI thread: a conversion takes
    ~0.3 s per million characters, and the first use of an OpenCC configuration loads it
    (~0.05 s). The window builds the rest right after the article is on screen (a view
    asked for while a worker builds it waits for that worker: `Document.view` locks).
    """
    document.view(view)
    if rest:
        for other in (View.TRADITIONAL, View.SIMPLIFIED, View.TAIWAN, View.HONGKONG):
            document.view(other)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, found with str.find (a per-character loop over a
    million characters kept the interpreter busy for ~100 ms)."""
    spans = []
    start = 0
    find = text.find
    while True:
        end = find("\n", start)
        if end < 0:
            break
        spans.append((start, end))
        start = end + 1
    spans.append((start, len(text)))
    return spans
