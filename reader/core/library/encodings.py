"""Reading text files in any common encoding, with clear errors for bad input.

UTF-8 (with or without BOM), UTF-16 LE/BE (BOM or not), GB18030/GBK and Big5 are decoded;
empty, binary and undecodable files raise `TextInputError` with a one-line message.

Detection works on a sample (the first 64 KB, cut at a line end), so a 20 MB file costs
one full decode. When several legacy encodings decode the sample, the one whose text holds
the most common Chinese characters wins; charset-normalizer is asked as a second opinion,
and `DecodedText.confident` is False when the two disagree or the margin is thin, so the
window can ask the user (the encoding can always be overridden).
"""
from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

MB = 1_000_000  # one unit everywhere: the limit, the setting and the messages
DEFAULT_MAX_BYTES = 100 * MB
SAMPLE_BYTES = 64 * 1024

# Encodings a user may pick when overriding detection: (codec name, label).
ENCODINGS: tuple[tuple[str, str], ...] = (
    ("utf-8", "UTF-8"),
    ("utf-8-sig", "UTF-8 with BOM"),
    ("utf-16", "UTF-16 (with BOM)"),
    ("utf-16-le", "UTF-16 LE"),
    ("utf-16-be", "UTF-16 BE"),
    ("gb18030", "GB18030 / GBK / GB2312 (Simplified)"),
    ("big5", "Big5 (Traditional)"),
    ("big5hkscs", "Big5-HKSCS (Hong Kong)"),
)

# What charset-normalizer may answer, mapped to the family we decode with.
_FAMILY = {
    "gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "hz": "gb18030",
    "big5": "big5", "big5hkscs": "big5", "cp950": "big5",
    "utf_8": "utf-8", "utf-8": "utf-8", "ascii": "utf-8",
    "utf_16": "utf-16", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be",
}


class TextInputError(ValueError):
    """Input that cannot be read as text; the message is fit to show a user."""


@dataclass(frozen=True)
class DecodedText:
    """Decoded text, the codec used, and whether the detection is sure of it."""

    text: str
    encoding: str
    confident: bool = True
    alternatives: tuple[str, ...] = field(default=())


_LEGACY = ("gb18030", "big5")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _sample(data: bytes) -> bytes:
    """The first SAMPLE_BYTES, cut after a line end so no character is split."""
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    return data[: cut + 1] if cut > 0 else data[:SAMPLE_BYTES]


def _utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    even_zero = sample[0::2].count(0) / (len(sample) / 2)
    odd_zero = sample[1::2].count(0) / (len(sample) / 2)
    # Mostly-ASCII UTF-16 has zeros in every other byte; CJK UTF-16 has few zeros but
    # decodes cleanly with many Han characters.
    for encoding, zero_share in (("utf-16-le", odd_zero), ("utf-16-be", even_zero)):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if (zero_share > 0.3 and not _looks_binary(text)) or _han_share(text) > 0.3:
            return encoding
    return None


def _han_share(text: str) -> float:
    if not text:
        return 0.0
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han / len(text)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:200_000]
    return "\x00" in sample or len(_CONTROL.findall(sample)) / len(sample) > 0.01


def decode_bytes(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode `data`, detecting the encoding unless one is given."""
    if not data.strip():
        raise TextInputError("the file is empty")
    if encoding:
        return _decode_as(data, encoding)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _checked(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            raise TextInputError("the file claims UTF-8 but does not decode as UTF-8") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise TextInputError("the file claims UTF-16 but does not decode") from None
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    sample = _sample(data)
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            try:
                return _checked(data.decode(utf16), utf16)
            except UnicodeDecodeError:
                pass
        raise TextInputError("this looks like a binary file, not text")
    return _decode_legacy(data, sample)


def _decode_as(data: bytes, encoding: str) -> DecodedText:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise TextInputError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise TextInputError(
            f"the file does not decode as {encoding} (bad byte at position {exc.start})"
        ) from None
    return _checked(text, encoding)


def _decode_legacy(data: bytes, sample: bytes) -> DecodedText:
    """GB18030 or Big5: rank the candidates that decode by how Chinese their text looks."""
    ranked: list[tuple[float, str]] = []
    for candidate in _LEGACY:
        try:
            text = sample.decode(candidate)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text):
            ranked.append((_plausibility(text), candidate))
    if not ranked:
        raise TextInputError(
            "cannot decode the file as UTF-8, UTF-16, GB18030 or Big5 "
            "(binary or unknown encoding)"
        )
    ranked.sort(reverse=True)
    best_score, best = ranked[0]
    if best_score < 0.5 and _han_share(sample.decode(best)) < 0.05:
        raise TextInputError("this looks like a binary file, not text")
    margin = best_score - (ranked[1][0] if len(ranked) > 1 else 0.0)
    confident = (best_score >= 0.8 and margin >= 0.2 and _wide_count(sample, best) >= SURE_CHARS
                 and _second_opinion(sample) in (best, None))
    try:
        text = data.decode(best)
    except UnicodeDecodeError as exc:
        raise TextInputError(
            f"the file does not decode as {best} (bad byte at position {exc.start})"
        ) from None
    others = tuple(name for _, name in ranked[1:])
    decoded = _checked(text, best)
    return DecodedText(decoded.text, best, confident, others)


def _wide_count(sample: bytes, encoding: str) -> int:
    return sum(1 for ch in sample.decode(encoding) if ch > "\x7f")


def _second_opinion(sample: bytes) -> str | None:
    """charset-normalizer's encoding family for the sample, or None if it has no opinion."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(sample).best()
    if best is None:
        return None
    return _FAMILY.get(best.encoding.lower().replace("-", "_"), best.encoding)


def _plausibility(text: str) -> float:
    """How much `text` reads as Chinese, from -1 to 1: over its non-ASCII characters, +1
    for each common character (GB2312 level 1, after conversion to Simplified) or CJK
    punctuation, 0 for a rarer Han character, -1 for what Chinese text seldom holds (kana,
    Greek, Cyrillic, box drawing, private use): the garbage a wrong legacy codec makes of
    a short text scores far below the right decoding, even when its few Han are common."""
    from reader.core.text.scripts import to_simplified

    wide = "".join(ch for ch in text if ch > "\x7f" and not ch.isspace())
    if not wide:
        return 0.0
    common = _common_chars()
    score = 0
    for ch in to_simplified(wide):
        if ch in common or ch in _PUNCTUATION or "\u3000" <= ch <= "\u303f" or (
                "\uff01" <= ch <= "\uff5e"):
            score += 1
        elif not ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"):
            score -= 1
    return score / len(wide)


_PUNCTUATION = frozenset("“”‘’…—–·•")
SURE_CHARS = 12  # fewer non-ASCII characters than this: detection is never sure


_COMMON: frozenset[str] | None = None


def _common_chars() -> frozenset[str]:
    global _COMMON
    if _COMMON is None:
        # GB2312 level 1: the 3,755 most common characters of modern Chinese.
        chars = []
        for hi in range(0xB0, 0xD8):
            for lo in range(0xA1, 0xFF):
                try:
                    chars.append(bytes((hi, lo)).decode("gb2312"))
                except UnicodeDecodeError:
                    pass
        _COMMON = frozenset(chars)
    return _COMMON


def _checked(text: str, encoding: str) -> DecodedText:
    if _looks_binary(text):
        raise TextInputError("this looks like a binary file, not text")
    if not text.strip():
        raise TextInputError("the file is empty")
    return DecodedText(text.lstrip("\ufeff"), encoding)


def read_bytes_limited(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, or `TextInputError` if it is missing, not a file or over the limit.

    A named pipe, or a file whose size the system does not know (/proc), is read as a
    stream up to the limit; devices and sockets are refused by name.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise TextInputError(f"no such file: {path}") from None
    except OSError as exc:
        raise TextInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    kind = _special_kind(info.st_mode)
    if kind in ("a folder", "a character device", "a block device", "a socket"):
        raise TextInputError(f"{path} is {kind}, not a file")
    if info.st_size > max_bytes:
        raise TextInputError(_over_limit(path.name, info.st_size, max_bytes))
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise TextInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    what = f"{path.name} ({kind})" if kind else path.name
    if len(data) > max_bytes:
        raise TextInputError(f"{what} gave more than the {_mb(max_bytes)} import limit "
                             "(setting import.max_mb)")
    if not data:
        raise TextInputError(f"{what} is empty")
    return data


def read_stream_limited(stream, max_bytes: int = DEFAULT_MAX_BYTES,
                        name: str = "standard input") -> bytes:
    """At most `max_bytes` from a binary stream, or `TextInputError` if more arrive."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TextInputError(f"{name} gave more than the {_mb(max_bytes)} import limit "
                             "(setting import.max_mb)")
    return data


def _special_kind(mode: int) -> str:
    """'' for a regular file, else what the path is, in words."""
    for test, words in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                        (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return ""


def _mb(size: int) -> str:
    return f"{size / MB:.0f} MB"


def _over_limit(name: str, size: int, max_bytes: int) -> str:
    return (f"{name} is {_mb(size)}, over the {_mb(max_bytes)} import limit "
            "(setting import.max_mb)")


def read_text_file(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None
) -> DecodedText:
    """Read and decode a text file, or raise `TextInputError` saying why not."""
    return decode_bytes(read_bytes_limited(path, max_bytes), encoding)
