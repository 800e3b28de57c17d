"""Context-correct pinyin for segmented text.

Two engines, each where it is strongest (measured on the CPP polyphone benchmark, dev
split, 9,893 sentences; `make bench` prints the figure):

* pypinyin's phrase dictionary for multi-character words it lists (银行 yínháng,
  行长 hángzhǎng, 长大 zhǎngdà): a word's reading rarely depends on context;
* g2pM, a small bi-LSTM shipped as numpy weights in its wheel (Apache-2.0), for every
  polyphonic character outside such a word (了, 还, 为, 地, 着 ...), read in a window of
  its sentence. The windows of a whole document go through the model in batches.

pypinyin alone scores ~88 % there; this combination ~97 %. Readings are stored with tone
numbers ("yin2 hang2", neutral tone 5, ü written ü) and turned into tone marks on demand.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _is_han(ch: str) -> bool:
    return _HAN.match(ch) is not None


def has_han(text: str) -> bool:
    """Whether `text` holds at least one Han character."""
    return _HAN.search(text) is not None


@lru_cache(maxsize=4096)
def to_tone_marks(numbered: str) -> str:
    """'yin2 hang2' -> 'yín háng' (syllables keep their spaces)."""
    if not numbered:
        return ""
    from pypinyin.contrib.tone_convert import to_tone

    return " ".join(to_tone(syllable) for syllable in numbered.split(" "))


def join_syllables(marked: str) -> str:
    """'yín háng' -> 'yínháng', the way words are written in running pinyin."""
    return marked.replace(" ", "")


def normalize_numbered(syllable: str) -> str:
    """Bring a tone-number syllable to our form: ü for u:/v, tone 5 for neutral."""
    syllable = syllable.lower().replace("u:", "ü").replace("v", "ü")
    if syllable and not syllable[-1].isdigit():
        syllable += "5"
    return syllable


class PinyinEngine:
    """Reads segmented Simplified text aloud, token by token, in tone numbers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model = None
        self._word_cache: dict[str, str] = {}
        self._char_cache: dict[str, str] = {}

    # -- loading -----------------------------------------------------------------
    def initialize(self) -> None:
        with self._lock:
            if self._model is None:
                from g2pM import G2pM
                from pypinyin.constants import PHRASES_DICT

                model = G2pM()
                self._tagger = PolyphoneTagger(model)
                self._polyphones = self._tagger.polyphones
                self._phrases = PHRASES_DICT
                self._model = model

    # -- single words ----------------------------------------------------------
    def _pypinyin(self, text: str) -> list[str]:
        import pypinyin

        rows = pypinyin.pinyin(
            text,
            style=pypinyin.Style.TONE3,
            neutral_tone_with_five=True,
            v_to_u=True,
            errors=lambda chars: [""] * len(chars),
        )
        out = [normalize_numbered(row[0]) if row and row[0] else "" for row in rows]
        return out if len(out) == len(text) else [""] * len(text)

    def _char(self, ch: str) -> str:
        reading = self._char_cache.get(ch)
        if reading is None:
            reading = self._pypinyin(ch)[0] if _is_han(ch) else ""
            self._char_cache[ch] = reading
        return reading

    def word_reading(self, word: str) -> str | None:
        """The fixed reading of a listed multi-character word, or None if it needs context."""
        self.initialize()
        if len(word) > 1 and word in self._phrases:
            reading = self._word_cache.get(word)
            if reading is None:
                reading = " ".join(s for s in self._pypinyin(word) if s)
                self._word_cache[word] = reading
            return reading
        return None

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
        phrases = self._phrases
        polyphones = self._polyphones
        for index, (start, end) in enumerate(spans):
            word = text[start:end]
            cached = self._word_cache.get(word)
            if cached is not None:
                readings[index] = cached
                continue
            if not has_han(word):
                continue
            if len(word) > 1 and word in phrases:
                readings[index] = self.word_reading(word) or ""
                continue
            slots, open_positions = self._split_known(word)
            if not open_positions:
                reading = " ".join(s for s in slots if s)
                if all(ch not in polyphones for ch in word):
                    self._word_cache[word] = reading
                readings[index] = reading
                continue
            pending.append((index, slots, [start + k for k in open_positions]))
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

    def _split_known(self, word: str) -> tuple[list[str], list[int]]:
        """Readings of the listed sub-words of `word` (longest first, left to right) and
        the positions of the polyphones left over, which need the model."""
        slots = [""] * len(word)
        open_positions: list[int] = []
        k = 0
        while k < len(word):
            for size in range(min(len(word) - k, 6), 1, -1):
                piece = word[k : k + size]
                if piece in self._phrases:
                    syllables = (self.word_reading(piece) or "").split(" ")
                    if len(syllables) == size:
                        slots[k : k + size] = syllables
                        k += size
                        break
            else:
                ch = word[k]
                if ch in self._polyphones:
                    open_positions.append(k)
                else:
                    slots[k] = self._char(ch)
                k += 1
        return slots, open_positions


_SENTENCE_END = set("。！？；!?;…\n")
MAX_SPAN = 64  # longest stretch of context fed to the model at once


class PolyphoneTagger:
    """Batched inference of g2pM's bi-LSTM over whole sentences.

    g2pM's own `__call__` runs one sentence at a time in float64; a document has hundreds
    of sentences. This runs every sentence that holds a polyphone in one padded batch,
    in float32, with the input projections precomputed per character, and picks the best
    reading among those the character actually has.
    """

    def __init__(self, model) -> None:
        f32 = np.float32
        self.char2idx = model.char2idx
        self.unk = model.char2idx["<UNK>"]
        self.bos = model.char2idx["시"]  # g2pM's own sentence markers
        self.eos = model.char2idx["끝"]
        size = model.weight_hh.shape[1]
        self.size = size
        emb = model.embeddings.astype(f32)
        proj_fw = emb @ model.weight_ih.T.astype(f32) + (model.bias_ih + model.bias_hh)
        proj_bw = emb @ model.weight_ih_reverse.T.astype(f32) + (
            model.bias_ih_reverse + model.bias_hh_reverse
        )
        # Both directions run as one LSTM of width 2*size. PyTorch orders gates i, f, g, o;
        # we lay them out as [i_fw i_bw | f_fw f_bw | o_fw o_bw | g_fw g_bw] so that one
        # sigmoid covers the first six blocks and one tanh the last two.
        order = {"i": 0, "f": 1, "g": 2, "o": 3}
        layout = ["i", "f", "o", "g"]
        vocab = emb.shape[0]
        self.in_fw = np.zeros((vocab, 8 * size), dtype=f32)
        self.in_bw = np.zeros((vocab, 8 * size), dtype=f32)
        self.hh = np.zeros((2 * size, 8 * size), dtype=f32)
        for slot, gate in enumerate(layout):
            src = slice(order[gate] * size, (order[gate] + 1) * size)
            dst_fw = slice(2 * slot * size, (2 * slot + 1) * size)
            dst_bw = slice((2 * slot + 1) * size, (2 * slot + 2) * size)
            self.in_fw[:, dst_fw] = proj_fw[:, src]
            self.in_bw[:, dst_bw] = proj_bw[:, src]
            self.hh[:size, dst_fw] = model.weight_hh[src].T
            self.hh[size:, dst_bw] = model.weight_hh_reverse[src].T
        self.w0 = model.hidden_weight_l0.T.astype(f32)
        self.b0 = model.hidden_bias_l0.astype(f32)
        self.w1 = model.hidden_weight_l1.T.astype(f32)
        self.b1 = model.hidden_bias_l1.astype(f32)
        class2idx = {p: i for i, p in model.idx2class.items()}
        self.classes = [normalize_numbered(model.idx2class[i]) for i in range(len(class2idx))]
        self.candidates: dict[str, np.ndarray] = {}
        for ch, prons in model.cedict.items():
            if len(prons) > 1:
                ids = [class2idx[p] for p in prons if p in class2idx]
                if ids:
                    self.candidates[ch] = np.asarray(ids)
        self.polyphones = frozenset(self.candidates)

    def read(self, text: str, positions: Sequence[int], breaks: Sequence[tuple[int, int]]):
        """Tone-number readings for the characters of `text` at `positions` (sorted)."""
        # Cut each paragraph into sentences, then into stretches of at most MAX_SPAN.
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
        return self._run(text, segments, targets)

    def _run(self, text, segments, targets) -> list[str]:
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
        active = [int(np.count_nonzero(lengths > t)) for t in range(width)]
        states = self._lstm(ids, rev, active)
        size = self.size
        rows = np.asarray([where[seg] for seg, _ in targets])
        cols = np.asarray([pos - segments[seg][0] + 1 for seg, pos in targets])
        back_cols = lengths[rows] - 1 - cols
        hidden = np.concatenate(
            [states[cols, rows, :size], states[back_cols, rows, size:]], axis=1
        )
        logits = np.maximum(hidden @ self.w0 + self.b0, 0) @ self.w1 + self.b1
        out = []
        classes, candidates = self.classes, self.candidates
        for k, (_, pos) in enumerate(targets):
            cands = candidates[text[pos]]
            out.append(classes[cands[logits[k, cands].argmax()]])
        return out

    def _lstm(self, ids: np.ndarray, rev: np.ndarray, active: list[int]) -> np.ndarray:
        """Run both directions over time-major ids; `active[t]` rows are still running."""
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
