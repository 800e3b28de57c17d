"""Text in, annotated `Document` out: detect script, convert, segment, read aloud.

    text ──▶ script detection ──▶ Simplified view ──▶ term spans (glossary hook)
         ──▶ jieba segmentation ──▶ token kinds + pinyin ──▶ layers (glossary, people)

Other views are converted lazily from the original text, straight to their standard, when
first shown; characters the phrase conversion left Simplified are then converted one by one.
"""
from __future__ import annotations

import threading
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Protocol

from reader.core.text.document import (
    Document,
    Kind,
    Span,
    paragraph_spans,
    token_keys,
    token_texts,
)
from reader.core.text.pinyin import PinyinEngine
from reader.core.text.scripts import Script, View, convert_keep_length, detect_script
from reader.core.text.segment import Segmenter
from reader.core.text.views import build_view


class TermSource(Protocol):
    """Finds multi-word terms that must stay one token (the glossary implements this)."""

    def find_terms(self, simplified: str) -> list[tuple[int, int]]:
        """Sorted, non-overlapping (start, end) spans over the Simplified text."""
        ...


class Layer(Protocol):
    """Adds a named list of spans to a document once it is segmented (glossary, people)."""

    name: str

    def annotate(self, document: Document) -> list[Span]: ...

    def to_json(self, document: Document, view: View) -> list[dict]: ...


class LiteralTerms:
    """A small term source: exact terms, Latin ones matched case-insensitively."""

    def __init__(self, terms: Iterable[str] = ()) -> None:
        self._terms: set[str] = set()
        self.add(terms)

    def add(self, terms: Iterable[str]) -> None:
        for term in terms:
            term = term.strip()
            if term:
                self._terms.add(term.casefold())

    def find_terms(self, simplified: str) -> list[tuple[int, int]]:
        folded = simplified.casefold()
        hits: list[tuple[int, int]] = []
        if len(folded) != len(simplified):
            return hits
        for term in self._terms:
            start = folded.find(term)
            while start >= 0:
                end = start + len(term)
                if _on_boundary(simplified, start, end):
                    hits.append((start, end))
                start = folded.find(term, start + 1)
        return resolve_overlaps(hits)


def _on_boundary(text: str, start: int, end: int) -> bool:
    """Latin terms may not start or end inside a Latin word or number."""
    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    if latin(text[start]) and start > 0 and latin(text[start - 1]):
        return False
    return not (latin(text[end - 1]) and end < len(text) and latin(text[end]))


def resolve_overlaps(hits: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep the longest, leftmost spans; drop those that overlap a kept one (O(n log n))."""
    if not hits:
        return []
    chosen: list[tuple[int, int]] = []
    taken = bytearray(max(end for _, end in hits))  # 1 where a kept span covers
    for start, end in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if end > start and taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end))
    return sorted(chosen)


def _keep_outside(spans: list[tuple[int, int]], winners: list[tuple[int, int]]):
    """The spans that overlap none of `winners`."""
    if not spans:
        return []
    taken = bytearray(max(end for _, end in [*spans, *winners]) + 1)
    for start, end in winners:
        taken[start:end] = b"\x01" * (end - start)
    return [(s, e) for s, e in spans if taken.find(1, s, e) == -1]


def classify(token: str) -> Kind:
    """The kind of a token from its characters."""
    if token.isspace():
        return Kind.SPACE
    has_alpha = False
    all_numeric = True
    for ch in token:
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff":
            return Kind.WORD
        category = unicodedata.category(ch)
        if category.startswith("L"):
            if unicodedata.east_asian_width(ch) == "W" and not ("\uff21" <= ch <= "\uff5a"):
                return Kind.WORD  # kana, hangul: words all the same
            has_alpha = True
            all_numeric = False
        elif category == "Nd" or (ch in ".,%" and all_numeric):
            continue
        elif category.startswith("N"):
            continue
        elif category.startswith("Z"):
            continue
        else:
            all_numeric = False
    if has_alpha:
        return Kind.LATIN
    if any(unicodedata.category(ch).startswith("N") for ch in token) and all_numeric:
        return Kind.NUMBER
    return Kind.PUNCTUATION


class TokenSpans(Sequence):
    """(start, end) pairs read from an array of token starts (the last entry is the end)."""

    __slots__ = ("_starts",)

    def __init__(self, starts: array) -> None:
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return self._starts[index], self._starts[index + 1]

    def __iter__(self):
        starts = self._starts
        return zip(starts[:-1], starts[1:], strict=True)


SEGMENT_BATCH = 200_000  # characters segmented in one call (bounds the spans held at once)


class Annotator:
    """Builds `Document`s. Thread-safe; engines load on first use or `initialize()`."""

    def __init__(
        self,
        segmenter: Segmenter,
        pinyin: PinyinEngine,
        term_sources: Sequence[TermSource] = (),
        layers: Sequence[Layer] = (),
    ) -> None:
        self.segmenter = segmenter
        self.pinyin = pinyin
        self.extra_terms = LiteralTerms()
        self.term_sources: list[TermSource] = [self.extra_terms, *term_sources]
        self.layers: list[Layer] = list(layers)
        self.corrections = None  # the reader's corrections (reader.core.corrections)
        self._init_lock = threading.Lock()

    def initialize(self) -> None:
        """Load the pinyin model and jieba now (they otherwise load on first use); pinyin
        first, while a segmentation helper (if any) is still loading rjieba."""
        with self._init_lock:
            self.pinyin.initialize()
            self.segmenter.initialize()

    def add_terms(self, terms: Iterable[str]) -> None:
        """The multi-word hook: these terms always become single tokens."""
        terms = list(terms)
        self.extra_terms.add(terms)
        self.segmenter.add_words(t for t in terms if " " not in t)

    def add_layer(self, layer: Layer) -> None:
        self.layers.append(layer)

    def add_term_source(self, source: TermSource) -> None:
        self.term_sources.append(source)

    def annotate(self, text: str, script: Script | None = None, article_id: str = "") -> Document:
        """Annotate `text` (newlines normalised to \\n), with the reader's corrections (the
        global ones, and `article_id`'s own)."""
        self.initialize()
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        script = script or detect_script(text)
        # Always convert: mostly-Simplified text may still hold a few Traditional characters.
        simplified = convert_keep_length(text, "t2s")
        paragraphs = paragraph_spans(simplified)
        starts = self._token_starts(simplified, paragraphs,
                                    self._protected_spans(simplified, article_id))
        corrections = self.corrections
        if corrections is not None:
            starts = corrections.split_tokens(simplified, starts, article_id)
        spans = TokenSpans(starts)
        pieces = token_texts(simplified, starts)
        keys = token_keys(pieces)  # integers the study counts
        kind_of = {piece: classify(piece) for piece in keys[1].values()}
        kinds = bytes(map(kind_of.__getitem__, pieces))
        del pieces
        readings = self.pinyin.read(simplified, spans, paragraphs)
        if corrections is not None:
            corrections.fix_readings(simplified, starts, readings, article_id)
        intern: dict[str, str] = {}
        readings = [intern.setdefault(r, r) for r in readings]
        document = Document(
            original=text,
            script=script,
            simplified=simplified,
            starts=starts,
            kinds=kinds,
            pinyin=readings,
            paragraphs=paragraphs,
            view_builder=partial(build_view, is_word=self.segmenter.is_word),
            keys=keys,
        )
        for layer in self.layers:
            document.layers[layer.name] = layer.annotate(document)
        return document

    def _protected_spans(self, simplified: str, article_id: str) -> list[tuple[int, int]]:
        """The term spans segmentation must keep whole, the reader's corrections first."""
        protected: list[tuple[int, int]] = []
        for source in self.term_sources:
            protected.extend(source.find_terms(simplified))
        corrections = self.corrections
        if corrections is not None:  # the reader's words win over every other term
            merged = corrections.merge_spans(simplified, article_id)
            if merged:
                protected = _keep_outside(protected, merged) + merged
        return resolve_overlaps(protected)

    def _token_starts(self, simplified: str, paragraphs, protected: list[tuple[int, int]]) -> array:
        """Token starts of the segmented paragraphs (newlines are tokens), ending with the length."""
        # Token starts go straight into an array: a million-character text has ~600k
        # tokens, and as many (start, end) tuples would keep the garbage collector busy.
        starts = array("l")
        k = 0  # protected spans are sorted: walk them alongside the paragraphs
        batch: list[tuple[int, int, list[tuple[int, int]]]] = []
        size = 0
        for p0, p1 in paragraphs:
            while k < len(protected) and protected[k][0] < p0:
                k += 1  # a term that crossed a line break: not a term
            inner = []
            while k < len(protected) and protected[k][0] < p1:
                s, e = protected[k]
                if e <= p1:
                    inner.append((s - p0, e - p0))
                k += 1
            batch.append((p0, p1, inner))
            size += p1 - p0
            if size >= SEGMENT_BATCH:
                self._cut_paragraphs(simplified, batch, starts)
                batch, size = [], 0
        self._cut_paragraphs(simplified, batch, starts)
        starts.append(len(simplified))
        return starts

    def _cut_paragraphs(self, simplified: str, batch, starts: array) -> None:
        """Segment a batch of paragraphs in one call (with a segmentation helper, one
        exchange), appending their token starts and newlines to `starts`."""
        cuts = self.segmenter.spans_many([(simplified[p0:p1], inner) for p0, p1, inner in batch])
        for (p0, p1, _inner), spans in zip(batch, cuts, strict=True):
            starts.extend(s + p0 for s, _ in spans)
            if p1 < len(simplified):
                starts.append(p1)  # the newline
