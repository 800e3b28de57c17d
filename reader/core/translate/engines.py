"""The online engines we offer, and what each accepts.

Google Translate (its mobile web page, parsed by deep-translator) takes under 5,000
characters per request; MyMemory's free API takes at most 500 bytes of UTF-8 in `q`
(its documented limit; deep-translator only checks < 500 characters, which Chinese text
passes at three times the byte size). We keep a margin under both.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.core.translate.chunking import Measure, char_count, utf8_bytes


@dataclass(frozen=True)
class EngineSpec:
    """One engine: its name (the setting's value), a label for messages, its limits."""

    name: str
    label: str
    default_url: str
    limit: int
    measure: Measure
    source: str
    make: Callable[[str, str], object]  # (source, target) -> a deep-translator translator


def _google(source: str, target: str):
    from deep_translator import GoogleTranslator

    return GoogleTranslator(source=source, target=target)


def _mymemory(source: str, target: str):
    from deep_translator import MyMemoryTranslator
    from deep_translator.constants import MY_MEMORY_LANGUAGES_TO_CODES

    return MyMemoryTranslator(source=source,
                              target=mymemory_code(target, MY_MEMORY_LANGUAGES_TO_CODES))


def mymemory_code(code: str, codes: dict[str, str]) -> str:
    """MyMemory wants region codes ('en-US'); map a bare 'en' to its first region."""
    values = list(codes.values())
    if code in values:
        return code
    preferred = {"en": "en-US", "zh": "zh-CN", "pt": "pt-BR", "es": "es-ES", "fr": "fr-FR"}
    if preferred.get(code) in values:
        return preferred[code]
    return next((v for v in values if v.lower().startswith(code.lower() + "-")), code)


ENGINES: dict[str, EngineSpec] = {
    "google": EngineSpec("google", "Google Translate", "https://translate.google.com/m",
                         4500, char_count, "auto", _google),
    "mymemory": EngineSpec("mymemory", "MyMemory", "https://api.mymemory.translated.net/get",
                           480, utf8_bytes, "zh-CN", _mymemory),
}
