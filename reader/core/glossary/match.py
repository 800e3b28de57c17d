"""Finding glossary terms in text: one Aho-Corasick automaton over a normalised text.

Normalisation (the same for patterns and text, with an offset map back to the text):
NFKC (full-width ｔｏ Ｂ → to B), case folding, Traditional → Simplified for patterns
(texts arrive as the Simplified view), and removal of spaces next to a Latin letter or digit
and of hyphens between two of them (To B, To-B, ToB all become `tob`; C 端 becomes `c端`).

Rules applied to each raw hit:
* a term that starts (ends) with a Latin letter or digit may not start (end) inside a Latin
  word or number: no IT in ITEM, no AI in SAIC, no PV in PVC; except that a unit written
  in mixed case (GWh, kWh, mAh) may follow a number (12GWh);
* a short all-capitals acronym (IT, AI, IM...) does not match an all-lowercase surface,
  so the English word "it" is not the IT entry;
* the longest hit wins, then the leftmost; `exclude` phrases (2B铅笔) compete like terms
  and, when they win, hide the term inside them.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_FOLD_CACHE: dict[str, str] = {}
_FOLD_LOCK = threading.Lock()
_HYPHENS = "-\u2010\u2011\u2012\u2013"
_BLANKS = " \t"
_RUNS = re.compile("[" + re.escape(_BLANKS + _HYPHENS) + "]+")
_NON_ASCII_NON_HAN = re.compile(r"[^\x00-\x7f\u4e00-\u9fff]")


def _matters(folded: str) -> bool:
    """Whether folding a character changes matching (letters, digits, blanks, + · -)."""
    return folded.isalnum() or folded in " +·-\u2010"


def fold_char(ch: str) -> str:
    """NFKC + case fold of one character where that matters for matching (cached).

    Full-width letters, digits, blanks and +, compatibility ideographs are folded; other
    characters keep their form (， stays ，), and a fold never changes the length of a text
    (… stays …), so offsets into the folded text are offsets into the text.
    """
    if ch < "\x80":
        return ch.lower()
    found = _FOLD_CACHE.get(ch)
    if found is None:
        found = unicodedata.normalize("NFKC", ch).casefold()
        if len(found) != 1 or not _matters(found):
            found = ch.lower() if len(ch.lower()) == 1 else ch
        with _FOLD_LOCK:
            _FOLD_CACHE[ch] = found
    return found


def _is_digit(ch: str) -> bool:
    return fold_char(ch).isdigit()


def is_latin(ch: str) -> bool:
    """True for a Latin letter or digit, full-width ones included."""
    folded = fold_char(ch)
    return folded.isascii() and folded.isalnum()


def _fold(text: str) -> str:
    folded = text.lower()
    if len(folded) != len(text):
        return "".join(fold_char(ch) for ch in text)
    table = {}
    for ch in set(_NON_ASCII_NON_HAN.findall(text)):
        target = fold_char(ch)
        if target != ch.lower():
            table[ch.lower()] = target
    if len(table) > 16:
        return folded.translate({ord(k): v for k, v in table.items()})
    for source, target in table.items():  # a few str.replace calls beat one translate
        folded = folded.replace(source, target)
    return folded


def _removable(folded: str, start: int, end: int) -> bool:
    """A run of blanks next to a Latin letter/digit, or of hyphens between two of them."""
    before = start > 0 and folded[start - 1].isascii() and folded[start - 1].isalnum()
    after = end < len(folded) and folded[end].isascii() and folded[end].isalnum()
    if before and after:
        return True
    return (before or after) and all(c in _BLANKS for c in folded[start:end])


def normalise(text: str) -> tuple[str, list[int] | None]:
    """(normalised text, map from each normalised index to its text index, or None if 1:1).

    NFKC-folded and lower-cased; blanks touching a Latin letter or digit and hyphens
    between two of them are dropped ('To-B', 'to B' → 'tob'; 'C 端' → 'c端').
    """
    folded = _fold(text)
    pieces = []
    kept: list[int] = []
    pos = 0
    for run in _RUNS.finditer(folded):
        if not _removable(folded, run.start(), run.end()):
            continue
        pieces.append(folded[pos : run.start()])
        kept.extend(range(pos, run.start()))
        pos = run.end()
    if not pieces:
        return folded, None
    pieces.append(folded[pos:])
    kept.extend(range(pos, len(folded)))
    return "".join(pieces), kept


def entry_id(term: str) -> str:
    """The key of a term: its normalised Simplified form ('To B' → 'tob')."""
    from reader.core.text.scripts import to_simplified

    return normalise(to_simplified(term.strip()))[0]


@dataclass(frozen=True, slots=True)
class Hit:
    """A glossary term found at text offsets [start, end)."""

    start: int
    end: int
    entry_id: str


# What the automaton holds per surface: a plain tuple (length, entry id or None for an
# exclude phrase, latin_start, latin_end, caps_only, unit) — plain tuples unpickle in C,
# a NamedTuple calls Python per pattern (~30 ms for 30,000 of them). `unit`: a mixed-case
# Latin surface (GWh) that may follow a digit.
_Pattern = tuple
_ENTRY = 1


def _unit_like(surface: str) -> bool:
    plain = unicodedata.normalize("NFKC", surface)
    return (plain.isascii() and plain.isalpha() and any(c.islower() for c in plain)
            and any(c.isupper() for c in plain))


def _caps_only(surface: str) -> bool:
    plain = unicodedata.normalize("NFKC", surface)
    return plain.isascii() and plain.isalpha() and plain.isupper() and len(plain) <= 3


def surface_keys(surfaces: Iterable[str]) -> dict[str, str]:
    """Each surface's normalised Simplified key (one OpenCC call for all of them:
    thousands of small calls cost ~100 ms)."""
    from reader.core.text.scripts import to_simplified

    surfaces = list(dict.fromkeys(s.strip() for s in surfaces))
    converted = to_simplified("\n".join(s.replace("\n", " ") for s in surfaces)).split("\n")
    if len(converted) != len(surfaces):
        converted = [to_simplified(s) for s in surfaces]
    # Normalising is per character, and blanks and hyphens only go next to a Latin letter
    # or digit, never next to a line break: one pass over the joined text gives each key.
    keys = normalise("\n".join(converted))[0].split("\n")
    if len(keys) != len(surfaces):
        keys = [normalise(c)[0] for c in converted]
    return dict(zip(surfaces, keys, strict=True))


class TermMatcher:
    """An immutable automaton over (surface, entry id) pairs; `find` is thread-safe.

    It pickles (automaton included), so a matcher over unchanged data is read back from
    the data cache (~25 ms for 30,000 surfaces) instead of being built again (~0.3 s)."""

    def __init__(self, surfaces: Iterable[tuple[str, str | None]],
                 keys: dict[str, str] | None = None,
                 corpus_surfaces: Iterable[tuple[str, str | None]] = ()) -> None:
        """`keys` may give surfaces' normalised keys already (see `surface_keys`).

        `corpus_surfaces` (the corpus-only variants) count only in `find(..., corpus=True)`,
        exactly as a second matcher over `surfaces` then `corpus_surfaces` would: one
        automaton holds both pattern sets (building a second one cost ~50 ms).
        """
        import ahocorasick

        surfaces = [(surface.strip(), owner) for surface, owner in surfaces]
        extra = [(surface.strip(), owner) for surface, owner in corpus_surfaces]
        known = dict(keys or {})
        missing = [surface for surface, _ in surfaces + extra if surface not in known]
        if missing:
            known.update(surface_keys(missing))
        patterns: dict[str, _Pattern] = _patterns(surfaces, known, {})
        corpus = _patterns(extra, known, dict(patterns)) if extra else patterns
        self._sizes = (len(patterns), len(corpus))
        self._automaton = ahocorasick.Automaton()
        for key, pattern in corpus.items():
            self._automaton.add_word(key, (patterns.get(key), pattern))
        for key, pattern in patterns.items():
            if key not in corpus:
                self._automaton.add_word(key, (pattern, None))
        if len(self._automaton):
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return self._sizes[0]

    def __getstate__(self) -> tuple:
        return self._automaton, self._sizes

    def __setstate__(self, state: tuple) -> None:
        self._automaton, self._sizes = state

    def lookup(self, word: str) -> str | None:
        """The entry id whose surface is exactly `word` (any case, width, script)."""
        from reader.core.text.scripts import to_simplified

        both = self._automaton.get(normalise(to_simplified(word.strip()))[0], None)
        pattern = None if both is None else both[0]
        if pattern is None or pattern[_ENTRY] is None:
            return None
        _, entry_id_, _, _, caps_only, _ = pattern
        if caps_only and not any(c.isupper() for c in word):
            return None
        return entry_id_

    def find(self, text: str, corpus: bool = False) -> list[Hit]:
        """Sorted, non-overlapping hits over `text` (give it the Simplified view); with
        `corpus`, the corpus-only variants too (`text` is a bundled article)."""
        slot = 1 if corpus else 0
        if not self._sizes[slot] or not text:
            return []
        norm, index = normalise(text)
        candidates: list[tuple[int, int, _Pattern]] = []
        n = len(text)
        for end_pos, both in self._automaton.iter(norm):
            pattern = both[slot]
            if pattern is None:
                continue
            length, _, latin_start, latin_end, caps_only, unit = pattern
            k0 = end_pos - length + 1
            start = k0 if index is None else index[k0]
            last = end_pos if index is None else index[end_pos]
            end = last + 1
            if latin_start and start > 0 and is_latin(text[start - 1]) and not (
                    unit and _is_digit(text[start - 1])):
                continue
            if latin_end and end < n and is_latin(text[end]):
                continue
            if caps_only and not any(c.isupper() for c in text[start:end]):
                continue  # an all-lowercase surface ("it") is not the acronym (IT)
            candidates.append((start, end, pattern))
        return _longest_first(candidates, n)


def _patterns(surfaces: list[tuple[str, str | None]], known: dict[str, str],
              patterns: dict[str, _Pattern]) -> dict[str, _Pattern]:
    """Add each (surface, owner)'s pattern to `patterns` under its key; the first owner of a
    key keeps it (callers order user entries first), except over an exclude phrase."""
    for surface, owner in surfaces:
        key = known[surface]
        if not key or (key in patterns and patterns[key][_ENTRY] is not None):
            continue
        patterns[key] = (len(key), owner, is_latin(key[0]), is_latin(key[-1]),
                         owner is not None and _caps_only(surface),
                         owner is not None and _unit_like(surface))
    return patterns


def _longest_first(candidates: list[tuple[int, int, _Pattern]], n: int) -> list[Hit]:
    """Keep the longest, then leftmost, candidates; drop the ones overlapping a kept one."""
    if not candidates:
        return []
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = bytearray(n)
    hits = []
    for start, end, pattern in candidates:
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        if pattern[_ENTRY] is not None:
            hits.append(Hit(start, end, pattern[_ENTRY]))
    hits.sort(key=lambda h: h.start)
    return hits
