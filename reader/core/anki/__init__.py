"""Anki, live: send flashcards to a running Anki through AnkiConnect, and learn known words.

    client.py   AnkiConnect: the JSON protocol (version 6), typed errors, address check
    sender.py   AnkiSender: deck + note type when missing, add / update / unchanged, batches
    known.py    known words from the review intervals of chosen decks
    records.py  what the flashcard database remembers (anki_notes, anki_word_status)

See docs/design/anki.md. Nothing here imports Qt.
"""
from __future__ import annotations

from reader.core.anki.client import (
    DEFAULT_URL,
    AnkiActionError,
    AnkiAddressError,
    AnkiBusy,
    AnkiConnect,
    AnkiError,
    AnkiKeyError,
    AnkiNotConnect,
    AnkiNotRunning,
    AnkiVersionError,
    is_loopback,
    normalise_url,
)
from reader.core.anki.records import anki_word_statuses, sent_states
from reader.core.anki.sender import (
    AnkiSender,
    FieldMapping,
    MappingError,
    SendReport,
    make_mapping,
    parse_field_map,
)

__all__ = [
    "DEFAULT_URL", "AnkiActionError", "AnkiAddressError", "AnkiBusy", "AnkiConnect",
    "AnkiError", "AnkiKeyError", "AnkiNotConnect", "AnkiNotRunning", "AnkiSender",
    "AnkiVersionError", "FieldMapping", "MappingError", "SendReport", "anki_word_statuses",
    "client_from_settings", "is_loopback", "make_mapping", "mapping_from_settings",
    "normalise_url", "parse_field_map", "sent_states",
]


def client_from_settings(settings, url: str | None = None, **timeouts) -> AnkiConnect:
    """A client for the configured address (or `url`), key and confirmed remote address."""
    return AnkiConnect(url or settings.get("anki.url"), settings.get("anki.key"),
                       confirmed_remote=settings.get("anki.confirmed_remote"), **timeouts)


def mapping_from_settings(client: AnkiConnect, model: str, field_map: dict[str, str]
                          ) -> FieldMapping:
    """Our note type when `model` is empty; else the mapping, checked against Anki's fields."""
    if not model:
        return FieldMapping()
    if model not in client.invoke("modelNames"):
        raise AnkiActionError(f"Anki has no note type {model!r}")
    return make_mapping(model, field_map, client.invoke("modelFieldNames", modelName=model))
