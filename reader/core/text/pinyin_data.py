"""Compact, fast-loading copies of the pinyin engines' data, built once into the cache.

Importing pypinyin costs ~0.4 s (its phrase table is a large Python module) and loading
g2pM's pickles plus preparing its weights ~0.2 s; the command line pays that on every run.
The first run extracts what we use into `cache_dir()`: pypinyin's phrase and character
readings in tone numbers go into a small SQLite table (looked up per distinct word, so a
run pays only for the words it meets), g2pM's weights re-laid out for batched inference
into an .npz, its vocabulary and candidate readings into a marshal file. The data
is exactly the libraries' own; rebuilding happens when either library's version changes.
"""
from __future__ import annotations

import importlib.util
import io
import json
import marshal
import os
import re
import sqlite3
import sys
import threading
import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.atomic import temp_sqlite, write_bytes_atomic

if TYPE_CHECKING:  # numpy is imported where it is used: the window imports this at start-up
    import numpy as np

FORMAT = 1
_lock = threading.Lock()


def _stamp() -> str:
    from reader.core.versions import version

    versions = [version("pypinyin"), version("g2pM")]
    return f"{FORMAT}-{'-'.join(versions)}-py{sys.version_info[0]}{sys.version_info[1]}"


def normalize_numbered(syllable: str) -> str:
    """Bring a tone-number syllable to our form: ü for u:/v, tone 5 for neutral."""
    syllable = syllable.lower().replace("u:", "ü").replace("v", "ü")
    if syllable and not syllable[-1].isdigit():
        syllable += "5"
    return syllable


def single_threaded_blas() -> None:
    """Ask numpy's BLAS for one thread, if numpy is not loaded yet.

    The tagger's matrices are tiny (a few hundred rows by 64); OpenBLAS's thread pool only
    adds hand-offs, and on a busy 2-core machine its spinning threads made the pinyin step
    40x slower (0.56 s instead of 0.014 s for seed 000). The user's own setting wins.
    """
    if "numpy" not in sys.modules:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")


class PinyinData:
    """Phrase readings, default character readings and the g2pM tagger's arrays."""

    def __init__(self, readings_path: Path, tables: dict, arrays: dict[str, np.ndarray]) -> None:
        self._readings_path = readings_path
        self.readings_path = readings_path  # the SQLite table of readings (read-only)
        self._local = threading.local()
        self.char2idx: dict[str, int] = tables["char2idx"]
        self.classes: list[str] = tables["classes"]
        self.candidates: dict[str, tuple[int, ...]] = tables["candidates"]
        self.markers: dict[str, int] = tables["markers"]
        self.arrays = arrays

    def reading(self, word: str) -> str | None:
        """pypinyin's reading of a listed word or a character ('yin2 hang2'), or None."""
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self._readings_path}?mode=ro", uri=True)
            self._local.con = con
        row = con.execute("SELECT pinyin FROM reading WHERE word = ?", (word,)).fetchone()
        return row[0] if row else None

    @classmethod
    def load(cls, cache_dir: Path,
             progress: Callable[[float], None] | None = None) -> PinyinData:
        """Load from the cache, building it first if missing, stale or damaged."""
        single_threaded_blas()

        stamp = _stamp()
        tables_path = cache_dir / f"pinyin-{stamp}.marshal"
        arrays_path = cache_dir / f"pinyin-{stamp}.npz"
        readings_path = cache_dir / f"pinyin-{stamp}.sqlite3"
        paths = (tables_path, arrays_path, readings_path)
        with _lock:
            loaded = _read(*paths) if all(p.exists() for p in paths) else None
            if loaded is None:  # missing, from another version, or damaged: (re)build
                _remove_stale(cache_dir, stamp)
                _build(*paths, progress=progress)
                loaded = _read(*paths)
            if loaded is None:
                raise OSError(f"the pinyin tables in {cache_dir} cannot be read after a rebuild")
        return cls(readings_path, *loaded)


def _read(tables_path: Path, arrays_path: Path, readings_path: Path):
    """(tables, arrays) from the cache files, or None if any is damaged."""
    import numpy as np

    try:
        with open(tables_path, "rb") as handle:
            tables = marshal.load(handle)
        with np.load(arrays_path) as npz:
            arrays = {name: npz[name] for name in npz.files}
        con = sqlite3.connect(f"file:{readings_path}?mode=ro", uri=True)
        try:
            con.execute("SELECT pinyin FROM reading WHERE word = '的'").fetchone()
        finally:
            con.close()
        if not isinstance(tables, dict) or not {"char2idx", "classes", "candidates",
                                                "markers"} <= tables.keys():
            return None
        return tables, arrays
    except Exception:  # a cache that cannot be read (truncated, garbage...) is rebuilt
        return None


def _remove_stale(cache_dir: Path, stamp: str) -> None:
    """Drop pinyin tables built by other versions (they are never read again)."""
    for path in cache_dir.glob("pinyin-*"):
        if not path.name.startswith(f"pinyin-{stamp}."):
            path.unlink(missing_ok=True)


_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


@cache
def tone_numbers(marked: str) -> str:
    """One tone-marked syllable in our tone-number form ('hǎo' -> 'hao3', 'de' -> 'de5').

    The same result as pypinyin's `to_tone3(..., v_to_u=True, neutral_tone_with_five=True)`
    (checked on every syllable of its tables by the tests), at a table look-up's cost:
    ~1,600 distinct syllables carry ~190k readings.
    """
    tone, kept = "", []
    for ch in unicodedata.normalize("NFD", marked):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        else:
            kept.append(ch)
    return normalize_numbered(unicodedata.normalize("NFC", "".join(kept)) + tone)


def pypinyin_tables() -> tuple[dict, dict]:
    """pypinyin's phrase and character tables, read from its JSON files when they are where
    pypinyin 0.4x-0.5x keeps them (importing pypinyin costs ~0.3 s more), else imported."""
    spec = importlib.util.find_spec("pypinyin")
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    if folder is not None and (folder / "phrases_dict.json").is_file() \
            and (folder / "pinyin_dict.json").is_file():
        phrases = _json_in_pieces((folder / "phrases_dict.json").read_text(encoding="utf-8"))
        chars = _json_in_pieces((folder / "pinyin_dict.json").read_text(encoding="utf-8"))
        return phrases, {int(code): value for code, value in chars.items()}
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    return PHRASES_DICT, PINYIN_DICT


JSON_PIECE = 64 * 1024
_MEMBER_START = re.compile(r',\n"(?:[^"\\\n]|\\.)*": ')


def _json_in_pieces(text: str) -> dict:
    """`json.loads(text)` of a top-level object, parsed ~64 KB at a time.

    One `json.loads` of pypinyin's 2.5 MB phrase file holds the interpreter lock for
    0.15-0.3 s (the window's event loop stalls that long); pieces hold it ~5 ms each.
    A piece ends before a comma, a newline and a key ('],\n"一丁": ' as pypinyin writes
    its members, one key a line); a cut anywhere else fails to parse and the text is
    parsed whole. The result is the same dict.
    """
    body = text.strip()
    if not (body.startswith("{") and body.endswith("}")):
        return json.loads(text)
    out: dict = {}
    start, end = 1, len(body) - 1
    while start < end:
        found = _MEMBER_START.search(body, min(start + JSON_PIECE, end), end)
        stop = end if found is None else found.start()
        try:
            piece = json.loads("{" + body[start:stop] + "}")
        except ValueError:
            return json.loads(text)  # not cut between members: parse it whole
        out.update(piece)
        start = stop + 1  # past the comma
    return out


def _build(tables_path: Path, arrays_path: Path, readings_path: Path,
           progress: Callable[[float], None] | None = None) -> None:
    """Write the three cache files (each atomically)."""
    progress = progress or (lambda fraction: None)
    phrases_dict, pinyin_dict = pypinyin_tables()
    progress(0.2)
    chars = {chr(code): tone_numbers(readings.split(",")[0])
             for code, readings in pinyin_dict.items()}
    phrases = {
        word: " ".join(tone_numbers(row[0]) for row in rows)
        for word, rows in phrases_dict.items()
    }
    progress(0.4)
    tmp_db, con = temp_sqlite(readings_path)
    con.execute("CREATE TABLE reading (word TEXT PRIMARY KEY, pinyin TEXT) WITHOUT ROWID")
    con.execute("CREATE TEMP TABLE unsorted (word TEXT, pinyin TEXT)")
    readings = {**chars, **phrases}  # a listed word's reading wins over its character's
    con.executemany("INSERT INTO unsorted VALUES (?, ?)", readings.items())
    # In key order (a compact table), sorted by SQLite: it lets go of the interpreter lock,
    # where sorting 89k pairs in Python held it ~0.1 s.
    con.execute("INSERT INTO reading SELECT word, pinyin FROM unsorted ORDER BY word")
    con.commit()
    con.close()
    os.replace(tmp_db, readings_path)
    progress(0.7)
    tables, arrays = _tagger_tables()
    write_bytes_atomic(tables_path, marshal.dumps(tables))
    import numpy as np

    packed = io.BytesIO()
    np.savez(packed, **arrays)
    write_bytes_atomic(arrays_path, packed.getvalue())
    progress(1.0)


def _tagger_tables() -> tuple[dict, dict]:
    """g2pM's vocabulary, readings and weights, laid out for `PolyphoneTagger`."""
    import numpy as np
    from g2pM import G2pM

    model = G2pM()
    f32 = np.float32
    size = model.weight_hh.shape[1]
    emb = model.embeddings.astype(f32)
    proj_fw = emb @ model.weight_ih.T.astype(f32) + (model.bias_ih + model.bias_hh)
    proj_bw = emb @ model.weight_ih_reverse.T.astype(f32) + (
        model.bias_ih_reverse + model.bias_hh_reverse
    )
    # Both directions run as one LSTM of width 2*size. PyTorch orders gates i, f, g, o; we
    # lay them out as [i_fw i_bw | f_fw f_bw | o_fw o_bw | g_fw g_bw] so that one sigmoid
    # covers the first six blocks and one tanh the last two.
    order = {"i": 0, "f": 1, "g": 2, "o": 3}
    vocab = emb.shape[0]
    in_fw = np.zeros((vocab, 8 * size), dtype=f32)
    in_bw = np.zeros((vocab, 8 * size), dtype=f32)
    hh = np.zeros((2 * size, 8 * size), dtype=f32)
    for slot, gate in enumerate(["i", "f", "o", "g"]):
        src = slice(order[gate] * size, (order[gate] + 1) * size)
        dst_fw = slice(2 * slot * size, (2 * slot + 1) * size)
        dst_bw = slice((2 * slot + 1) * size, (2 * slot + 2) * size)
        in_fw[:, dst_fw] = proj_fw[:, src]
        in_bw[:, dst_bw] = proj_bw[:, src]
        hh[:size, dst_fw] = model.weight_hh[src].T
        hh[size:, dst_bw] = model.weight_hh_reverse[src].T
    class2idx = {p: i for i, p in model.idx2class.items()}
    candidates = {}
    for ch, prons in model.cedict.items():
        if len(prons) > 1:
            ids = tuple(class2idx[p] for p in prons if p in class2idx)
            if ids:
                candidates[ch] = ids
    tables = {
        "char2idx": dict(model.char2idx),
        "classes": [normalize_numbered(model.idx2class[i]) for i in range(len(class2idx))],
        "candidates": candidates,
        "markers": {"bos": model.char2idx["시"], "eos": model.char2idx["끝"],
                    "unk": model.char2idx["<UNK>"]},
    }
    arrays = {
        "in_fw": in_fw, "in_bw": in_bw, "hh": hh,
        "w0": model.hidden_weight_l0.T.astype(f32), "b0": model.hidden_bias_l0.astype(f32),
        "w1": model.hidden_weight_l1.T.astype(f32), "b1": model.hidden_bias_l1.astype(f32),
    }
    return tables, arrays
