"""Context-correct pinyin for segmented text.

Two engines, each where it is strongest (measured on the CPP polyphone benchmark, dev
split, 9,893 sentences; `make bench` prints the figure):

* pypinyin's phrase dictionary for the multi-character words it lists (银行 yínháng,
  行长 hángzhǎng, 长大 zhǎngdà): a listed word's reading rarely depends on context. Words
  jieba keeps whole but pypinyin does not list (银行行长) are read by their listed parts.
* g2pM, a small bi-LSTM shipped as numpy weights in its wheel (Apache-2.0), for every
  polyphonic character left over (了, 还, 为, 地, 着 ...), read over its sentence. All
  sentences of a document go through the model in one batch.

pypinyin alone scores ~88 % there; this combination ~97 %. Readings are stored with tone
numbers ("yin2 hang2", neutral tone 5, ü written ü) and turned into tone marks on demand.
The engines' data is loaded from a compact cache (`reader.core.text.pinyin_data`).
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where it is used: the window imports this at start-up
    import numpy as np

from reader.core.text.pinyin_data import PinyinData, normalize_numbered
from reader.core.text.pinyin_marks import has_han

__all__ = ["PinyinEngine", "normalize_numbered"]  # the notation: reader.core.text.pinyin_marks

_SENTENCE_END = frozenset("。！？；!?;…\n")
MAX_SPAN = 32  # longest stretch of context fed to the model at once
BATCH = 2048  # sentences per model run


def _load_stable_chars() -> frozenset[str]:
    """Polyphones the model never reads differently from their default reading outside
    listed words (see tools/derive_stable_chars.py); the engine skips the model for them."""
    from reader.core.paths import bundled

    path = bundled("pinyin_stable_chars.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines if line and not line.startswith("#"))


class PinyinEngine:
    """Reads segmented Simplified text aloud, token by token, in tone numbers."""

    def __init__(self, cache_dir: Path, progress=None) -> None:
        self._cache_dir = cache_dir
        self._progress = progress  # progress(fraction) while a first run builds the tables
        self._lock = threading.Lock()
        self._data: PinyinData | None = None
        self._word_cache: dict[str, str] = {}
        self._plans: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}
        self._readings: dict[str, str | None] = {}
        self.stable_chars: frozenset[str] = _load_stable_chars()

    def initialize(self) -> None:
        """Load the engines' data now (it otherwise loads on first use)."""
        with self._lock:
            if self._data is None:
                data = PinyinData.load(self._cache_dir, self._progress)
                self._tagger = PolyphoneTagger(data)
                self._polyphones = frozenset(data.candidates)
                self._data = data

    # -- single words ----------------------------------------------------------
    def _listed(self, word: str) -> str | None:
        """pypinyin's reading of a listed word or character (memoised)."""
        try:
            return self._readings[word]
        except KeyError:
            reading = self._readings[word] = self._data.reading(word)
            return reading

    def word_reading(self, word: str) -> str | None:
        """The fixed reading of a listed multi-character word, or None if it needs context."""
        self.initialize()
        return self._listed(word) if len(word) > 1 else None

    def _plan(self, word: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """How to read `word`: fixed syllables, and the positions the model must fill."""
        if not has_han(word):
            return (), ()
        listed = self._listed(word) if len(word) > 1 else None
        if listed is not None:
            self._word_cache[word] = listed
            return tuple(listed.split(" ")), ()
        slots = [""] * len(word)
        open_positions: list[int] = []
        k = 0
        while k < len(word):  # listed sub-words, longest first, left to right
            for size in range(min(len(word) - k, 6), 1, -1):
                reading = self._listed(word[k : k + size])
                if reading is not None and reading.count(" ") == size - 1:
                    slots[k : k + size] = reading.split(" ")
                    k += size
                    break
            else:
                ch = word[k]
                if ch in self._polyphones and ch not in self.stable_chars:
                    open_positions.append(k)
                else:
                    slots[k] = self._listed(ch) or ""
                k += 1
        if not open_positions:
            self._word_cache[word] = " ".join(s for s in slots if s)
        return tuple(slots), tuple(open_positions)

    # -- documents ---------------------------------------------------------------
    def read(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        breaks: Sequence[tuple[int, int]] | None = None,
    ) -> list[str]:
        """Tone-number pinyin for each (start, end) token span of Simplified `text`.

        `breaks` are (start, end) ranges (paragraphs) that a polyphone's context may not
        cross; default: the whole text.
        """
        self.initialize()
        readings: list[str] = [""] * len(spans)
        pending: list[tuple[int, list[str], list[int]]] = []  # token, slots, char offsets
        plans = self._plans
        cache = self._word_cache
        for index, (start, end) in enumerate(spans):
            word = text[start:end]
            cached = cache.get(word)
            if cached is not None:
                readings[index] = cached
                continue
            plan = plans.get(word)
            if plan is None:
                plan = plans[word] = self._plan(word)
            slots, open_positions = plan
            if not open_positions:
                readings[index] = " ".join(s for s in slots if s)
                continue
            pending.append((index, list(slots), [start + k for k in open_positions]))
        if pending:
            positions = [pos for _, _, offsets in pending for pos in offsets]
            predicted = self._tagger.read(text, positions, breaks or [(0, len(text))])
            k = 0
            for index, slots, offsets in pending:
                start = spans[index][0]
                for pos in offsets:
                    slots[pos - start] = predicted[k]
                    k += 1
                readings[index] = " ".join(s for s in slots if s)
        return readings


class PolyphoneTagger:
    """Batched inference of g2pM's bi-LSTM over whole sentences.

    g2pM's own `__call__` runs one sentence at a time in float64; a document has hundreds
    of sentences. This runs every sentence that holds a polyphone in one padded batch, in
    float32, with the input projections precomputed per character and both directions
    fused into one recurrence, and picks the best reading among those the character has.
    """

    def __init__(self, data: PinyinData) -> None:
        import numpy as np

        self.char2idx = data.char2idx
        self.bos = data.markers["bos"]  # g2pM's own sentence markers
        self.eos = data.markers["eos"]
        self.unk = data.markers["unk"]
        arrays = data.arrays
        self.in_fw, self.in_bw, self.hh = arrays["in_fw"], arrays["in_bw"], arrays["hh"]
        self.w0, self.b0, self.w1, self.b1 = arrays["w0"], arrays["b0"], arrays["w1"], arrays["b1"]
        self.size = self.hh.shape[0] // 2
        self.classes = data.classes
        self.candidates = {ch: np.asarray(ids) for ch, ids in data.candidates.items()}

    def read(self, text: str, positions: Sequence[int], breaks: Sequence[tuple[int, int]]):
        """Tone-number readings for the characters of `text` at `positions` (sorted)."""
        # Cut each paragraph into sentences, and those into stretches of at most MAX_SPAN.
        segments: list[tuple[int, int]] = []
        targets: list[tuple[int, int]] = []  # (segment index, position)
        b = 0
        seg_end = -1
        for pos in positions:
            if pos < seg_end:
                targets.append((len(segments) - 1, pos))
                continue
            while b + 1 < len(breaks) and breaks[b][1] <= pos:
                b += 1
            lo_limit, hi_limit = breaks[b]
            lo = pos
            while lo > lo_limit and text[lo - 1] not in _SENTENCE_END and pos - lo < MAX_SPAN // 2:
                lo -= 1
            hi = pos + 1
            while hi < hi_limit and text[hi - 1] not in _SENTENCE_END and hi - lo < MAX_SPAN:
                hi += 1
            segments.append((lo, hi))
            seg_end = hi
            targets.append((len(segments) - 1, pos))
        # Batches of segments bound memory: the states are steps x rows x 64 floats.
        out: list[str] = []
        first = 0
        for k in range(0, len(segments), BATCH):
            last = first
            while last < len(targets) and targets[last][0] < k + BATCH:
                last += 1
            batch = [(seg - k, pos) for seg, pos in targets[first:last]]
            out.extend(self._run(text, segments[k : k + BATCH], batch))
            first = last
        return out

    def _run(self, text, segments, targets) -> list[str]:
        import numpy as np

        # Longest segments first, so that at step t the rows still running are a prefix.
        order = sorted(range(len(segments)), key=lambda k: segments[k][0] - segments[k][1])
        where = {seg: row for row, seg in enumerate(order)}
        n = len(segments)
        lengths = np.asarray([segments[k][1] - segments[k][0] + 2 for k in order])
        width = int(lengths[0])
        ids = np.zeros((width, n), dtype=np.int64)  # time-major; 0 is <PAD>
        rev = np.zeros((width, n), dtype=np.int64)
        get = self.char2idx.get
        bos, eos, unk = self.bos, self.eos, self.unk
        for row, k in enumerate(order):
            lo, hi = segments[k]
            seq = [bos, *[get(c, unk) for c in text[lo:hi]], eos]
            ids[: len(seq), row] = seq
            rev[: len(seq), row] = seq[::-1]
        active = np.searchsorted(-lengths, -np.arange(width), side="left").tolist()
        states = self._lstm(ids, rev, active)
        size = self.size
        rows = np.asarray([where[seg] for seg, _ in targets])
        cols = np.asarray([pos - segments[seg][0] + 1 for seg, pos in targets])
        back_cols = lengths[rows] - 1 - cols
        hidden = np.concatenate([states[cols, rows, :size], states[back_cols, rows, size:]], axis=1)
        logits = np.maximum(hidden @ self.w0 + self.b0, 0) @ self.w1 + self.b1
        out = []
        classes, candidates = self.classes, self.candidates
        for k, (_, pos) in enumerate(targets):
            cands = candidates[text[pos]]
            out.append(classes[cands[logits[k, cands].argmax()]])
        return out

    def _lstm(self, ids: np.ndarray, rev: np.ndarray, active: list[int]) -> np.ndarray:
        """Run both directions over time-major ids; `active[t]` rows are still running."""
        import numpy as np

        steps, batch = ids.shape
        two = 2 * self.size
        h = np.zeros((batch, two), dtype=np.float32)
        c = np.zeros((batch, two), dtype=np.float32)
        out = np.zeros((steps, batch, two), dtype=np.float32)
        hh, in_fw, in_bw = self.hh, self.in_fw, self.in_bw
        for t in range(steps):
            k = active[t]
            gates = in_fw[ids[t, :k]] + in_bw[rev[t, :k]] + h[:k] @ hh
            sig = np.tanh(gates[:, : 3 * two] * 0.5) * 0.5 + 0.5
            ck = sig[:, two : 2 * two] * c[:k] + sig[:, :two] * np.tanh(gates[:, 3 * two :])
            c[:k] = ck
            h[:k] = sig[:, 2 * two :] * np.tanh(ck)
            out[t, :k] = h[:k]
        return out
