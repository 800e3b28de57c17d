"""Word statuses, HSK levels, coverage and bulk sources (reader.core.study), on real files."""
from __future__ import annotations

import sqlite3

import pytest
from fsrs import Rating

from reader.core.flashcards import FlashcardStore, NoteDraft, Reviewer
from reader.core.study import (
    ArticleWords,
    Hsk,
    HskError,
    Status,
    Study,
    StudyError,
    WordFileError,
    WordStatusStore,
    coverage,
    profile,
)
from reader.core.study.sources import read_word_file


@pytest.fixture(scope="module")
def hsk():
    return Hsk()


def test_statuses_persist_across_restart(tmp_path):
    """A status written by one store is read back by a new one over the same file."""
    path = tmp_path / "words.sqlite3"
    store = WordStatusStore(path)
    assert store.set(["生态", "赛道"], Status.KNOWN) == 2
    store.set(["闭环"], Status.LEARNING)
    store.set(["马化腾"], Status.IGNORED)
    store.close()
    again = WordStatusStore(path)
    assert again.snapshot() == {"生态": Status.KNOWN, "赛道": Status.KNOWN,
                                "闭环": Status.LEARNING, "马化腾": Status.IGNORED}
    assert again.remove(["赛道"]) == 1 and again.status("赛道") is Status.NEW
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1


def test_traditional_form_marks_the_simplified_key(tmp_path):
    """Marking 騰訊 known marks 腾讯: statuses are keyed by the Simplified form."""
    store = WordStatusStore(tmp_path / "w.sqlite3")
    store.set(["騰訊"], Status.KNOWN)
    assert store.snapshot() == {"腾讯": Status.KNOWN}
    assert store.status("腾讯") is Status.KNOWN and store.status("騰訊") is Status.KNOWN


def test_another_connection_is_seen(tmp_path):
    """A change written by another process (another store on the file) shows on refresh."""
    path = tmp_path / "w.sqlite3"
    window, cli = WordStatusStore(path), WordStatusStore(path)
    seen = []
    window.add_listener(seen.append)
    cli.set(["产业"], Status.KNOWN)
    assert window.snapshot().get("产业") is Status.KNOWN
    window.set(["产业"], Status.LEARNING)
    assert seen == [frozenset({"产业"})]
    assert cli.snapshot()["产业"] is Status.LEARNING


def test_damaged_database_is_moved_aside_with_notice(tmp_path):
    """A file that is not a database is set aside (kept) and a fresh store opens."""
    path = tmp_path / "words.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    study = Study(path)
    assert "moved to" in study.take_notice() and study.store.snapshot() == {}
    assert study.take_notice() == ""  # shown once
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not sqlite")


def test_locked_database_is_an_error_never_moved(tmp_path, monkeypatch):
    """A database locked by another writer is reported, and the file stays where it is."""
    from reader.core import sqlite_safe

    monkeypatch.setattr(sqlite_safe, "OPEN_DEADLINE_S", 0.3)  # no 15 s of retries in a test
    monkeypatch.setattr(sqlite_safe, "BUSY_TIMEOUT_S", 0.1)
    path = tmp_path / "words.sqlite3"
    WordStatusStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StudyError, match="in use by another Reader"):
            WordStatusStore(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert path.exists() and not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert WordStatusStore(path).snapshot() == {}


def test_hsk_levels(hsk):
    """的 is HSK 1 in both versions; 产业 is HSK 3.0 level 5 and HSK 2.0 level 6."""
    assert hsk.level("的") == 1 and hsk.level("的", "2.0") == 1
    assert hsk.level("产业") == 5 and hsk.level("产业", "2.0") == 6
    assert hsk.level("一下") == hsk.level("一下儿") == 1  # erhua variant found either way
    assert hsk.level("腾讯") is None
    assert "产业" in hsk.up_to(5) and "产业" not in hsk.up_to(4)
    with pytest.raises(HskError, match="unknown HSK 3.0 level"):
        hsk.up_to(10)
    with pytest.raises(HskError, match="unknown HSK 2.0 level"):
        hsk.up_to(7, "2.0")
    with pytest.raises(HskError, match="unknown HSK standard"):
        hsk.up_to(1, "4.0")


def test_mark_level_never_lowers_or_unignores(tmp_path, hsk):
    """HSK 1–6 marked known: ~5,000 words; an ignored word stays ignored."""
    study = Study(tmp_path / "w.sqlite3", hsk=hsk)
    study.store.set(["的"], Status.IGNORED)
    changed = study.mark_level(6)
    expected = len(hsk.up_to(6)) - 1
    assert changed == expected and 4000 < changed < 6000
    snap = study.store.snapshot()
    assert snap["的"] is Status.IGNORED and snap["产业"] is Status.KNOWN
    assert study.mark_level(6) == 0


def test_coverage_worked_by_hand(tmp_path, annotator, hsk):
    """我喜欢学习中文。我喜欢马化腾。他有3只猫。 — the words are 我 喜欢 学习 中文 我 喜欢
    (name 马化腾 excluded) 他 有 (number 3 excluded) 只 猫: 10 running words. Known: 我 ×2,
    喜欢 ×2, 学习, 他 = 6 → 60 %; ignoring 猫 leaves 9 running, 6 known → 66.7 %."""
    document = annotator.annotate("我喜欢学习中文。我喜欢马化腾。他有3只猫。")
    words = ArticleWords.of(document)
    assert words.counts == {"我": 2, "喜欢": 2, "学习": 1, "中文": 1, "他": 1, "有": 1,
                            "只": 1, "猫": 1}
    assert words.excluded["names"] == 1 and words.excluded["numbers"] == 1
    statuses = {"我": Status.KNOWN, "喜欢": Status.KNOWN, "学习": Status.KNOWN,
                "他": Status.KNOWN, "有": Status.LEARNING}
    result = coverage(words, statuses)
    assert (result.running, result.known) == (10, 6) and result.percent == 60.0
    assert set(result.unknown) == {"中文", "有", "只", "猫"}
    statuses["猫"] = Status.IGNORED
    result = coverage(words, statuses)
    assert (result.running, result.known, result.ignored) == (9, 6, 1)
    assert result.percent == 66.7
    prof = profile(words, hsk)
    # HSK 1: 我 喜欢 学习 中文 他 有 (8 running); HSK 2: 只 猫 (2): 80 % at 1, 100 % at 2
    assert (prof.histogram["1"], prof.histogram["2"], prof.level) == (6, 2, 2)


def test_words_made_of_known_words_count_as_known(annotator, hsk):
    """一个 (not in the HSK word list) is known once 一 and 个 are; a listed word is not derived."""
    document = annotator.annotate("一个东西")
    words = ArticleWords.of(document)
    statuses = {"一": Status.KNOWN, "个": Status.KNOWN, "东": Status.KNOWN, "西": Status.KNOWN}
    result = coverage(words, statuses, listed=hsk.words())
    assert "一个" not in result.unknown and "东西" in result.unknown


def test_unknown_words_ordered_by_article_then_general_frequency(annotator):
    """Most frequent in the article first; ties broken by general frequency."""
    document = annotator.annotate("赛道赛道闭环生态。")
    words = ArticleWords.of(document)
    general = {"生态": 100, "闭环": 5}
    assert coverage(words, {}, general).unknown == ("赛道", "生态", "闭环")


def _write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def test_import_each_list_format(tmp_path):
    """Plain list (either script), Anki .txt with headers and HTML, CSV, Pleco export."""
    plain = read_word_file(_write(tmp_path / "list.txt", "生态\n騰訊\n\n  赛道 \n"))
    assert plain.format == "list" and plain.words == ["生态", "騰訊", "赛道"]
    anki = read_word_file(_write(tmp_path / "anki.txt",
                                 "#separator:tab\n#html:true\nshēngtài\t<b>生态</b>\tecology\n"
                                 "bìhuán\t闭环\tclosed loop\n"), field=2)
    assert anki.format == "anki" and anki.words == ["生态", "闭环"]
    csv_file = read_word_file(_write(tmp_path / "deck.csv", '"产业","chǎnyè","industry, sector"\n'
                                     '"赛道","sàidào","race track"\n'))
    assert csv_file.format == "csv" and csv_file.words == ["产业", "赛道"]
    pleco = read_word_file(_write(tmp_path / "pleco.txt",
                                  "//HSK\n腾讯[騰訊]\tteng2xun4\tTencent\n生态\tsheng1tai4\tecology\n"))
    assert pleco.format == "pleco" and pleco.words == ["腾讯", "生态"]


def test_import_counts_words_and_keys_them_simplified(tmp_path):
    """Importing a Traditional list stores Simplified keys, as known."""
    study = Study(tmp_path / "w.sqlite3")
    found, changed = study.import_file(_write(tmp_path / "l.txt", "騰訊\n產業\n"))
    assert changed == 2 and study.store.snapshot() == {"腾讯": Status.KNOWN, "产业": Status.KNOWN}
    assert found.skipped == 0


def test_bad_list_files_raise_one_line(tmp_path):
    """Empty, binary and wordless files, and a field past the last, are clear errors."""
    with pytest.raises(WordFileError, match="empty"):
        read_word_file(_write(tmp_path / "empty.txt", ""))
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 20)
    with pytest.raises(WordFileError):
        read_word_file(tmp_path / "bin.txt")
    with pytest.raises(WordFileError, match="no Chinese words"):
        read_word_file(_write(tmp_path / "latin.txt", "hello\nworld\n"))
    with pytest.raises(WordFileError, match="field 5"):
        read_word_file(_write(tmp_path / "a.txt", "生态\tshengtai\n"), field=5)


def test_flashcard_stability_gives_status(tmp_path):
    """Stability ≥ 21 days → known; a card being learned or not yet reviewed → learning."""
    from datetime import UTC, datetime

    cards = FlashcardStore(tmp_path / "f.sqlite3")
    notes = [r.note for r in cards.add_many([NoteDraft(w, w) for w in ("生态", "赛道", "闭环")], "d")]
    reviewer = Reviewer(cards)
    now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    card = reviewer.rate(notes[0].id, Rating.Easy, now=now)
    for _ in range(10):
        if card.stability >= 21:
            break
        now = card.due
        card = reviewer.rate(notes[0].id, Rating.Easy, now=now)
    assert card.stability >= 21
    reviewer.rate(notes[1].id, Rating.Again, now=now)
    study = Study(tmp_path / "w.sqlite3")
    changes = study.sync_flashcards(cards)
    assert changes == {Status.KNOWN: 1, Status.LEARNING: 2}
    assert study.store.snapshot() == {"生态": Status.KNOWN, "赛道": Status.LEARNING,
                                      "闭环": Status.LEARNING}


def test_library_difficulty_counts_are_cached_and_rescored(tmp_path, annotator):
    """Counts come from the annotation once, then from the cache file; coverage follows the
    statuses without annotating again."""
    from reader.core.study.library import CountsCache, LibraryDifficulty

    study = Study(tmp_path / "w.sqlite3")
    text = "我喜欢学习中文。我喜欢马化腾。他有3只猫。"
    first = LibraryDifficulty(CountsCache(tmp_path / "counts.sqlite3"), lambda: annotator, study)
    counts, level = first.counts("a1", text)
    assert counts["我"] == 2 and "马化腾" not in counts and level == 2
    assert first.score("a1").coverage == 0.0 and first.score("a1").unknown == 8

    def no_annotation():
        raise AssertionError("the cache should have answered")

    again = LibraryDifficulty(CountsCache(tmp_path / "counts.sqlite3"), no_annotation, study)
    assert again.counts("a1", text) == (counts, level)
    study.store.set(["我", "喜欢"], Status.KNOWN)
    assert again.score_all()["a1"].coverage == 40.0 and again.score("a1").unknown == 6
    with pytest.raises(AssertionError):  # the text changed: counted afresh
        again.counts("a2", text + "新的")


def test_statuses_imported_from_anki_are_adopted(tmp_path):
    """The Anki import's table (anki_word_status) becomes statuses, never lowering one."""
    from reader.core.anki.records import save_word_statuses

    cards = FlashcardStore(tmp_path / "f.sqlite3")
    save_word_statuses(cards, {"生态": "known", "赛道": "learning", "产业": "learning"}, 1.0)
    study = Study(tmp_path / "w.sqlite3")
    study.store.set(["产业"], Status.KNOWN)
    assert study.adopt_anki(cards) == {Status.KNOWN: 1, Status.LEARNING: 1}
    assert study.store.snapshot() == {"生态": Status.KNOWN, "赛道": Status.LEARNING,
                                      "产业": Status.KNOWN}


def test_article_rows_are_kept_until_the_statuses_change(tmp_path, annotator, hsk):
    """Rows counted once (on a worker) are reused; a status set since then makes the article
    stale, and re-reading the statuses drops the word from the rows."""
    from reader.core.study.session import ArticleStudy

    study = Study(tmp_path / "w.sqlite3", hsk=hsk)
    article = ArticleStudy(annotator.annotate("赛道赛道闭环生态。"), study)
    assert {r.word for r in article.rows()} == {"赛道", "闭环", "生态"}
    assert article.rows() == article.rows() and not article.stale()
    study.store.set(["赛道"], Status.KNOWN)
    assert article.stale()
    assert "赛道" in {r.word for r in article.rows()}  # not re-read yet
    article.statuses_changed(None)
    assert not article.stale()
    assert {r.word for r in article.rows()} == {"闭环", "生态"}
