"""Issue 12 §2 and §7: a full disk and a read-only home give one line and lose nothing."""
from __future__ import annotations

import errno
import os

import pytest

from reader.core.services import Services
from tests.faults.conftest import error_lines, fill, run_fresh

GLOSSARY_ADD = ("glossary", "add", "{term}", "--category", "strategy", "--en", "x", "--zh", "解释")


_cli = run_fresh


def _glossary_add(term: str) -> tuple[int, str, str]:
    return _cli(*(a.format(term=term) for a in GLOSSARY_ADD))


def _seed(tmp_path, count: int = 3) -> list[str]:
    """Import `count` articles, add a glossary entry and a flashcard deck; returns the ids."""
    ids = []
    for i in range(count):
        source = tmp_path / f"a{i}.txt"
        source.write_text(f"第{i}篇文章\n腾讯云的产业互联网。\n", encoding="utf-8")
        status, out, _ = _cli("import", str(source))
        assert status == 0
        ids.append(out.strip())
    assert _glossary_add("保存过的词")[0] == 0
    return ids


def _all_there(ids: list[str]) -> None:
    status, out, err = _cli("library", "list")
    assert status == 0, err
    assert set(ids) <= {line.split("\t")[0] for line in out.splitlines()}
    assert "保存过的词" in _cli("glossary", "show", "保存过的词")[1]


def test_full_disk_library_list_moves_nothing(small_disk, tmp_path, monkeypatch):
    """`library list` on a full disk: one line at most, the index is not moved or emptied."""
    monkeypatch.setenv("READER_HOME", str(small_disk / "home"))
    ids = _seed(tmp_path)
    filler = fill(small_disk)
    status, out, err = _cli("library", "list")
    assert len(error_lines(err)) <= 1
    assert not list(small_disk.rglob("*.corrupt-*"))
    filler.unlink()
    _all_there(ids)


@pytest.mark.parametrize("action", ["import", "rename", "glossary add", "settings", "deck"])
def test_full_disk_each_write_is_one_line(small_disk, tmp_path, monkeypatch, action):
    """Import, rename, glossary add, settings and a flashcard save on a full disk: one line
    (or success), nothing saved before is lost."""
    monkeypatch.setenv("READER_HOME", str(small_disk / "home"))
    ids = _seed(tmp_path)
    new = tmp_path / "new.txt"
    new.write_text("新文章\n" + "内容。" * 2000 + "\n", encoding="utf-8")
    filler = fill(small_disk)
    if action == "settings":
        settings = Services().settings
        saved = settings.save()
        assert saved or len(settings.problem.splitlines()) == 1
        assert not saved and "could not be saved" in settings.problem
    else:
        argv = {"import": ("import", str(new)),
                "rename": ("library", "rename", ids[0], "新的标题"),
                "glossary add": tuple(a.format(term="新词") for a in GLOSSARY_ADD),
                "deck": ("glossary", "save", str(new))}[action]
        status, _, err = _cli(*argv)
        assert status == 0 or len(error_lines(err)) == 1, err
    filler.unlink()
    _all_there(ids)
    assert not list(small_disk.rglob("*.corrupt-*"))


def test_failed_fsync_loses_nothing(reader_home, tmp_path, monkeypatch):
    """Wherever a tmpfs cannot be mounted: writes that fail at fsync (ENOSPC) are one line
    and leave the previous file as it was (fault injected into os.fsync)."""
    ids = _seed(tmp_path, 1)
    path = reader_home / "data" / "glossary_user.toml"
    before = path.read_bytes()

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    new = tmp_path / "n.txt"
    new.write_text("另一篇\n正文。\n", encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", full)
        status, _, err = _glossary_add("不会保存")
        assert status != 0 and len(error_lines(err)) == 1 and "No space" in err
        status, _, err = _cli("import", str(new))
        assert status != 0 and len(error_lines(err)) == 1 and "disk is full" in err
    assert path.read_bytes() == before
    assert not list((reader_home / "data").rglob("*.tmp"))
    _all_there(ids)


def test_read_only_home_is_one_line_per_command(reader_home, tmp_path, readonly_view,
                                                 monkeypatch):
    """A read-only READER_HOME: every command prints one line (or works), never a traceback."""
    ids = _seed(tmp_path, 1)
    monkeypatch.setenv("READER_HOME", str(readonly_view(reader_home)))
    for argv in (("library", "list"), ("import", str(tmp_path / "a0.txt")),
                 tuple(a.format(term="只读") for a in GLOSSARY_ADD), ("deck", "list"),
                 ("library", "rename", ids[0], "新")):
        status, _, err = _cli(*argv)
        assert status == 0 or len(error_lines(err)) == 1, (argv, err)
    monkeypatch.setenv("READER_HOME", str(reader_home))
    _all_there(ids)
