"""jieba's dictionary as a sorted file searched in place: frequencies and tags, no load time.

jieba keeps its 349k-word dictionary in a Python dict that takes ~0.7 s to load from its
cache (~1 s to build it the first time). The reader segments with rjieba; jieba is still
what tags parts of speech for the name detector (`reader.core.text.postag`), and that needs
jieba's word frequencies, word prefixes and tags. Here they come from jieba's `dict.txt`,
binary-searched through mmap: nothing to load, ~20 µs a look-up. `jieba_tokenizer` wraps it
as a jieba Tokenizer.

`dict.txt` is sorted but for a few dozen lines, so it is searched where it lies: a small
index shipped in `assets/prebuilt/jieba-words.json` (`in_place_index`, written by
`tools/prebuild.py`) lists the lines out of order (skipped by the search and answered from
the index), the words listed twice, and the total frequency. It holds for the one `dict.txt`
whose digest it names (checked once, then remembered in the cache folder). Any other
`dict.txt` gets a sorted copy built into the cache instead (~0.35 s of CPU, once).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import mmap
import os
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from pathlib import Path

from reader.core.atomic import write_bytes_atomic
from reader.core.versions import NotInstalled
from reader.core.versions import version as installed_version

FORMAT = 1
_MAGIC = b"#reader-jieba-words"
_lock = threading.Lock()
SAMPLE_STEP = 1024
INDEX_FORMAT = 1
INDEX_NAME = "jieba-words.json"  # in assets/prebuilt
MAX_SKIPPED = 2_000  # more lines out of order than this: a sorted copy instead


def jieba_dict_file() -> Path:
    """jieba's own word list (dict.txt beside its module), without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


class WordTable:
    """Look-ups in a sorted word file: `lookup`, `tag`, `total` (read-only, thread-safe).

    The file is our sorted copy (its first line a header), or jieba's own `dict.txt` with an
    `in_place_index` (`index`) for the lines it holds out of order."""

    def __init__(self, path: Path, index: dict | None = None) -> None:
        with open(path, "rb") as handle:
            self._buf = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._skip: frozenset[bytes] = frozenset()
        self._overrides: dict[str, tuple[int, str]] = {}
        self._prefixes: frozenset[str] = frozenset()
        if index is None:
            header = self._buf[: self._buf.find(b"\n") + 1]
            fields = dict(part.split(b"=", 1) for part in header.split()[1:])
            self.total = int(fields[b"total"])
            self._start = len(header)
        else:
            self.total = int(index["total"])
            self._start = 0
            self._skip = frozenset(line.encode("utf-8") for line in index["skip"])
            self._overrides = {word: (int(freq), tag)
                               for word, (freq, tag) in index["overrides"].items()}
            self._prefixes = frozenset(index["prefixes"])
        self._memo: dict[str, tuple[int, str] | int | None] = {}
        self._samples: tuple[list[bytes], list[int]] | None = None

    @classmethod
    def open(cls, cache_dir: Path, source: Path | None = None,
             shipped: Path | None = None) -> WordTable:
        """The table for jieba's `dict.txt` (`source`): in place when the shipped index
        (`shipped`, default assets/prebuilt) is for these bytes, else the sorted copy in
        `cache_dir`, (re)built first if missing, stale or damaged."""
        source = source or jieba_dict_file()
        stamp = _stamp(source)
        with _lock:
            index = _shipped_index(source, stamp, cache_dir, shipped)
            if index is not None:
                return cls(source, index)
            path = cache_dir / "jieba-words.txt"
            table = _try_open(path, stamp)
            if table is None:
                build(source, path, stamp)
                table = cls(path)
        return table

    def _sample(self) -> tuple[list[bytes], list[int]]:
        """Every ~1 KB the line that starts there, and its offset (built on first use, ~6 ms).

        A look-up then bisects these in C and splits one block, instead of ~19 steps of a
        binary search in Python (3x faster; the glossary's judge makes thousands). A line
        out of order is never a sample (the first block's sample is then b"").
        """
        sample = self._samples
        if sample is None:
            buf, pos, skip = self._buf, self._start, self._skip
            lines, offsets = [], []
            while pos < len(buf):
                end = buf.find(b"\n", pos)
                if end < 0:
                    break
                line = buf[pos:end]
                if line not in skip or not lines:
                    lines.append(b"" if line in skip else line)
                    offsets.append(pos)
                nxt = buf.find(b"\n", end + SAMPLE_STEP)
                pos = len(buf) if nxt < 0 else nxt + 1
            offsets.append(len(buf))
            sample = self._samples = (lines, offsets)
        return sample

    def _line_from(self, key: bytes) -> bytes:
        """The first line in order that sorts at or after `key` (b"" past the end)."""
        lines, offsets = self._sample()
        block = max(0, bisect_right(lines, key) - 1)
        if block >= len(lines):
            return b""
        chunk = self._buf[offsets[block]:offsets[block + 1]].split(b"\n")[:-1]
        if self._skip:
            chunk = [line for line in chunk if line not in self._skip]
        at = bisect_left(chunk, key)
        if at < len(chunk):
            return chunk[at]
        return lines[block + 1] if block + 1 < len(lines) else b""

    def _find(self, word: str) -> tuple[int, str] | int | None:
        """(freq, tag) for a word, 0 for a prefix of a word only, None for neither."""
        try:
            return self._memo[word]
        except KeyError:
            pass
        found: tuple[int, str] | int | None = self._overrides.get(word)
        if found is None:
            key = word.encode("utf-8")
            line = self._line_from(key)
            if line.startswith(key + b" "):
                parts = line.split(b" ")
                found = (int(parts[1]), parts[2].decode())
            elif (key and line.startswith(key)) or word in self._prefixes:
                found = 0
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[word] = found
        return found

    def lookup(self, word: str) -> int | None:
        """jieba's FREQ[word]: the frequency, 0 for a prefix of a word only, else None."""
        found = self._find(word)
        return found[0] if isinstance(found, tuple) else found

    def tag(self, word: str) -> str | None:
        """jieba's part-of-speech tag of a dictionary word ('nr', 'ns' ...), or None."""
        found = self._find(word)
        return found[1] if isinstance(found, tuple) else None


def _stamp(source: Path) -> str:
    st = source.stat()
    try:
        version = installed_version("jieba")
    except NotInstalled:
        version = "0"
    return f"{FORMAT}-{version}-{st.st_size}-{int(st.st_mtime)}"


def in_place_index(source: Path) -> dict | None:
    """What searching `source` (jieba's dict.txt) in place needs: its digest, the total
    frequency (jieba's, duplicates counted), the fewest lines whose removal leaves the rest
    in byte order, the final (frequency, tag) of each word listed twice or out of order,
    and the prefixes of the out-of-order words. None if the file is not 'word freq tag'
    lines or is too far from sorted. ~0.5 s: `tools/prebuild.py` runs it, not the app."""
    data = source.read_bytes()
    if b"\r" in data:
        return None
    lines = [line for line in data.split(b"\n") if line]
    total, final, counts = 0, {}, {}
    for line in lines:
        parts = line.decode("utf-8").split(" ")
        if len(parts) != 3 or not parts[1].isdigit():
            return None
        word, freq = parts[0], int(parts[1])
        total += freq
        final[word] = (freq, parts[2])
        counts[word] = counts.get(word, 0) + 1
    kept = _longest_sorted_run(lines)
    skip = [line.decode("utf-8") for k, line in enumerate(lines) if k not in kept]
    if len(skip) > MAX_SKIPPED:
        return None
    out_of_order = {line.split(" ")[0] for line in skip}
    special = sorted(out_of_order | {word for word, n in counts.items() if n > 1})
    prefixes = sorted({word[:k] for word in out_of_order for k in range(1, len(word))})
    return {"format": INDEX_FORMAT, "digest": _digest(data),
            "bytes": len(data), "total": total, "skip": skip,
            "overrides": {word: list(final[word]) for word in special}, "prefixes": prefixes}


def _longest_sorted_run(lines: list[bytes]) -> set[int]:
    """The positions of a longest non-decreasing subsequence of `lines` (patience sorting)."""
    tails: list[bytes] = []  # the smallest last line of a run of each length
    ends: list[int] = []  # where that run ends
    before = [-1] * len(lines)
    for k, line in enumerate(lines):
        at = bisect_right(tails, line)
        if at:
            before[k] = ends[at - 1]
        if at == len(tails):
            tails.append(line)
            ends.append(k)
        else:
            tails[at], ends[at] = line, k
    kept, k = set(), ends[-1] if ends else -1
    while k >= 0:
        kept.add(k)
        k = before[k]
    return kept


def _shipped_index(source: Path, stamp: str, cache_dir: Path,
                   shipped: Path | None) -> dict | None:
    """The shipped in-place index if it is for `source`'s bytes, else None. The digest is
    checked once; a note in the cache folder (keyed by the file's stamp) remembers it."""
    from reader.core.datacache import PREBUILT, checked_once

    try:
        if shipped is None:
            from reader.core.paths import assets_dir

            shipped = assets_dir() / PREBUILT / INDEX_NAME
        index = json.loads(shipped.read_text(encoding="utf-8"))
        st = source.stat()
        if index.get("format") != INDEX_FORMAT or index.get("bytes") != st.st_size:
            return None
        checked = f"{stamp} {st.st_mtime_ns} {index['digest']}".encode()
        if checked_once(cache_dir / "jieba-words.checked", checked,
                        lambda: _digest(source.read_bytes()) == index["digest"]):
            return index
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no usable shipped index: the sorted copy


def _digest(data: bytes) -> str:
    """The digest an in-place index names its `dict.txt` by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _try_open(path: Path, stamp: str) -> WordTable | None:
    """The table at `path` if it is complete and built from the same source, else None."""
    try:
        with open(path, "rb") as handle:
            header = handle.readline()
            size = os.fstat(handle.fileno()).st_size
        fields = dict(part.split(b"=", 1) for part in header.split()[1:])
        if (not header.startswith(_MAGIC) or fields.get(b"stamp") != stamp.encode()
                or int(fields[b"bytes"]) != size - len(header)):
            return None
        return WordTable(path)
    except (OSError, ValueError, KeyError):
        return None  # missing or damaged: rebuilt


_FREQ = re.compile(r" (\d+)(?= |$)", re.MULTILINE)  # the frequency in 'word freq tag'
_REPEATED = re.compile(r"^(\S+) [^\n]*\n(?=\1 )", re.MULTILINE)  # a line, then its word again
SLICE = 256 * 1024


def _slices(text: str):
    """(start, end) pieces of `text` of ~256 KB ending at line ends: regexes run over one
    piece at a time, so the GUI thread gets the interpreter between them."""
    done = 0
    while done < len(text):
        end = text.find("\n", done + SLICE)
        end = len(text) if end < 0 else end + 1
        yield done, end
        done = end


def build(source: Path, path: Path, stamp: str) -> None:
    """Write the sorted word file: jieba's 'word freq tag' lines sorted by word; of a word
    listed twice, the later line (as jieba reads it). ~0.2 s: the work runs in C."""
    text = source.read_text(encoding="utf-8")
    total = sum(sum(map(int, _FREQ.findall(text, a, b))) for a, b in _slices(text))
    ordered = "\n".join(sorted(line for line in text.splitlines() if " " in line)) + "\n"
    repeated = {w for a, b in _slices(ordered) for w in _REPEATED.findall(ordered, a, b)}
    for word in repeated:  # rare (jieba 0.42.1: one word): keep its last line in file order
        listed = re.findall(rf"^{re.escape(word)} [^\n]*$", text, re.MULTILINE)
        for line in dict.fromkeys(listed[:-1]):
            if line != listed[-1]:
                ordered = ("\n" + ordered).replace(f"\n{line}\n", "\n", 1)[1:]
    body = ordered.encode("utf-8")
    header = f"{_MAGIC.decode()} stamp={stamp} total={total} bytes={len(body)}\n".encode()
    write_bytes_atomic(path, header + body)


class JiebaFreq:
    """jieba's `Tokenizer.FREQ` over a WordTable, plus the words added at run time."""

    def __init__(self, table: WordTable, known: Callable[[str], bool] | None = None) -> None:
        self._table = table
        self._known = known  # a fast check that holds for every word of the table, or None
        self._added: dict[str, int] = {}

    def word_freq(self, word: str) -> int:
        """The frequency of a dictionary word; 0 for anything else (a prefix, no word).

        `known` (rjieba's `has_word`, <1 µs) answers most misses without the table (~10 µs).
        """
        value = self._added.get(word)
        if value is None:
            if self._known is not None and not self._known(word):
                return 0
            value = self._table.lookup(word)
        return value or 0

    def get(self, word: str, default=None):
        value = self._added.get(word)
        if value is None:
            value = self._table.lookup(word)
        return default if value is None else value

    def __contains__(self, word: str) -> bool:
        return word in self._added or self._table.lookup(word) is not None

    def __getitem__(self, word: str) -> int:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __setitem__(self, word: str, freq: int) -> None:
        self._added[word] = freq


def jieba_tokenizer(table: WordTable, known: Callable[[str], bool] | None = None):
    """A `jieba.Tokenizer` whose dictionary is `table` (no dict.txt parse, no cache file);
    `known`: see `JiebaFreq`."""
    from reader.core.text.segment import import_jieba

    jieba = import_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = JiebaFreq(table, known)
    tokenizer.total = table.total
    tokenizer.initialized = True
    return tokenizer
