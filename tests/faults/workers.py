"""Worker processes for the fault suite, run as `python workers.py COMMAND ...`.

Kept free of test imports so that the same script measures an older checkout (set
PYTHONPATH to it) for the before/after table in docs/design/data-safety.md.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import sys
import time


def glossary_add(count: int, prefix: str) -> None:
    """`glossary add` COUNT times through the CLI runner; prints how many said "saved"."""
    from reader.cli import run
    from reader.core.services import Services

    services = Services()
    saved = 0
    for i in range(count):
        with contextlib.redirect_stdout(io.StringIO()):
            status = run(["glossary", "add", f"{prefix} term {i}", "--category", "strategy",
                          "--en", f"meaning {i}", "--zh", "解释"], services)
        saved += status == 0
    print(json.dumps({"saved": saved}))


def first_use(count: int, tag: str) -> None:
    """Open the flashcards, library and translation cache of a new home at once and commit
    COUNT items to each; prints what was reported committed and the errors seen."""
    from reader.core import paths
    from reader.core.flashcards.notes import NoteDraft
    from reader.core.flashcards.store import FlashcardStore
    from reader.core.services import Services
    from reader.core.translate.cache import TranslationCache

    report: dict = {"cards": [], "articles": [], "cached": [], "errors": []}
    data = paths.data_dir()
    try:
        store = FlashcardStore(data / "flashcards.sqlite3")
        for i in range(count):
            word = f"{tag}词{i}"
            store.add(NoteDraft(simplified=word, traditional=word, meaning="m"), "d")
            report["cards"].append(word)
    except Exception as exc:  # noqa: BLE001 - the report is the point
        report["errors"].append(f"{type(exc).__name__}: {exc}")
    try:
        library = Services().library
        for i in range(count):
            info = library.import_text(f"{tag}的文章{i}\n正文{tag}{i}。\n", on_duplicate="keep")
            report["articles"].append(info.id)
    except Exception as exc:  # noqa: BLE001
        report["errors"].append(f"{type(exc).__name__}: {exc}")
    try:
        cache = TranslationCache(data / "translations.sqlite3")
        for i in range(count):
            cache.put("google", "en", f"{tag}句{i}", "x")
            report["cached"].append(f"{tag}句{i}")
        report["notices"] = [cache.notice]
    except Exception as exc:  # noqa: BLE001
        report["errors"].append(f"{type(exc).__name__}: {exc}")
    print(json.dumps(report, ensure_ascii=False))


def hold_lock(path: str, seconds: float) -> None:
    """Hold an exclusive lock on an SQLite file (readers are blocked too, even in WAL
    mode); prints "locked" once it holds it."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA locking_mode = EXCLUSIVE")
    con.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    time.sleep(seconds)
    con.execute("ROLLBACK")
    con.close()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    command, *rest = sys.argv[1:]
    if command == "glossary-add":
        glossary_add(int(rest[0]), rest[1])
    elif command == "first-use":
        first_use(int(rest[0]), rest[1])
    elif command == "hold-lock":
        hold_lock(rest[0], float(rest[1]))
    else:
        raise SystemExit(f"unknown command {command}")
