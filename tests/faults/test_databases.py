"""Issue 12 §2: SQLite files under contention, locks, empty and damaged files."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from reader.core import paths, sqlite_safe
from reader.core.flashcards import StoreError
from reader.core.flashcards.notes import NoteDraft
from reader.core.flashcards.store import FlashcardStore
from reader.core.services import Services
from reader.core.sqlite_safe import DatabaseUnavailable
from reader.core.translate.cache import TranslationCache
from tests.faults.conftest import assert_one_line, report, worker


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _moved(folder) -> list:
    return list(folder.rglob("*.corrupt-*"))


def _hold_lock(reader_home, path):
    """A process holding the write lock of `path` until killed."""
    holder = worker(reader_home, "hold-lock", str(path), "600")
    assert holder.stdout.readline().strip() == "locked"
    return holder


@pytest.fixture
def short_waits(monkeypatch):
    """Busy waits of a fraction of a second, so a held lock outlasts them quickly."""
    monkeypatch.setattr(sqlite_safe, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(sqlite_safe, "OPEN_DEADLINE_S", 0.5)


@pytest.mark.slow
def test_eight_processes_on_first_use_lose_nothing(reader_home):
    """8 processes open a new home at once: every reported commit is there, nothing moved."""
    workers = [worker(reader_home, "first-use", "5", f"p{i}") for i in range(8)]
    reports = [report(w) for w in workers]
    data = reader_home / "data"
    assert [r["errors"] for r in reports] == [[]] * 8
    con = sqlite3.connect(data / "flashcards.sqlite3")
    cards = {row[0] for row in con.execute("SELECT simplified FROM notes")}
    con.close()
    con = sqlite3.connect(data / "library" / "library.sqlite3")
    articles = {row[0] for row in con.execute("SELECT id FROM articles")}
    con.close()
    con = sqlite3.connect(data / "translations.sqlite3")
    cached = {row[0] for row in con.execute("SELECT source_text FROM translation")}
    con.close()
    for r in reports:
        assert set(r["cards"]) <= cards and len(r["cards"]) == 5
        assert set(r["articles"]) <= articles and len(r["articles"]) == 5
        assert set(r["cached"]) <= cached and len(r["cached"]) == 5
    assert _moved(data) == []


def test_flashcards_locked_past_the_timeout(reader_home, short_waits):
    """A write lock held longer than the wait: one line naming the cause, file untouched."""
    path = paths.data_dir() / "flashcards.sqlite3"
    store = FlashcardStore(path)
    store.add(NoteDraft(simplified="生态", traditional="生態"), "d")
    store.close()
    holder = _hold_lock(reader_home, path)
    try:
        with pytest.raises(StoreError) as caught:
            FlashcardStore(path).add(NoteDraft(simplified="赛道", traditional="賽道"), "d")
    finally:
        holder.kill()
        holder.communicate()
    assert_one_line(str(caught.value))
    assert "in use by another Reader" in str(caught.value)
    assert _moved(path.parent) == []
    assert FlashcardStore(path).count() == 1


def test_flashcards_created_while_locked_is_not_moved(reader_home, short_waits):
    """Opening (and migrating) a new database that another process has locked: no move."""
    path = paths.data_dir() / "flashcards.sqlite3"
    sqlite3.connect(path).close()  # 0 bytes, as a racing process leaves it
    holder = _hold_lock(reader_home, path)
    try:
        with pytest.raises(StoreError) as caught:
            FlashcardStore(path)
    finally:
        holder.kill()
        holder.communicate()
    assert_one_line(str(caught.value))
    assert "in use" in str(caught.value) and _moved(path.parent) == []
    assert FlashcardStore(path).count() == 0


def test_library_index_locked_keeps_titles(reader_home, short_waits):
    """A locked library index is never rebuilt: titles survive, the rename fails in one line."""
    library = Services().library
    info = library.import_text("正文第一行。\n第二行。\n", title="我的标题")
    db = library.store.db_path
    holder = _hold_lock(reader_home, db)
    try:
        with pytest.raises(DatabaseUnavailable) as caught:
            Services().library.rename(info.id, "新标题")
    finally:
        holder.kill()
        holder.communicate()
    assert_one_line(str(caught.value)) and "in use" in str(caught.value)
    assert _moved(db.parent) == []
    assert [a.title for a in Services().library.store.list()] == ["我的标题"]


def test_translation_cache_locked_is_a_miss_not_a_move(reader_home, short_waits):
    """A locked translation cache is a miss (with a problem line), never a move."""
    path = paths.data_dir() / "translations.sqlite3"
    cache = TranslationCache(path)
    cache.put("google", "en", "你好", "hello")
    cache.close()
    holder = _hold_lock(reader_home, path)
    try:
        locked = TranslationCache(path)
        locked.put("google", "en", "再见", "bye")
        assert locked.get("google", "en", "你好") is None
    finally:
        holder.kill()
        holder.communicate()
    assert_one_line(locked.problem) and "in use" in locked.problem
    assert _moved(path.parent) == []
    assert TranslationCache(path).get("google", "en", "你好") == "hello"


def test_zero_byte_library_index_is_rebuilt_with_a_notice(reader_home):
    """A 0-byte library.sqlite3 no longer hides every import: rebuilt from the text files."""
    library = Services().library
    ids = [library.import_text(f"文章{i}\n内容{i}。\n").id for i in range(3)]
    db = library.store.db_path
    for extra in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        extra.unlink(missing_ok=True)
    db.write_bytes(b"")
    again = Services().library
    assert {a.id for a in again.store.list()} == set(ids)
    notice = again.store.take_notice()
    assert_one_line(notice) and "rebuilt from 3" in notice


def test_never_moved_aside_twice_without_a_notice(reader_home):
    """A second damaged file is not moved while the first move's notice is still unseen."""
    path = paths.data_dir() / "flashcards.sqlite3"
    path.write_bytes(b"not a database" * 100)
    FlashcardStore(path).close()  # moved aside once; nobody has shown the notice
    path.unlink()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.write_bytes(b"garbage again" * 100)
    before = _digest(path)
    with pytest.raises(StoreError) as caught:
        FlashcardStore(path)
    assert_one_line(str(caught.value)) and "already moved aside" in str(caught.value)
    assert _digest(path) == before and len(_moved(path.parent)) == 1


def test_newer_schema_is_left_alone(reader_home):
    """A file written by a newer app version is not damage: one line, not moved."""
    path = paths.data_dir() / "translations.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 42")
    con.close()
    with pytest.raises(DatabaseUnavailable) as caught:
        sqlite_safe.open_database(path, "translation cache", 1, lambda con, v: None)
    assert_one_line(str(caught.value)) and _moved(path.parent) == []
