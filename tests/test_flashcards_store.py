"""The flashcard database: saving, duplicates, edits, delete/undo, corruption, migration, kill."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from reader.core.flashcards import FlashcardStore, NoteDraft
from reader.core.flashcards.notes import SentenceDraft, word_key
from reader.core.flashcards.schema import MIGRATIONS, StoreError, open_database
from tests.conftest import ROOT


def _draft(word: str, sentence: str = "", trad: str = "", article: str = "a1") -> NoteDraft:
    s = SentenceDraft(sentence, sentence, (0, len(word)), (0, len(word)), article, article) \
        if sentence else None
    return NoteDraft(simplified=word, traditional=trad or word, pinyin="x", pinyin_numbers="x1",
                     meaning="m", sentence=s)


@pytest.fixture
def store(tmp_path):
    s = FlashcardStore(tmp_path / "cards.sqlite3")
    yield s
    s.close()


def test_fresh_database_is_versioned_wal(store):
    """A new store has the latest schema version (2), WAL journaling and foreign keys on."""
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 2
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.query("PRAGMA foreign_keys")[0][0] == 1
    assert store.notice == ""


def test_same_word_twice_is_one_note_with_both_sentences(store):
    """Saving a word again adds its new sentence to the same note and makes no second card."""
    first = store.add(_draft("腾讯", "腾讯进入市场。"), "Deck A")
    again = store.add(_draft("腾讯", "腾讯很强。"), "Deck B")
    same = store.add(_draft("腾讯", "腾讯很强。"), "Deck A")
    assert first.added and not again.added and not same.added
    assert again.sentence_added and not same.sentence_added
    assert store.count() == 1
    assert store.query("SELECT COUNT(*) FROM cards")[0][0] == 1
    note = store.find("腾讯")
    assert [s.simplified for s in note.sentences] == ["腾讯进入市场。", "腾讯很强。"]
    assert note.deck == "Deck A"  # a note stays in the deck it was first saved to


def test_latin_terms_are_one_note_whatever_their_case_or_width(store):
    """'To B', 'to  b' and full-width 'ｔｏ Ｂ' share one key and one note."""
    assert word_key("To B") == word_key("to  b") == word_key("ｔｏ Ｂ")
    store.add(_draft("To B"), "d")
    assert not store.add(_draft("ｔｏ Ｂ"), "d").added
    assert store.count() == 1


def test_add_many_is_all_or_nothing(store):
    """A batch with one bad draft saves none of them."""
    with pytest.raises(ValueError):
        store.add_many([_draft("生态"), _draft("   ")], "d")
    assert store.count() == 0
    results = store.add_many([_draft("生态"), _draft("赛道"), _draft("生态")], "d")
    assert [r.added for r in results] == [True, True, False]


def test_edit_search_and_move(store):
    """Edits change fields, bump modified, set meaning_source; search finds pinyin without tones."""
    note = store.add(_draft("腾讯"), "d").note
    store.clock = lambda: note.modified + 5
    edited = store.update(note.id, meaning="Tencent", tags="company  big", pinyin="téng xùn",
                          pinyin_numbers="teng2 xun4", deck="Other")
    assert edited.meaning == "Tencent" and edited.meaning_source == "user"
    assert edited.tags == ("company", "big") and edited.deck == "Other"
    assert edited.modified == note.modified + 5
    assert [n.id for n in store.notes(search="tengxun")] == [note.id]
    assert [n.id for n in store.notes(search="騰訊")] == [note.id]  # Traditional query
    assert store.notes(search="nothing-like-this") == []
    store.add(_draft("生态"), "d")
    with pytest.raises(ValueError, match="already saved"):
        store.update(note.id, simplified="生态")


def test_delete_and_undo_restore_everything(store):
    """Deleting a note removes its card, sentences and log; undo puts them back unchanged."""
    note = store.add(_draft("赛道", "新赛道。"), "d").note
    with store.transaction() as con:
        con.execute("INSERT INTO review_log (card_id, rating, reviewed_at) "
                    "SELECT id, 3, 1.0 FROM cards WHERE note_id = ?", (note.id,))
    deleted = store.delete_notes([note.id])
    assert store.count() == 0
    assert store.query("SELECT COUNT(*) FROM review_log")[0][0] == 0
    store.restore(deleted)
    back = store.note(note.id)
    assert back == note
    assert store.query("SELECT COUNT(*) FROM review_log")[0][0] == 1
    deleted = store.delete_notes([note.id])
    store.add(_draft("赛道"), "d")
    with pytest.raises(ValueError, match="saved again"):
        store.restore(deleted)


def test_delete_deck_and_undo(store):
    """Deleting a deck removes its notes; undo restores deck and notes."""
    store.add_many([_draft("生态"), _draft("赛道")], "Article")
    deleted = store.delete_deck("article")
    assert store.decks() == [] and store.count() == 0
    store.restore(deleted)
    assert [(d.name, d.note_count) for d in store.decks()] == [("Article", 2)]


def test_garbage_file_is_moved_aside_with_a_notice(tmp_path):
    """A file that is not a database is kept aside, a notice says so, a fresh store works."""
    path = tmp_path / "cards.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    store = FlashcardStore(path)
    assert "could not be read" in store.notice and ".corrupt-" in store.notice
    aside = list(tmp_path.glob("cards.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not sqlite")
    assert store.add(_draft("生态"), "d").added and store.count() == 1
    store.close()


def test_damaged_pages_fail_the_integrity_check(tmp_path):
    """A real database with overwritten pages is detected on open and moved aside."""
    path = tmp_path / "cards.sqlite3"
    store = FlashcardStore(path)
    store.add_many([_draft(f"词{i}", f"句子{i}" * 30) for i in range(400)], "d")
    store.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    for p in range(3, len(data) // page, 3):
        data[p * page + 100: p * page + 400] = b"\xa5" * 300
    path.write_bytes(bytes(data))
    reopened = FlashcardStore(path)
    assert reopened.notice and reopened.count() == 0
    assert len(list(tmp_path.glob("cards.sqlite3.corrupt-*"))) == 1
    reopened.close()


def test_database_from_a_newer_version_is_left_alone(tmp_path):
    """A schema version newer than this app's is not damage: one line, file not moved."""
    path = tmp_path / "cards.sqlite3"
    FlashcardStore(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(StoreError, match="newer version") as caught:
        FlashcardStore(path)
    assert "\n" not in str(caught.value)
    assert path.exists() and not list(tmp_path.glob("cards.sqlite3.corrupt-*"))


def test_migration_copies_the_file_first(tmp_path):
    """Migrating forward keeps a .v2.bak copy, bumps user_version and keeps the data."""
    path = tmp_path / "cards.sqlite3"
    store = FlashcardStore(path)
    store.add(_draft("生态"), "d")
    store.close()

    def add_column(con):
        con.execute("ALTER TABLE notes ADD COLUMN audio TEXT NOT NULL DEFAULT ''")

    con, notice = open_database(path, (*MIGRATIONS, add_column))
    assert notice == ""
    assert con.execute("PRAGMA user_version").fetchone()[0] == 3
    assert [tuple(r) for r in con.execute("SELECT simplified, audio FROM notes")] == [("生态", "")]
    con.close()
    backup = tmp_path / "cards.sqlite3.v2.bak"
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 2
    assert old.execute("SELECT simplified FROM notes").fetchall() == [("生态",)]
    old.close()


def test_failed_migration_leaves_previous_version(tmp_path):
    """A migration step that fails is rolled back: the file stays at the old version."""
    path = tmp_path / "cards.sqlite3"
    FlashcardStore(path).close()

    def broken(con):
        con.execute("ALTER TABLE notes ADD COLUMN x TEXT")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        open_database(path, (*MIGRATIONS, broken))
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "x" not in [r[1] for r in con.execute("PRAGMA table_info(notes)")]
    con.close()


_CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from reader.core.flashcards import FlashcardStore, NoteDraft
    from reader.core.flashcards.notes import SentenceDraft
    store = FlashcardStore(Path(sys.argv[1]))
    start = int(sys.argv[2])
    for i in range(start, start + 100000):
        sentence = SentenceDraft(f"第{i}句。" * 20, f"第{i}句。" * 20)
        store.add(NoteDraft(f"词{i}", f"詞{i}", meaning="m" * 200, sentence=sentence), "Kill")
        print(i, flush=True)
""")


@pytest.mark.slow
def test_killed_writer_loses_no_committed_note(tmp_path):
    """SIGKILL a process saving in a loop, three times: every note it reported is there."""
    path = tmp_path / "cards.sqlite3"
    committed: list[int] = []
    start = 0
    for round_, stop_after in enumerate((40, 73, 111)):
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path), str(start)],
                                 cwd=ROOT, stdout=subprocess.PIPE, text=True)
        seen = 0
        for line in child.stdout:
            committed.append(int(line))
            seen += 1
            if seen >= stop_after:
                break
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL, round_
        start = committed[-1] + 2  # leave a gap: the next round's words are all new
    store = FlashcardStore(path)
    assert store.notice == ""
    assert store.query("PRAGMA integrity_check")[0][0] == "ok"
    saved = {n.simplified for n in store.notes()}
    assert {f"词{i}" for i in committed} <= saved
    assert len(saved) - len(committed) <= 3  # at most one unreported commit per kill
    for note in store.notes():
        assert len(note.sentences) == 1
        assert store.query("SELECT COUNT(*) FROM cards WHERE note_id = ?", (note.id,))[0][0] == 1
    store.close()
