"""Reading text files in any common encoding, with clear errors for bad input.

UTF-8 (with or without BOM), UTF-16 LE/BE (BOM or not), GB18030/GBK and Big5 are decoded;
empty, binary and undecodable files raise `TextInputError` with a one-line message.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 100 * 1024 * 1024


class TextInputError(ValueError):
    """Input that cannot be read as text; the message is fit to show a user."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


_CANDIDATES = ("gb18030", "big5")


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even_zero = data[0::2].count(0) / (len(data) / 2)
    odd_zero = data[1::2].count(0) / (len(data) / 2)
    # Mostly-ASCII UTF-16 has zeros in every other byte; CJK UTF-16 has few zeros but
    # decodes cleanly with many Han characters.
    for encoding, zero_share in (("utf-16-le", odd_zero), ("utf-16-be", even_zero)):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if zero_share > 0.3 or _han_share(text) > 0.3:
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
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in text or controls / len(text) > 0.01


def decode_bytes(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode `data`, detecting the encoding unless one is given."""
    if not data.strip():
        raise TextInputError("the file is empty")
    if encoding:
        try:
            return DecodedText(data.decode(encoding), encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise TextInputError(f"cannot decode as {encoding}: {exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="strict"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise TextInputError("the file claims UTF-16 but does not decode") from None
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return _checked(data.decode(utf16), utf16)
        raise TextInputError("this looks like a binary file, not text")
    decoded: list[tuple[float, str, str]] = []
    for candidate in _CANDIDATES:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        decoded.append((_plausibility(text), candidate, text))
    if not decoded:
        raise TextInputError(
            "cannot decode the file as UTF-8, UTF-16, GB18030 or Big5 (binary or unknown encoding)"
        )
    decoded.sort(reverse=True)
    _, encoding, text = decoded[0]
    return _checked(text, encoding)


def _plausibility(text: str) -> float:
    """How much `text` looks like real Chinese: the share of common characters."""
    from reader.core.scripts import to_simplified

    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    common = _common_chars()
    simplified = to_simplified("".join(han))
    return sum(1 for ch in simplified if ch in common) / len(han)


_COMMON: frozenset[str] | None = None


def _common_chars() -> frozenset[str]:
    global _COMMON
    if _COMMON is None:
        # The 1,000 most frequent characters of modern Chinese start jieba's dictionary
        # ordering poorly; GB2312 level 1 (3,755 common characters) is a better stand-in.
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


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Read and decode a text file, or raise `TextInputError` saying why not."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise TextInputError(f"no such file: {path}") from None
    except OSError as exc:
        raise TextInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise TextInputError(f"{path} is a folder, not a file")
    if size > max_bytes:
        raise TextInputError(
            f"{path.name} is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TextInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode_bytes(data)
