"""`import` and `library list|search|rename|remove` on the command line."""
from __future__ import annotations

import io
import json
import sys

import pytest

from reader.cli import run


@pytest.fixture
def cli(services, capsys):
    """Run a command over this test's own library, reusing the loaded engines."""
    fresh = services

    def _run(*argv: str, stdin: bytes | None = None):
        old = sys.stdin
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        try:
            status = run(list(argv), fresh)
        finally:
            sys.stdin = old
        out, err = capsys.readouterr()
        return status, out, err

    return _run


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_import_prints_ids_and_annotate_reads_them(cli, tmp_path):
    """import FILE FILE prints one new id per line; annotate --article ID reads each."""
    a = _write(tmp_path, "a.txt", "腾讯云的第一年\n腾讯进入企业服务市场。\n", "gb18030")
    b = _write(tmp_path, "b.txt", "騰訊雲\n湯道生說，產業互聯網是長期的事。\n", "big5")
    status, out, err = cli("import", a, b)
    assert status == 0, err
    ids = out.split()
    assert len(ids) == 2 and all(i.startswith("lib-") for i in ids)
    assert "gb18030" in err and "big5" in err
    status, out, _ = cli("annotate", "--article", ids[1], "--json")
    assert status == 0
    document = json.loads(out)
    assert document["script"] == "traditional"
    assert document["text"] == "騰訊雲\n湯道生說，產業互聯網是長期的事。\n"
    assert any(t["text"] == "長期" and t["pinyin"] == "cháng qī" for t in document["tokens"])
    status, out, _ = cli("library", "list", "--json")
    listed = {a["id"]: a for a in json.loads(out)}
    assert listed[ids[0]]["encoding"] == "gb18030"
    assert listed[ids[0]]["title"] == "腾讯云的第一年"
    assert listed[ids[0]]["source"] == "imported"


def test_import_title_and_stdin(cli, tmp_path):
    """--title names the article; - imports standard input as a pasted text."""
    a = _write(tmp_path, "a.txt", "第一行\n内容。\n")
    status, out, _ = cli("import", a, "--title", "我的标题")
    assert status == 0
    status, listing, _ = cli("library", "list")
    assert f"{out.strip()}\t我的标题\t" in listing
    status, out, err = cli("import", "-", "--title", "粘贴", stdin="粘贴的文字。\n".encode())
    assert status == 0, err
    status, listing, _ = cli("library", "list", "--json")
    entry = next(a for a in json.loads(listing) if a["id"] == out.strip())
    assert entry["title"] == "粘贴" and entry["source_file"] == "pasted"


def test_import_bad_input(cli, tmp_path):
    """A bad file among good ones: the good one is imported and printed; exit 2 with one
    line on stderr per bad file, no traceback."""
    good = _write(tmp_path, "good.txt", "好的文章。\n")
    empty = _write(tmp_path, "empty.txt", "")
    status, out, err = cli("import", good, empty)
    assert status == 2
    assert len(out.split()) == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {empty}: {tmp_path / 'empty.txt'} is empty".replace(
        f"{tmp_path / 'empty.txt'} is", "empty.txt is")]
    assert "Traceback" not in err
    status, _, err = cli("import", good, good, "--title", "x")
    assert status == 2 and err.count("\n") == 1 and "one file" in err


def test_duplicate_on_the_command_line(cli, tmp_path):
    """Importing the same file again fails with a hint; --keep-both adds a copy and
    --replace keeps the old id."""
    a = _write(tmp_path, "a.txt", "重复的文章。\n")
    _, first, _ = cli("import", a)
    status, out, err = cli("import", a)
    assert status == 2 and out == ""
    assert "already in the library" in err and "--replace" in err
    _, kept, _ = cli("import", a, "--keep-both")
    assert kept.strip() != first.strip()
    _, replaced, _ = cli("import", a, "--replace")
    assert replaced.strip() == first.strip()


def test_library_search_rename_remove(cli, tmp_path):
    """search prints id, title and matching line (either script); rename retitles; remove
    deletes imports only, with exit 2 for a bundled or unknown id."""
    a = _write(tmp_path, "a.txt", "標題\n騰訊會議的用戶很多。\n")
    _, out, _ = cli("import", a)
    article_id = out.strip()
    status, out, _ = cli("library", "search", "腾讯会议的用户")
    assert status == 0
    assert out == f"{article_id}\t標題\t騰訊會議的用戶很多。\n"
    status, out, _ = cli("library", "rename", article_id, "新标题")
    assert status == 0 and out == f"{article_id}\t新标题\n"
    status, _, err = cli("library", "remove", "caijing-2020-to-b-two-years")
    assert status == 2 and "bundled" in err and err.count("\n") == 1
    status, _, err = cli("library", "remove", "no-such-id")
    assert status == 2 and "no article" in err
    status, out, _ = cli("library", "remove", article_id)
    assert status == 0 and out == f"removed {article_id}\n"
    status, out, err = cli("library", "search", "腾讯会议的用户")
    assert status == 0 and out == "" and "no article contains" in err
    status, _, err = cli("annotate", "--article", article_id)
    assert status == 2 and "no article" in err
