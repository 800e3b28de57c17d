"""The offline word-by-word gloss: a short English gloss for every word of a sentence.

No network, ever. For each word, in order of trust:

1. a glossary term (``document.layers["glossary"]``): its short English;
2. a person (``document.layers["people"]``): their English name, else the pinyin name;
3. a handful of function words whose first dictionary sense misleads (的, 了, 在, 被 …);
4. the hand-checked short gloss of a frequent word (`assets/gloss_common.tsv`: 开放 "to
   open up", not CC-CEDICT's first "to bloom"; 一直 "all along", 产品 "product");
5. the first CC-CEDICT sense of the entry read as in context (重点 zhòngdiǎn is
   "important point", not chóngdiǎn "to recount"), trimmed short;
6. an unknown word jieba tags as a person's name (nr): its pinyin name;
7. an unknown word made of known words: their glosses joined with "·" (这次 → this·time),
   multi-character words first; a single character takes the sense that mentions its
   neighbour (下结论: 下 "to arrive at (a decision, conclusion)" · 结论 "conclusion").

A one-character word after a word whose last character makes a dictionary word with it
is glossed with that regrouping (零售商|家 → 零售·商家 "retail·merchant", never "home").

Anything left is marked ``source="none"``. Layer spans that cover several tokens (a name
split by the segmenter) become one unit. Layers come from features built separately
(glossary, people); when a layer is absent, that step is skipped.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from reader.core.gloss.short import (  # noqa: F401 (term_gloss, pinyin_name: public here too)
    COUNTERS,
    FUNCTION_WORDS,
    HAN,
    MAX_CHARS,
    NOT_A_SENSE,
    common_gloss,
    pinyin_name,
    shorten,
    term_gloss,
)
from reader.core.text.document import Document, Kind, Span
from reader.core.text.scripts import View


@dataclass(frozen=True, slots=True)
class WordGloss:
    """One gloss unit: tokens [first, last] (usually one), their text, gloss and source.

    `source` is one of "glossary", "person", "function", "common" (the frequent-word
    table), "dictionary", "name", "parts", "none" (a word with no gloss) or "text"
    (punctuation, numbers, spaces: not glossed).
    """

    first: int
    last: int
    text: str
    gloss: str
    source: str

    @property
    def is_word(self) -> bool:
        return self.source != "text"


@dataclass(frozen=True, slots=True)
class SentenceGloss:
    """A sentence's base (start, end) and its gloss units in order."""

    start: int
    end: int
    units: tuple[WordGloss, ...]


def _numbers_key(pinyin: str) -> str:
    return re.sub(r"\s+", " ", pinyin.lower().replace("u:", "ü").replace("v", "ü")).strip()


class Glosser:
    """Builds interlinear glosses from a document's tokens, its layers and CC-CEDICT."""

    def __init__(self, dictionary, segmenter=None, glossary=None, people=None,
                 limit: int = MAX_CHARS) -> None:
        self.dictionary = dictionary
        self.segmenter = segmenter  # for jieba's name tags; without it no names are guessed
        # Callables returning the glossary (.get(id) -> entry with .expansion, .en) and the
        # people service (.person(id) -> Person with .english), or None when absent.
        self._glossary = glossary or (lambda: None)
        self._people = people or (lambda: None)
        self.limit = limit
        self._tagger = None
        self._memo: dict[tuple[str, str, str], tuple[str, str]] = {}
        self._lock = threading.Lock()

    # -- one word ---------------------------------------------------------------------
    def gloss_word(self, simplified: str, pinyin_numbers: str = "",
                   traditional: str = "") -> tuple[str, str]:
        """(gloss, source) for a word out of any layer; ('', 'none') when unknown.

        `pinyin_numbers` and `traditional` (the word as read and written in context) pick
        the right entry: 重点 zhòngdiǎn, not chóngdiǎn; 云 written 雲 is a cloud.
        """
        key = (simplified, pinyin_numbers, traditional)
        found = self._memo.get(key)
        if found is None:
            found = self._gloss_word(simplified, pinyin_numbers, traditional)
            with self._lock:
                self._memo[key] = found
        return found

    def _gloss_word(self, word: str, pinyin_numbers: str, traditional: str) -> tuple[str, str]:
        if word in FUNCTION_WORDS:
            return FUNCTION_WORDS[word], "function"
        if word.isascii() and len(word) < 2:
            return "", "none"  # a lone letter: CC-CEDICT's entries for those mislead
        common = common_gloss(word, pinyin_numbers)
        if common:
            return common, "common"
        sense = self._sense(word, pinyin_numbers, traditional)
        if sense:
            return shorten(sense, self.limit), "dictionary"
        if HAN.match(word) and 2 <= len(word) <= 4:
            if pinyin_numbers and self._tagged_as_name(word):
                return pinyin_name(pinyin_numbers), "name"
            parts = self._parts(word, traditional)
            if parts:
                return "·".join(parts), "parts"
        return "", "none"

    def _sense(self, word: str, pinyin_numbers: str, traditional: str) -> str:
        """The first real sense of the entry written and read as in context, else any; for a
        word jieba lists as a noun, its first sense that is not a verb (架构 "structure",
        not "to construct")."""
        wanted = _numbers_key(pinyin_numbers)
        noun = len(word) > 1 and self._jieba_tag(word) == "n"

        def mismatch(entry) -> tuple[bool, bool]:
            return (bool(traditional) and entry.traditional != traditional,
                    bool(wanted) and _numbers_key(entry.pinyin_numbers) != wanted)

        for entry in sorted(self.dictionary.lookup(word), key=mismatch):  # stable: keeps rank
            if all(mismatch(entry)) and (traditional or wanted):
                break
            senses = [sense for sense in entry.senses if not sense.startswith(NOT_A_SENSE)]
            if senses:
                nouns = [sense for sense in senses if not sense.startswith("to ")]
                return nouns[0] if noun and nouns else senses[0]
        return self.dictionary.first_gloss(word)

    def _jieba_tag(self, word: str) -> str:
        tag = getattr(self.dictionary, "jieba_tag", None)
        return (tag(word) or "") if tag is not None else ""

    def _tagged_as_name(self, word: str) -> bool:
        """jieba's part-of-speech tagger reads `word` as one person's name."""
        if self.segmenter is None:
            return False
        with self._lock:
            if self._tagger is None:  # tags from the dictionary index: no 1 s re-parse
                from reader.core.text.postag import make_tagger

                self._tagger = make_tagger(self.segmenter.tokenizer, self.dictionary.jieba_tag)
            pairs = self._tagger.lcut(word)
        return len(pairs) == 1 and pairs[0].flag == "nr"

    def _parts(self, word: str, traditional: str = "") -> list[str]:
        """Glosses of the longest known words that make up `word`, or [] if any is unknown.

        A single character takes the sense that mentions its neighbour's gloss, if one does.
        """
        if len(traditional) != len(word):
            traditional = ""
        pieces, glosses, i = [], [], 0
        while i < len(word):
            for size in range(min(4, len(word) - i - (1 if i == 0 else 0)), 0, -1):
                piece = word[i:i + size]
                if i and size == 1 and word[i - 1] in COUNTERS and self._is_classifier(piece):
                    gloss = "(measure)"
                else:
                    gloss = (FUNCTION_WORDS.get(piece) or common_gloss(piece) or shorten(
                        self._sense(piece, "", traditional[i:i + size]), 12))
                if gloss:
                    pieces.append(piece)
                    glosses.append(gloss)
                    i += size
                    break
            else:
                return []
        for k, piece in enumerate(pieces):
            if len(piece) == 1 and len(pieces) > 1:
                neighbour = glosses[k + 1] if k + 1 < len(pieces) else glosses[k - 1]
                glosses[k] = self._sense_mentioning(piece, neighbour) or glosses[k]
        return glosses

    def _sense_mentioning(self, char: str, neighbour: str) -> str:
        """`char`'s dictionary sense that names `neighbour` ('to arrive at (a decision,
        conclusion etc)' beside 'conclusion'), shortened; '' if none does."""
        words = {w for w in re.findall(r"[a-z]{4,}", neighbour.lower())}
        if not words:
            return ""
        for entry in self.dictionary.lookup(char):
            for sense in entry.senses:
                if words & set(re.findall(r"[a-z]{4,}", sense.lower())):
                    return shorten(sense, 16)
        return ""

    def regroup(self, first: str, second: str) -> str:
        """A gloss for word `first` + one-character word `second` when the characters group
        better as first[:-1] · first[-1]+second (零售商|家 → "retail·merchant"), else ''."""
        if (len(first) < 3 or len(second) != 1 or second in FUNCTION_WORDS
                or not HAN.match(first + second)):
            return ""
        head, tail = first[:-1], first[-1] + second
        if not (self._known(tail) and self._known(head)):
            return ""
        return "·".join(self.gloss_word(w)[0] for w in (head, tail))

    def _known(self, word: str) -> bool:
        return bool(common_gloss(word) or self.dictionary.lookup(word))

    def _is_classifier(self, char: str) -> bool:
        return any(sense.startswith("classifier for")
                   for entry in self.dictionary.lookup(char) for sense in entry.senses)

    # -- a document ---------------------------------------------------------------------
    def sentences(
        self, document: Document, view: View | str = View.ORIGINAL,
        start: int = 0, end: int | None = None,
    ) -> list[SentenceGloss]:
        """Glossed sentences overlapping base range [start, end) (default: all)."""
        end = document.length if end is None else end
        units_by_token = self._layer_units(document)
        out: list[SentenceGloss] = []
        pos = start
        while pos < end:
            s0, s1 = document.sentence_bounds(pos)
            if s1 <= pos:  # a newline or trailing space between sentences
                pos += 1
                continue
            s0 = max(s0, pos)
            units = self._units(document, View(view), s0, s1, units_by_token)
            if units:
                # A token or a layer span may run past the sentence end: resume after it.
                s1 = max(s1, document.span(units[-1].last)[1])
                if any(u.source != "text" or u.text.strip() for u in units):
                    out.append(SentenceGloss(s0, s1, tuple(units)))
            pos = s1
        return out

    def paragraph(self, document: Document, index: int,
                  view: View | str = View.ORIGINAL) -> list[SentenceGloss]:
        """Glossed sentences of paragraph `index`."""
        p0, p1 = document.paragraphs[index]
        return self.sentences(document, view, p0, p1)

    def _units(self, document: Document, view: View, s0: int, s1: int,
               layer_units: dict[int, tuple[int, str, str]]) -> list[WordGloss]:
        units: list[WordGloss] = []
        index = document.token_index_at(s0)
        last_token = document.token_index_at(max(s0, s1 - 1))
        if index is None or last_token is None:
            return units
        text = document.text(view)
        traditional = document.text(View.TRADITIONAL)
        while index <= last_token:
            kind = document.kind(index)
            layered = layer_units.get(index)
            if layered is not None:
                last, gloss, source = layered
                last = min(last, len(document) - 1)
            elif kind in (Kind.WORD, Kind.LATIN):
                last = index
                b0, b1 = document.span(index)
                t0, t1 = document.span(index, View.TRADITIONAL)
                gloss, source = self.gloss_word(document.simplified[b0:b1],
                                                document.pinyin_numbers(index),
                                                traditional[t0:t1])
                merged = self._regrouped(document, units, index, text, view)
                if merged is not None:
                    units[-1] = merged
                    index += 1
                    continue
            else:
                last, gloss, source = index, "", "text"
            v0, _ = document.span(index, view)
            _, v1 = document.span(last, view)
            if source != "text" or not text[v0:v1].isspace():
                units.append(WordGloss(index, last, text[v0:v1], gloss, source))
            index = last + 1
        return units

    def _regrouped(self, document: Document, units: list[WordGloss], index: int, text: str,
                   view: View):
        """The previous unit and token `index` as one unit, when they group better."""
        if not units or units[-1].last != index - 1 or units[-1].source not in (
                "common", "dictionary") or units[-1].first != index - 1:
            return None
        (a0, _), (b0, b1) = document.span(index - 1), document.span(index)
        gloss = self.regroup(document.simplified[a0:b0], document.simplified[b0:b1])
        if not gloss:
            return None
        v0, v1 = document.span(index, view)
        return WordGloss(index - 1, index, units[-1].text + text[v0:v1], gloss, "parts")

    def layer_glosses(self, document: Document) -> dict[int, tuple[int, str, str]]:
        """first token → (last token, gloss, source) of the document's glossary terms and
        people (source "glossary" or "person")."""
        return self._layer_units(document)

    def _layer_units(self, document: Document) -> dict[int, tuple[int, str, str]]:
        """first token → (last token, gloss, source) for glossary terms and people."""
        units: dict[int, tuple[int, str, str]] = {}
        taken: set[int] = set()
        for layer, source in (("glossary", "glossary"), ("people", "person")):
            for span in document.layers.get(layer) or ():
                first = document.token_index_at(span.start)
                last = document.token_index_at(max(span.start, span.end - 1))
                if first is None or last is None:
                    continue
                if any(i in taken for i in range(first, last + 1)):
                    continue
                gloss = self._span_gloss(document, span, source, first, last)
                if gloss:
                    units[first] = (last, gloss, source)
                    taken.update(range(first, last + 1))
        return units

    def _span_gloss(self, document: Document, span: Span, source: str,
                    first: int, last: int) -> str:
        data = span.data if isinstance(span.data, dict) else {}
        if source == "glossary":
            glossary = self._glossary()
            entry = glossary.get(span.key) if glossary is not None else None
            if entry is not None:
                short = getattr(entry, "short", "") or term_gloss(
                    getattr(entry, "expansion", ""), getattr(entry, "en", ""))
                if short:
                    return shorten(short, self.limit + 12)  # expansions earn the room
        else:
            people = self._people()
            person = people.person(span.key) if people is not None else None
            english = getattr(person, "english", "") if person is not None else ""
            if english:
                return shorten(english, self.limit)
        keys = (("short", "gloss", "en", "english", "meaning") if source == "glossary"
                else ("english", "name_en", "en", "english_name", "gloss"))
        for key in keys:
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                return shorten(value, self.limit)
        if source == "person":
            pinyin = " ".join(document.pinyin_numbers(i) for i in range(first, last + 1))
            return pinyin_name(pinyin)
        if source == "glossary":
            b0, b1 = span.start, span.end
            return self.gloss_word(document.simplified[b0:b1])[0] or span.key
        return ""


def inline_gloss(document: Document, sentences: list[SentenceGloss],
                 view: View | str = View.ORIGINAL) -> str:
    """Sentences as one line, each word followed by its gloss: '腾讯 Tencent · 进军 to march'.

    Words with no gloss are followed by '–' (Latin ones, already readable, stand alone);
    sentences are separated by ' ｜ '.
    """
    view = View(view)
    text = document.text(view)
    out = []
    for sentence in sentences:
        words = []
        for unit in sentence.units:
            if not unit.is_word:
                continue
            word = text[document.span(unit.first, view)[0]:document.span(unit.last, view)[1]]
            if unit.gloss:
                words.append(f"{word} {unit.gloss}")
            elif HAN.match(word[:1] or "a"):
                words.append(f"{word} –")
            else:
                words.append(word)
        if words:
            out.append(" · ".join(words))
    return "  ｜  ".join(out)
