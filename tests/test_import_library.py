"""The lasting library: search in both scripts, restart, rename, remove, positions, safety."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from reader.core.library.store import SCHEMA_VERSION
from reader.core.paths import corpus_dir
from reader.core.services import Services


@pytest.fixture
def fresh():
    return Services()


def _corpus_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(corpus_dir().iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def test_search_finds_both_scripts(fresh):
    """Searching 腾讯 finds 騰訊 in the Traditional bundled article and in an imported
    Traditional text, and 騰訊雲 finds 腾讯云; each hit shows the matching line."""
    imported = fresh.library.import_text("標題\n\n第一段。\n騰訊雲的營收增長很快。\n第三段。\n")
    hits = {hit.id: hit for hit in fresh.library.search("腾讯云的营收")}
    assert list(hits) == [imported.id]
    assert hits[imported.id].line == "騰訊雲的營收增長很快。"
    assert hits[imported.id].offset == len("標題\n\n第一段。\n")
    ids = [hit.id for hit in fresh.library.search("腾讯")]
    assert "caijing-2020-to-b-two-years" in ids and imported.id in ids
    simplified_query = [hit.id for hit in fresh.library.search("腾讯云")]
    traditional_query = [hit.id for hit in fresh.library.search("騰訊雲")]
    assert simplified_query == traditional_query and imported.id in simplified_query


def test_search_title_and_case(fresh):
    """Titles are searched too, and Latin text case-insensitively; the line is cut to a
    window around the match in a long paragraph."""
    info = fresh.library.import_text("普通文本。\n" + "甲" * 200 + "Tencent Cloud" + "乙" * 200,
                                     title="我的独特标题")
    title_hits = fresh.library.search("独特标题")
    assert [(h.id, h.in_title, h.offset) for h in title_hits] == [(info.id, True, -1)]
    hit = next(h for h in fresh.library.search("tencent cloud") if h.id == info.id)
    assert "Tencent Cloud" in hit.line
    assert hit.line.startswith("…") and hit.line.endswith("…") and len(hit.line) < 120
    assert fresh.library.search("   ") == []


def test_restart_keeps_library(tmp_path):
    """A new Services over the same READER_HOME lists, opens and searches the imports,
    with their metadata, titles given by rename, and reading positions."""
    path = tmp_path / "article.txt"
    path.write_bytes("騰訊的新戰略\n騰訊宣布成立雲與智慧產業事業群，研發量子書籤。\n".encode("big5"))
    first = Services()
    info = first.library.import_file(path)
    first.library.rename(info.id, "改过的标题")
    first.library.rename("36kr-2019-81-trials", "八十一难")
    first.library.set_position(info.id, 7)
    again = Services()
    listed = {a.id: a for a in again.library.list()}
    assert listed[info.id].title == "改过的标题"
    assert listed["36kr-2019-81-trials"].title == "八十一难"
    assert listed[info.id].extra["encoding"] == "big5"
    assert listed[info.id].extra["position"] == 7
    assert again.library.get(info.id)[1] == "騰訊的新戰略\n騰訊宣布成立雲與智慧產業事業群，研發量子書籤。\n"
    assert again.library.position(info.id) == 7
    assert [h.id for h in again.library.search("量子书签")] == [info.id]


def test_remove_deletes_file_and_search_entry(fresh):
    """Removing an import deletes its text file, its index row and its search entry."""
    info = fresh.library.import_text("一篇要删除的文章。\n")
    path = fresh.library.store.text_path(info.id)
    assert path.exists()
    fresh.library.remove(info.id)
    assert not path.exists()
    assert fresh.library.get(info.id) is None
    assert fresh.library.search("要删除的文章") == []
    assert info.id not in [a.id for a in fresh.library.list()]


def test_positions_and_progress(fresh):
    """Positions are clamped to the text and give progress from 0 to 1, bundled articles
    included."""
    info = fresh.library.import_text("一二三四五六七八九十\n")
    assert fresh.library.progress(info.id) == 0.0
    fresh.library.set_position(info.id, 5)
    assert fresh.library.progress(info.id) == pytest.approx(5 / 11)
    fresh.library.set_position(info.id, 10_000)
    assert fresh.library.progress(info.id) == 1.0
    fresh.library.set_position("caijing-2020-to-b-two-years", 100)
    listed = {a.id: a for a in fresh.library.list()}
    assert listed["caijing-2020-to-b-two-years"].extra["position"] == 100
    assert 0 < listed["caijing-2020-to-b-two-years"].extra["progress"] < 0.1


def test_imported_ids_open_by_prefix(fresh):
    """An imported article opens by its id or a unique prefix of it."""
    info = fresh.library.import_text("前缀测试的文章。\n")
    assert fresh.library.get(info.id[:8])[0].id == info.id


def test_nothing_written_into_corpus(fresh, tmp_path):
    """Imports, renames of bundled articles and positions never touch corpus/."""
    before = _corpus_digest()
    path = tmp_path / "x.txt"
    path.write_text("腾讯。\n", encoding="utf-8")
    fresh.library.import_file(path)
    fresh.library.rename("caijing-2020-to-b-two-years", "新标题")
    fresh.library.set_position("caijing-2020-to-b-two-years", 5)
    assert _corpus_digest() == before
    assert fresh.library.store.folder.is_relative_to(fresh.library.store.folder.parents[1])
    assert not fresh.library.store.folder.is_relative_to(corpus_dir())


def test_damaged_index_is_rebuilt_from_files(fresh):
    """A corrupt index is moved aside and rebuilt from the article files, with a notice;
    the imported text is still listed, opened and found."""
    info = fresh.library.import_text("重建测试\n腾讯的量子书签。\n")
    db = fresh.library.store.db_path
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    again = Services()
    assert [a.id for a in again.library.list()][-1] == info.id
    assert again.library.get(info.id)[1] == "重建测试\n腾讯的量子书签。\n"
    assert "rebuilt" in again.library.store.notice
    assert [h.id for h in again.library.search("量子书签")] == [info.id]
    assert list(db.parent.glob("library.sqlite3.corrupt-*"))


def test_schema_is_versioned(fresh):
    """The index records its schema version and uses WAL."""
    fresh.library.import_text("版本。\n")
    con = sqlite3.connect(fresh.library.store.db_path)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


def test_progress_callback(fresh, tmp_path):
    """Importing reports progress in order, from 0 to 1, with a stage name each time."""
    path = tmp_path / "long.txt"
    path.write_text("腾讯进入企业服务市场，产业互联网是长期的事情。\n" * 20_000, encoding="utf-8")
    seen = []
    fresh.library.import_file(path, progress=lambda f, stage: seen.append((f, stage)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(stage for _, stage in seen)



def test_an_index_from_the_previous_version_gains_web_pages_and_keeps_articles():
    """A version-1 index (made before web pages were kept) opens, keeps its articles, and
    gains the web_pages table (it used to make every library listing fail)."""
    imported = Services().library.import_text("旧标题\n\n正文第一段。\n")
    db_path = Services().library.store.db_path
    con = sqlite3.connect(db_path)
    con.execute("DROP TABLE web_pages")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    library = Services().library
    assert imported.id in [info.id for info in library.list()]
    assert library.store.web_pages() == {}
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 2
    con.close()
