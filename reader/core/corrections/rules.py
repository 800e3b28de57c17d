"""One scope's corrections (global, or one article's) and how they change an annotation.

* words: always one word (protected spans: the segmenter keeps them whole);
* splits: a word the segmenter keeps whole, cut into given parts;
* readings: a word's pinyin, used instead of the model's reading.

Every rule matches the Simplified base text, so a correction made in a Traditional view
holds in every view. Occurrences are found with `str.find` (a few rules over a million
characters take milliseconds); only exact tokens are split or re-read.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from dataclasses import dataclass, field

from reader.core.text.find import parse_pinyin
from reader.core.text.pinyin_marks import has_han
from reader.core.text.scripts import convert_keep_length

MAX_WORD = 40  # characters in a corrected word


class CorrectionError(ValueError):
    """A correction that cannot be made (one line for the reader)."""


@dataclass
class Rules:
    """One scope's corrections, keyed by Simplified words."""

    words: set[str] = field(default_factory=set)
    splits: dict[str, tuple[str, ...]] = field(default_factory=dict)
    readings: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.words or self.splits or self.readings)

    def to_json(self) -> dict:
        return {"words": sorted(self.words),
                "splits": {w: list(p) for w, p in sorted(self.splits.items())},
                "readings": dict(sorted(self.readings.items()))}

    @classmethod
    def from_json(cls, data: dict) -> Rules:
        if not isinstance(data, dict):
            raise CorrectionError("not a table of corrections")
        rules = cls()
        for word in data.get("words", []):
            rules.words.add(check_word(word))
        for word, parts in dict(data.get("splits", {})).items():
            rules.splits[check_word(word)] = check_split(word, parts)
        for word, reading in dict(data.get("readings", {})).items():
            rules.readings[check_word(word)] = check_reading(word, reading)
        return rules

    def rows(self, scope: str) -> list[tuple[str, str, str, str]]:
        """(scope, kind, word, value) rows, for listing and CSV."""
        out = [(scope, "word", w, "") for w in sorted(self.words)]
        out += [(scope, "split", w, " ".join(p)) for w, p in sorted(self.splits.items())]
        out += [(scope, "reading", w, r) for w, r in sorted(self.readings.items())]
        return out


def simplified(word: str) -> str:
    return convert_keep_length(word.strip(), "t2s")


def check_word(word) -> str:
    if not isinstance(word, str) or not word.strip():
        raise CorrectionError("give a word")
    word = simplified(word)
    if len(word) > MAX_WORD or "\n" in word:
        raise CorrectionError(f"a word is at most {MAX_WORD} characters on one line")
    return word


def check_split(word: str, parts) -> tuple[str, ...]:
    word = check_word(word)
    parts = tuple(simplified(p) for p in (parts.split() if isinstance(parts, str) else parts))
    if len(parts) < 2 or any(not p for p in parts):
        raise CorrectionError(f"split {word} into at least two parts")
    if "".join(parts) != word:
        raise CorrectionError(f"the parts {' '.join(parts)} do not spell {word}")
    return parts


def check_reading(word: str, reading) -> str:
    """Tone-number pinyin ('hang2 zhang3') for `word`, from marks or numbers."""
    word = check_word(word)
    syllables = parse_pinyin(reading) if isinstance(reading, str) else None
    if not syllables:
        raise CorrectionError(f"{reading!r} is not pinyin")
    han = sum(1 for ch in word if has_han(ch))
    if len(syllables) != han:
        raise CorrectionError(f"{word} has {han} characters but {reading!r} has "
                              f"{len(syllables)} syllables")
    if any(not tone for _, tone in syllables):
        raise CorrectionError("give every syllable's tone: hang2 zhang3 or háng zhǎng "
                              "(5 for the neutral tone)")
    return " ".join(letters + tone for letters, tone in syllables)


def occurrences(text: str, word: str):
    """Start offsets of `word` in `text`."""
    find = text.find
    at = find(word)
    while at >= 0:
        yield at
        at = find(word, at + 1)


def merge_spans(text: str, rules: list[Rules]) -> list[tuple[int, int]]:
    """Protected (start, end) spans for every "one word" rule."""
    spans = []
    for scope in rules:
        for word in scope.words:
            spans.extend((at, at + len(word)) for at in occurrences(text, word))
    return spans


def _is_token(starts, start: int, end: int) -> int:
    """The index of the token spanning exactly [start, end), else -1."""
    index = bisect_left(starts, start)
    if index + 1 < len(starts) and starts[index] == start and starts[index + 1] == end:
        return index
    return -1


def split_tokens(text: str, starts: array, rules: list[Rules]) -> array:
    """Token starts with the split rules applied (a new array when anything changed)."""
    extra: set[int] = set()
    for scope in rules:
        for word, parts in scope.splits.items():
            for at in occurrences(text, word):
                if _is_token(starts, at, at + len(word)) >= 0:
                    pos = at
                    for part in parts[:-1]:
                        pos += len(part)
                        extra.add(pos)
    if not extra:
        return starts
    return array(starts.typecode, sorted(set(starts) | extra))


def fix_readings(text: str, starts, readings: list[str], rules: list[Rules]) -> None:
    """Replace the readings of tokens that are exactly a reading rule's word (later
    scopes win: an article's rule over a global one)."""
    for scope in rules:
        for word, reading in scope.readings.items():
            for at in occurrences(text, word):
                index = _is_token(starts, at, at + len(word))
                if index >= 0:
                    readings[index] = reading
