"""Issue 12 §1: the user glossary and people files under concurrent, outside and bad edits."""
from __future__ import annotations

import pytest

from reader.core import paths
from reader.core.glossary.store import USER_FILE, Glossary, GlossaryError
from reader.core.people.layer import People
from reader.core.people.user_file import USER_FILE as PEOPLE_FILE
from reader.core.userfile import UserFileError
from tests.faults.conftest import assert_one_line, report, worker

FIELDS = {"category": "strategy", "en": "a meaning", "zh": "解释"}


def _glossary() -> Glossary:
    return Glossary(paths.assets_dir() / "glossary.toml", paths.data_dir() / USER_FILE)


def _people() -> People:
    return People(paths.assets_dir() / "people.toml", paths.data_dir() / PEOPLE_FILE)


@pytest.mark.slow
def test_two_processes_adding_200_entries_each_keep_all_400(reader_home):
    """Two processes each run `glossary add` 200 times: all 400 reported saves are in the file."""
    workers = [worker(reader_home, "glossary-add", "200", prefix) for prefix in ("A", "B")]
    saved = sum(report(w)["saved"] for w in workers)
    terms = {e.term for e in _glossary().user_entries()}
    assert saved == 400
    assert {f"{p} term {i}" for p in "AB" for i in range(200)} <= terms


def test_a_bad_entry_is_carried_through_verbatim(reader_home):
    """An entry with a typo or a wrong type survives the next add, byte for byte."""
    path = paths.data_dir() / USER_FILE
    typo = '[[term]]\nterm = "坏条目"\ncategory = "no such category"\nen = "x"\nzh = "y"\n\n'
    broken = '[[term]]\nterm = "断了\nen = 3\n\n'
    path.write_text("# my notes, kept\n\n" + typo + broken, encoding="utf-8")
    glossary = _glossary()
    assert len(glossary.problems) == 2
    glossary.save_entry({"term": "新词", **FIELDS})
    text = path.read_text(encoding="utf-8")
    assert typo in text and broken in text and text.startswith("# my notes, kept\n")
    assert _glossary().get(glossary.match_word("新词").id) is not None


def test_a_non_utf8_file_is_never_overwritten(reader_home):
    """A file saved as GBK: the add refuses with one line naming file and line, after a copy."""
    path = paths.data_dir() / USER_FILE
    data = ('[[term]]\nterm = "好"\ncategory = "strategy"\nen = "x"\nzh = "中文"\n'
            ).encode("gbk")
    path.write_bytes(data)
    glossary = _glossary()
    with pytest.raises(GlossaryError) as caught:
        glossary.save_entry({"term": "新词", **FIELDS})
    message = str(caught.value)
    assert_one_line(message)
    assert f"{USER_FILE}:2:" in message  # the first bad byte is on line 2
    assert path.read_bytes() == data
    assert path.with_name(USER_FILE + ".unreadable.bak").read_bytes() == data


def test_an_open_window_merges_outside_edits(reader_home):
    """Entries added by another process while a Glossary is open survive its next edit."""
    window = _glossary()
    window.save_entry({"term": "窗口词", **FIELDS})
    outside = _glossary()  # e.g. the CLI, or a hand edit
    outside.save_entry({"term": "外部词", **FIELDS})
    window.save_entry({"term": "窗口词二", **FIELDS})
    terms = {e.term for e in _glossary().user_entries()}
    assert {"窗口词", "外部词", "窗口词二"} <= terms
    assert window.match_word("外部词") is not None  # the window now sees it too


def test_each_write_keeps_the_previous_version_as_bak(reader_home):
    """After an edit, `<file>.bak` holds exactly the file as it was before."""
    path = paths.data_dir() / USER_FILE
    glossary = _glossary()
    glossary.save_entry({"term": "一", **FIELDS})
    before = path.read_bytes()
    glossary.save_entry({"term": "二", **FIELDS})
    assert path.with_name(USER_FILE + ".bak").read_bytes() == before


def test_people_file_bad_block_kept_and_outside_edit_merged(reader_home):
    """A malformed person block is kept verbatim; a person added elsewhere is not lost."""
    path = paths.data_dir() / PEOPLE_FILE
    bad = '[[person]]\nid = "user:坏"\nname = 5\n\n'
    path.write_text('not_person = ["白羽"]\n\n' + bad, encoding="utf-8")
    window = _people()
    _people().add_person("王小明")
    window.add_person("李大伟")
    text = path.read_text(encoding="utf-8")
    assert bad in text and "王小明" in text and "李大伟" in text
    assert "白羽" in _people().user.not_person


def test_people_file_not_utf8_refused(reader_home):
    """An unreadable people file is left as it is; the correction fails with one line."""
    path = paths.data_dir() / PEOPLE_FILE
    data = 'not_person = ["白羽"]\n'.encode("gbk")
    path.write_bytes(data)
    with pytest.raises(UserFileError) as caught:
        _people().mark_not_person("张三丰")
    assert_one_line(str(caught.value))
    assert f"{PEOPLE_FILE}:1:" in str(caught.value)
    assert path.read_bytes() == data


def test_the_window_reloads_when_the_file_changes_outside(qtbot, reader_home):
    """A watcher on the user file reloads an open glossary after an outside edit, and not
    after the app's own writes."""
    from PySide6.QtCore import QObject

    from reader.ui.file_watch import UserFileWatcher

    window = _glossary()
    window.save_entry({"term": "窗口的词", **FIELDS})
    reloads = []

    def reload() -> None:
        reloads.append(1)
        window.reload()

    owner = QObject()
    watcher = UserFileWatcher(owner, window.user_path, lambda: window.file_stamp, reload)
    assert not watcher.check()  # our own write: nothing to do
    _glossary().save_entry({"term": "外面加的词", **FIELDS})
    qtbot.waitUntil(lambda: window.match_word("外面加的词") is not None, timeout=10_000)
    assert reloads and window.match_word("窗口的词") is not None
