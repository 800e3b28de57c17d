"""Issue 12 §7: the smaller items, one test each (one line, nothing saved is lost)."""
from __future__ import annotations

import os
import sqlite3
import zlib

import pytest

from reader.core import paths
from reader.core.services import Services
from reader.core.settings import Settings
from tests.faults.conftest import assert_one_line, cli, error_lines, run_fresh
from tests.test_translation_ui import open_reader  # noqa: F401 - the window fixture

TERMS_ROW = "term,category,en,zh\n"


def _import(tmp_path, text: str, name: str = "a.txt", *extra: str) -> str:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    status, out, err = run_fresh("import", str(source), *extra)
    assert status == 0, err
    return out.strip()


def test_mymemory_is_called_over_https():
    """MyMemory's endpoint is https (deep-translator's own default is plain http)."""
    from reader.core.translate import TranslationCache, Translator

    translator = Translator(TranslationCache(paths.data_dir() / "t.sqlite3"), None)
    assert translator.url("mymemory").startswith("https://")
    assert translator.url("google").startswith("https://")


@pytest.mark.slow
def test_switching_engine_asks_consent_again(qtbot, open_reader):  # noqa: F811
    """Agreeing for Google is not agreeing for MyMemory: the switch asks again."""
    window, feature, asked = open_reader()
    assert feature._may_go_online() and asked == ["google"]
    feature.set_engine("mymemory")
    assert asked == ["google", "mymemory"]
    feature.set_engine("google")
    assert asked == ["google", "mymemory"]  # already agreed to both


def test_translate_to_an_unknown_language_exits_2():
    """`translate --to xx` is bad input (status 2, one line), decided without going online."""
    status, _, err = run_fresh("translate", "你好", "--to", "xx")
    assert status == 2 and len(error_lines(err)) == 1


def test_csv_exports_cannot_start_formulas(tmp_path):
    """Glossary and flashcard CSV cells starting = + - @ get an apostrophe; our import
    takes it off again."""
    for term in ("=HYPERLINK(1)", "+1 战略", "@SUM(A1)", "-负号"):
        assert run_fresh("glossary", "add", "--category", "strategy", "--en", "=1+1",
                         "--zh", "解释", "--", term)[0] == 0
    out_csv = tmp_path / "g.csv"
    assert run_fresh("glossary", "export-user", str(out_csv))[0] == 0
    cells = [cell for line in out_csv.read_text(encoding="utf-8").splitlines()[1:]
             for cell in line.split(",")]
    assert all(not cell.lstrip('"').startswith(("=", "+", "@", "-")) for cell in cells)
    (paths.data_dir() / "glossary_user.toml").unlink()
    assert run_fresh("glossary", "import-user", str(out_csv))[0] == 0
    assert Services().glossary.match_word("@SUM(A1)").en == "=1+1"
    from reader.core.flashcards.export import csv_text
    from reader.core.flashcards.notes import NoteDraft
    from reader.core.flashcards.store import FlashcardStore

    store = FlashcardStore(tmp_path / "c.sqlite3")
    store.add(NoteDraft(simplified="词", traditional="詞", meaning="=cmd|' /C calc'!A0"), "d")
    assert "\t'=cmd" in csv_text(store.notes())


def test_export_to_stdout_and_never_over_a_symlink_or_fifo(tmp_path):
    """`-o -` writes to standard output; a symlink or FIFO target is refused in one line."""
    run_fresh("glossary", "add", "导出词", "--category", "strategy", "--en", "x", "--zh", "y")
    status, out, _ = run_fresh("glossary", "export-user", "-")
    assert status == 0 and out.startswith("term,") and "导出词" in out
    real = tmp_path / "real.csv"
    real.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (link, fifo):
        status, _, err = run_fresh("glossary", "export-user", str(target))
        assert status == 2 and len(error_lines(err)) == 1
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "keep me"
    assert fifo.is_fifo()


def test_deck_export_to_stdout(tmp_path):
    """`deck export NAME --format csv -o -` prints the deck; the count goes to stderr."""
    source = tmp_path / "t.txt"
    source.write_text("腾讯的To B业务和产业互联网。\n", encoding="utf-8")
    assert run_fresh("glossary", "save", str(source), "--deck", "D")[0] == 0
    status, out, err = run_fresh("deck", "export", "D", "--format", "csv", "-o", "-")
    assert status == 0 and out.startswith("#separator:tab") and "exported" in err


def test_nested_settings_json_is_treated_as_corrupt():
    """A settings.json nested 100k deep is set aside with a one-line notice, not a crash."""
    path = paths.data_dir() / "settings.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    settings = Settings(path)
    assert_one_line(settings.notice) and "nested too deeply" in settings.notice
    assert settings.get("view.font_size") == 18
    assert list(path.parent.glob("settings.json.corrupt-*"))
    status, _, err = run_fresh("library", "list")
    assert status == 0 and "Traceback" not in err


def test_library_folder_that_is_a_file(tmp_path):
    """`library/` being a file: import and list say so in one line; the file is untouched."""
    blocker = paths.data_dir() / "library"
    blocker.write_text("not a folder", encoding="utf-8")
    source = tmp_path / "a.txt"
    source.write_text("文章\n正文。\n", encoding="utf-8")
    for argv in (("library", "list"), ("import", str(source))):
        status, _, err = run_fresh(*argv)
        assert status != 0 and len(error_lines(err)) == 1 and "is a file" in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.slow
def test_four_processes_importing_the_same_file(reader_home, tmp_path):
    """4 processes import one file at once: one article, the others say it is a duplicate."""
    source = tmp_path / "same.txt"
    source.write_text("同一篇文章\n" + "正文。" * 500 + "\n", encoding="utf-8")
    import subprocess
    import sys

    from tests.faults.conftest import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT), READER_HOME=str(reader_home))
    runs = [subprocess.Popen([sys.executable, str(ROOT / "main.py"), "import", str(source)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(4)]
    results = [(p.returncode, out, err) for p in runs
               for out, err in [p.communicate(timeout=300)]]
    assert sum(status == 0 for status, _, _ in results) == 1
    for status, _, err in results:
        assert status == 0 or (len(error_lines(err)) == 1 and b"already in the library" in err)
    con = sqlite3.connect(reader_home / "data" / "library" / "library.sqlite3")
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    con.close()


def _pdf_bomb() -> bytes:
    """A one-page PDF whose 80 MB content stream compresses to ~80 KB."""
    stream = zlib.compress(b" " * 80_000_000, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
               + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_pdf_past_pypdf_decompression_limit(tmp_path):
    """A PDF stream over pypdf's decompression limit is refused in one line."""
    source = tmp_path / "bomb.pdf"
    source.write_bytes(_pdf_bomb())
    status, _, err = run_fresh("import", str(source))
    assert status == 2 and len(error_lines(err)) == 1 and "PDF" in err


def test_csv_field_over_128_kb(tmp_path):
    """A glossary CSV with a 200 KB field: one problem line; rows before it are imported."""
    source = tmp_path / "big.csv"
    source.write_text(TERMS_ROW + "前词,strategy,x,解释\n" + '大词,strategy,"' + "x" * 200_000
                      + '",解释\n', encoding="utf-8")
    status, out, err = run_fresh("glossary", "import-user", str(source))
    problems = [line for line in out.splitlines() if line.startswith("skipped:")]
    assert "Traceback" not in err and len(problems) == 1
    assert "field larger than field limit" in problems[0]
    assert Services().glossary.match_word("前词") is not None


def test_titles_lose_control_characters_and_escapes(tmp_path):
    """Terminal escapes, bidi overrides and control characters never reach a title."""
    article_id = _import(tmp_path, "正文。\n", "a.txt", "--title",
                         "\x1b[31m红色\x1b]0;pwned\x07标题\u202e\x08")
    title = Services().library.get(article_id)[0].title
    assert title == "红色标题"
    status, out, _ = run_fresh("library", "rename", article_id, "新\x1b[2J标题\r")
    assert status == 0 and Services().library.get(article_id)[0].title == "新标题"


def test_library_remove_needs_the_full_id(tmp_path):
    """A prefix of an id is refused by `library remove`; the article stays."""
    article_id = _import(tmp_path, "要保留的文章\n正文。\n")
    status, _, err = run_fresh("library", "remove", article_id[:6])
    assert status == 2 and len(error_lines(err)) == 1 and "full id" in err
    assert Services().library.get_exact(article_id) is not None
    assert run_fresh("library", "remove", article_id)[0] == 0


def test_start_up_clean_up_of_killed_imports(tmp_path):
    """Orphan .txt/.tmp files go and rows without a text file are dropped, with a notice."""
    keep = _import(tmp_path, "留下\n正文。\n", "k.txt")
    lost = _import(tmp_path, "丢失的文章\n正文。\n", "l.txt")
    folder = paths.data_dir() / "library"
    (folder / f"{lost}.txt").unlink()
    (folder / "lib-deadbeef.txt").write_text("killed import", encoding="utf-8")
    (folder / ".lib-feedface.txt.abc123.tmp").write_text("half", encoding="utf-8")
    status, out, err = run_fresh("library", "list")
    assert status == 0 and keep in out and lost not in out
    notices = [line for line in err.splitlines() if line.startswith("notice:")]
    assert len(notices) == 1 and "丢失的文章" in notices[0]
    assert not (folder / "lib-deadbeef.txt").exists()
    assert not list(folder.glob("*.tmp"))
    assert Services().library.get_exact(keep) is not None


def test_glossary_save_with_nothing_creates_no_deck(tmp_path):
    """`glossary save` of a text without glossary terms adds nothing, not even a deck."""
    source = tmp_path / "plain.txt"
    source.write_text("今天天气很好。\n", encoding="utf-8")
    status, out, _ = run_fresh("glossary", "save", str(source), "--deck", "空")
    assert status == 0 and out.startswith("0 added")
    assert "空" not in run_fresh("deck", "list")[1]


def test_cli_prints_the_moved_aside_notice(tmp_path):
    """A damaged library index: the CLI says where it went, once."""
    article_id = _import(tmp_path, "文章\n正文。\n")
    db = paths.data_dir() / "library" / "library.sqlite3"
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    db.write_bytes(b"garbage" * 1000)
    status, out, err = run_fresh("library", "list")
    assert status == 0 and article_id in out
    assert "notice:" in err and ".corrupt-" in err
    assert "notice:" not in run_fresh("library", "list")[2]


def test_max_mb_must_be_positive_and_mb_is_one_unit(tmp_path):
    """import.max_mb <= 0 is refused; 1 MB is 1,000,000 bytes in the limit and the message."""
    settings = Services().settings
    with pytest.raises(ValueError):
        settings.set("import.max_mb", 0)
    settings.set("import.max_mb", 1)
    exact = tmp_path / "exact.txt"
    exact.write_bytes(("文" * 333_333 + "\n").encode("utf-8"))  # 1,000,000 bytes
    assert run_fresh("import", str(exact))[0] == 0
    over = tmp_path / "over.txt"
    over.write_bytes(("字" * 500_000 + "\n").encode("utf-8"))  # 1,500,001 bytes
    status, _, err = run_fresh("import", str(over))
    assert status == 2 and "over the 1 MB import limit" in err
    settings.path.write_text('{"import.max_mb": -5}', encoding="utf-8")
    assert Settings(settings.path).get("import.max_mb") == 100


def test_one_line_for_a_real_process_with_a_bad_home(tmp_path):
    """A real process with READER_HOME pointing at a file prints one line, no traceback."""
    home = tmp_path / "home-is-a-file"
    home.write_text("x", encoding="utf-8")
    done = cli("library", "list", home=home)
    assert done.returncode != 0 and len(error_lines(done.stderr)) == 1
