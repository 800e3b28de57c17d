"""Finds personal names nobody listed: jieba's person tags, then filters that keep real ones.

    Simplified text ──▶ windows around context cues (a title or credit before a surname,
    a speech verb after one) ──▶ jieba part-of-speech tags in those windows only ("nr")
    ──▶ candidates ──▶ filters: Chinese surname (two-character ones too), length 2-4,
    not a common word (CC-CEDICT, jieba frequency), not an organisation, brand or place
    (dictionary senses, jieba tags, 集团/公司/云... after it), a cue next to a mention
    ──▶ every mention of the accepted names.

Tagging only the windows keeps the cost to a few percent of annotation: jieba's tagger
runs at ~40k characters/s, slower than the whole rest of the pipeline. A name is found as
long as one of its mentions has a cue, which is how news introduces people ("副总裁林璟骅",
"记者张建", "何文武说").
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.people.cues import (
    ADVERBS,
    AFTER_NAME,
    CLAUSE_BREAK,
    COMPOUND_SURNAMES,
    CREDIT_SEPARATORS,
    CREDITS,
    ORG_SUFFIXES,
    PERSON_SENSE_WORDS,
    SINGLE_SURNAMES,
    STOP_CHARS,
    TITLES,
    TITLES_AFTER,
    VERBS,
)
from reader.core.people.more_names import (
    dotted_names,
    drop_nested,
    foreign_run,
    parenthesised_names,
)
from reader.core.people.name_lists import list_names
from reader.core.people.name_shape import shaped_like_name, surname_of

# jieba words at least this frequent are common words, even when jieba tags them "nr".
COMMON_WORD_FREQ = 1000
# Two-character neighbours at least this frequent mean a match sits inside another word.
BOUNDARY_WORD_FREQ = 100
# A third character that forms a word this frequent with the next one is not in the name.
SPLIT_WORD_FREQ = 2000
# Given names may be words (文武, 小龙) but not the commonest ones (可以, 我们).
GIVEN_WORD_FREQ = 10000
_HAN = "\u4e00-\u9fff"


def _alternation(words: Iterable[str]) -> str:
    """Longest-first alternation, behind a first-character check (re has no word tries)."""
    words = sorted(set(words), key=len, reverse=True)
    first = "".join(sorted({re.escape(w[0]) for w in words}))
    return f"(?=[{first}])(?:" + "|".join(re.escape(w) for w in words) + ")"


_SURNAME_CLASS = "[" + "".join(sorted(SINGLE_SURNAMES | {s[0] for s in COMPOUND_SURNAMES})) + "]"
_SEP = "[ \t\u3000" + re.escape(CREDIT_SEPARATORS) + "]"
_TITLE_BEFORE = re.compile(f"(?:{_alternation(TITLES)}){_SEP}*$")
_CREDIT_BEFORE = re.compile(f"(?:(?:^|[^{_HAN}]|每经|本刊|本报)(?:{_alternation(CREDITS)}){_SEP}+"
                            f"|社记者{_SEP}*)$")  # 新华社记者王晓明: a news agency's reporter
_VERB_AFTER = re.compile(
    f"^(?:[{ADVERBS}]{{0,2}}|(?:对|向|跟|和)[^{re.escape(CLAUSE_BREAK)}《》]{{0,3}}"
    f"(?:《[^》]{{1,8}}》)?[^{re.escape(CLAUSE_BREAK)}]{{0,6}}?)(?:{_alternation(VERBS)})")
_AFTER_NAME = re.compile(f"^[ \u3000]?(?:{_alternation(AFTER_NAME)})(?![{_HAN}])|^[ \u3000]摄")
_ORG_AFTER = re.compile(f"^(?:{_alternation(ORG_SUFFIXES)})")
_ANCHOR = re.compile(
    f"(?:(?:{_alternation(TITLES)})[ \u3000]*|(?:^|(?<=[^{_HAN}])|(?<=每经|本刊|本报))"
    f"(?:{_alternation(CREDITS)}){_SEP}+|(?<=社)记者{_SEP}*)(?={_SURNAME_CLASS})", re.MULTILINE)
_SPEECH = re.compile(f"(?<=[{_HAN}])(?:{_alternation(VERBS)}|{_alternation(AFTER_NAME)}"
                     f"|{_alternation(TITLES_AFTER)}|是(?=[^{re.escape(CLAUSE_BREAK)}]{{0,16}}?"
                     f"(?:{_alternation(TITLES)})(?:[{re.escape(CLAUSE_BREAK)}]|$)))")
_BREAK = re.compile(f"[{re.escape(CLAUSE_BREAK)}]")
_TITLE_AFTER = re.compile(f"^(?:{_alternation(TITLES_AFTER)})")
_APPOSITIVE = re.compile(
    f"^是[^{re.escape(CLAUSE_BREAK)}]{{0,16}}?(?:{_alternation(TITLES)})(?=[{re.escape(CLAUSE_BREAK)}]|$)")
_NAME_LINE = re.compile(f"^[ \u3000]*({_SURNAME_CLASS}[{_HAN}]{{1,3}})[ \u3000]*$", re.MULTILINE)
_STARTS_CUE = re.compile(f"(?:{_alternation([*VERBS, *AFTER_NAME, *TITLES])})")
_PERSON_SENSE = re.compile(r"\(\d{3,4}\s*-|\bc\. \d|" + "|".join(
    re.escape(w) for w in PERSON_SENSE_WORDS), re.IGNORECASE)


@dataclass(frozen=True)
class DetectedName:
    """A name the detector accepted, with where it occurs and why it was kept."""

    name: str
    mentions: tuple[tuple[int, int], ...]
    reasons: tuple[str, ...]


CHUNK = 4000  # characters per regex pass: long passes hold the GIL and stall the window


def _chunks(text: str):
    """`text` in pieces of about CHUNK characters, cut after line breaks (names never span
    a line), so that no single regex scan holds Python's global lock for long."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + CHUNK)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


class NameDetector:
    """Finds person names in Simplified text (see the module docstring).

    `tokenizer` is the pipeline's jieba tokenizer; `dictionary` (a `Dictionary`, optional)
    sharpens the common-word and organisation filters.
    """

    def __init__(self, tokenizer, dictionary=None) -> None:
        self.tokenizer = tokenizer
        self.dictionary = dictionary
        self._posseg = None
        self._lock = threading.Lock()
        self._word_cache: dict[str, str | None] = {}
        self._tag_cache: dict[str, list[str]] = {}

    # -- candidates -------------------------------------------------------------------
    def _tagger(self):
        with self._lock:
            if self._posseg is None:
                if self.dictionary is not None:  # tags from our index: no 1 s dictionary parse
                    from reader.core.text.postag import make_tagger

                    self._posseg = make_tagger(self.tokenizer, self.dictionary.jieba_tag)
                else:
                    import jieba.posseg

                    self._posseg = jieba.posseg.POSTokenizer(self.tokenizer)
            return self._posseg

    def candidates(self, whole: str, known: Iterable[str] = ()) -> dict[str, set[str]]:
        """Candidate names, each with the cues found while collecting it.

        Names right after a title or credit and names on a line of their own come first;
        then jieba tags ("nr") the few characters before a speech verb, an after-name title
        or an appositive (是...经理), unless they end with a name already known.
        """
        found: dict[str, set[str]] = {}
        known = set(known)
        for text in _chunks(whole):
            for match in _ANCHOR.finditer(text):
                at = match.end()
                if any(text[at : at + k] in known for k in (2, 3, 4)):
                    continue  # a directory name: its boundary is known
                byline = not _TITLE_BEFORE.search(text[max(0, match.start() - 1) : match.end()])
                names = self._names_at(text, match.end(), byline)
                for name in names:
                    found.setdefault(name, set()).add("credit" if byline and len(names) > 1
                                                      else "anchored")
            for match in _NAME_LINE.finditer(text):
                found.setdefault(match.group(1), set())
            for name in parenthesised_names(text, shaped_like_name):
                if name not in known:
                    found.setdefault(name, set()).add("credit")
        known = {*known, *found}
        for text in _chunks(whole):
            for match in _SPEECH.finditer(text):
                cue = match.group(0)
                v = match.start()
                if len(cue) == 1 and cue != "是" and max(
                        self._jieba_freq(text[v - 1 : v + 1]), self._jieba_freq(text[v : v + 2])
                ) >= BOUNDARY_WORD_FREQ:
                    continue  # 问题, 总部, 来说: part of another word
                stripped = text[max(0, v - 8) : v].rstrip(ADVERBS)
                end = max(0, v - 8) + len(stripped)
                window = _BREAK.split(stripped[-6:])[-1]
                tails = [window[-k:] for k in (4, 3, 2) if len(window) >= k]
                if any(tail in known for tail in tails):
                    continue
                tails = [t for t in tails if self._plain_name(t)
                         and not self._ends_title(text, end - len(t))]
                if len(tails) == 1 and len(tails[0]) >= 3:
                    found.setdefault(tails[0], set())
                elif tails:  # 2-character names, or 汤道生说 / 道生说: jieba's tagger decides
                    for name in self._tagged_names(window):
                        if name in tails:
                            found.setdefault(name, set())
        return found

    @staticmethod
    def _ends_title(text: str, at: int) -> bool:
        """Whether the character at `at` is the last of a title (财务官徐宏: 官)."""
        return bool(_TITLE_BEFORE.search(text[max(0, at - 8) : at + 1]))

    def _tagged_names(self, window: str) -> list[str]:
        """Words jieba tags as people in a short window (a split surname re-attached)."""
        names = self._tag_cache.get(window)
        if names is None:
            pairs = [(p.word, p.flag) for p in self._tagger().cut(window)]
            names = []
            for i, (word, flag) in enumerate(pairs):
                if flag.startswith("nr"):
                    names.append(word)
                    if i > 0 and pairs[i - 1][0] in SINGLE_SURNAMES:
                        names.append(pairs[i - 1][0] + word)  # 何 + 文武
            if len(self._tag_cache) > 4096:
                self._tag_cache.clear()
            self._tag_cache[window] = names
        return names

    def _names_at(self, text: str, start: int, credit: bool) -> list[str]:
        """The name that starts at `start` (just after a title or credit)."""
        foreign = foreign_run(text, start)
        if foreign and self.word_kind(foreign) is None:
            return [foreign]  # 商务部长雷蒙多: a transliteration, not 雷 + 蒙
        if credit:  # a byline: 文| 谢丽容 陈潇潇 刘以秦
            line_end = text.find("\n", start)
            line = text[start : len(text) if line_end < 0 else line_end]
            chunk = re.match(f"[{_HAN} \u3000]*", line).group(0)
            parts = chunk.split()
            if parts and all(2 <= len(p) <= 4 for p in parts):
                return parts
        surname = surname_of(text[start : start + 3]) or ""
        given = start + len(surname)
        short = text[start : given + 1]
        long = text[start : given + 2]
        if len(long) < len(short) + 1 or not shaped_like_name(long):
            return [short] if shaped_like_name(short) else []
        after = text[given + 2 : given + 5]
        if after[:1] and after[0] in CREDIT_SEPARATORS:
            return [long]  # 记者高嘉和／台北报导: the separator ends the name
        third = long[-1]
        if self._jieba_freq(text[given + 1 : given + 3]) >= SPLIT_WORD_FREQ:
            return [short]  # 李想针对: the third character starts a common word
        if third in ADVERBS or _STARTS_CUE.match(text, given + 1):
            return [short]  # 郭平称, 黄翔更直接, 钱敏说
        if not after[:1] or after[0] in CLAUSE_BREAK or after[0] in STOP_CHARS \
                or _STARTS_CUE.match(after) or after[0] in ADVERBS:
            return [long]  # 王万新记得, 石海东等
        for name in self._tagged_names(text[start : start + 5]):
            if name in (short, long) and text.startswith(name, start):
                return [name]
        return [long]

    # -- filters ----------------------------------------------------------------------
    def _jieba_freq(self, word: str) -> int:
        return self.tokenizer.FREQ.get(word) or 0

    def _jieba_tag(self, word: str) -> str | None:
        if self.dictionary is not None:
            return self.dictionary.jieba_tag(word)
        return self._tagger().word_tag_tab.get(word)

    def word_kind(self, word: str) -> str | None:
        """'person', 'common' (a dictionary word), 'org' (brand, company, place) or None."""
        if word in self._word_cache:
            return self._word_cache[word]
        kind = None
        entries = self.dictionary.lookup(word) if self.dictionary is not None else ()
        if any(e.is_proper_noun and _PERSON_SENSE.search(" ".join(e.senses)) for e in entries):
            kind = "person"
        elif any(not e.is_proper_noun for e in entries):
            kind = "common"
        elif entries:
            kind = "org"
        else:
            tag = self._jieba_tag(word)
            freq = self._jieba_freq(word)
            if tag is not None and not tag.startswith("nr") and freq > 0:
                kind = "org" if tag in ("ns", "nt", "nz") else "common"
            elif freq >= (BOUNDARY_WORD_FREQ if len(word) == 2 else COMMON_WORD_FREQ):
                kind = "common"  # 高通 (Qualcomm), 明白: two-character words jieba knows well
        self._word_cache[word] = kind
        return kind

    def inside_word(self, text: str, start: int, end: int) -> bool:
        """True when the first character (or a short name's last) belongs to a neighbouring
        word: 于凡 in 对于凡事, 华可以 in 东华可以."""
        pairs = [text[start - 1 : start + 1] if start > 0 else ""]
        if end - start <= 2 and end < len(text):
            pairs.append(text[end - 1 : end + 1])
        return any(len(pair) == 2 and self._jieba_freq(pair) >= BOUNDARY_WORD_FREQ
                   for pair in pairs)

    def cues(self, text: str, start: int, end: int) -> list[str]:
        """The context cues around one mention."""
        found = []
        before = text[max(0, start - 8) : start]
        after = text[end : end + 24]
        if _TITLE_BEFORE.search(before):
            found.append("title")
        if _CREDIT_BEFORE.search(before):
            found.append("credit")
        if _AFTER_NAME.match(after):
            found.append("after-name")
        if _VERB_AFTER.match(after):
            found.append("verb")
        if _TITLE_AFTER.match(after):
            found.append("title-after")
        if _APPOSITIVE.match(after):
            found.append("appositive")
        line_start = start == 0 or text[start - 1] == "\n"
        if line_start and (end == len(text) or text[end] == "\n"):
            found.append("own-line")
        return found

    def _judge_foreign(self, text: str, name: str, cues: Iterable[str] = ()) -> DetectedName | None:
        """A transliterated name: not a dictionary word; a cue beside a mention, or repeated."""
        if self.word_kind(re.sub("[·•‧・]", "", name)) in ("common", "org"):
            return None
        mentions, reasons = [], {c for c in cues if c == "credit"}
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            mentions.append((start, end))
            reasons.update(self.cues(text, start, end))
            start = text.find(name, end)
        if len(mentions) > 1:
            reasons.add("repeated")
        if not mentions or not reasons:
            return None
        return DetectedName(name, tuple(mentions), tuple(sorted(reasons | {"foreign"})))

    # -- the whole pass ---------------------------------------------------------------
    def detect(self, text: str, exclude: Iterable[str] = ()) -> list[DetectedName]:
        """Accepted names (in order of first mention) with all their mentions."""
        exclude = set(exclude)
        accepted: list[DetectedName] = []
        candidates = self.candidates(text, exclude)
        for start, end in dotted_names(text):
            while text[start] not in "·•‧・" and _TITLE_BEFORE.search(
                    text[max(0, start - 8):start + 1]):
                start += 1  # 副主席丹·胡奇逊: 席 ends the title
            if text[start] not in "·•‧・":
                candidates.setdefault(text[start:end], set())
        for name, cues in candidates.items():
            if name in exclude or any(name in known for known in exclude):
                continue
            result = self.judge(text, name, cues)
            if result is not None:
                accepted.append(result)
        known = exclude | {d.name for d in accepted}
        for name in list_names(text, known, self._plain_name):
            if not any(name in other for other in known):
                result = self.judge(text, name, {"list"})
                if result is not None:
                    accepted.append(result)
        return drop_nested(accepted)

    def _plain_name(self, item: str) -> bool:
        """Shaped like a Chinese name and no common word, organisation or place."""
        return shaped_like_name(item) and self.word_kind(item) not in ("common", "org")

    def judge(self, text: str, name: str, cues: Iterable[str] = ()) -> DetectedName | None:
        """Apply the filters to one candidate; None when it is not kept."""
        if any(dot in name for dot in "·•‧・") or foreign_run(name, 0) == name:
            return self._judge_foreign(text, name, cues)
        if not shaped_like_name(name):
            return None
        given = name[len(surname_of(name) or ""):]
        if _STARTS_CUE.match(given) or any(suffix in given for suffix in ORG_SUFFIXES
                                           if len(suffix) > 1):
            return None  # 向记者, 王总说, 米集团
        if len(given) == 2 and self._jieba_freq(given) >= GIVEN_WORD_FREQ:
            return None  # 华可以: 可以 is no given name
        kind = self.word_kind(name)
        if kind in ("common", "org"):
            return None
        mentions: list[tuple[int, int]] = []
        reasons: set[str] = {c for c in cues if c in ("credit", "list")}
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not self.inside_word(text, start, end):
                if _ORG_AFTER.match(text, end):
                    return None  # 华为云, 梦洁集团: an organisation after all
                mentions.append((start, end))
                reasons.update(self.cues(text, start, end))
            start = text.find(name, end)
        if not mentions or not reasons:
            return None
        if kind == "person":
            reasons.add("dictionary")
        if len(mentions) > 1:
            reasons.add("repeated")
        return DetectedName(name, tuple(mentions), tuple(sorted(reasons)))
