"""The reader's corrections: one word, split, reading; global and per-article; the files,
their lock and CSV; the `correct` command; the annotator applying them."""
from __future__ import annotations

import json

import pytest

from reader.core.corrections.rules import CorrectionError
from reader.core.corrections.store import FOLDER, Corrections
from reader.core.paths import data_dir

TEXT = "他是银行行长。"


@pytest.fixture
def corrected(services):
    """Fresh services whose annotator applies this test's corrections."""
    return services.corrections, services.annotator


def words(document):
    return [t.text for t in document.tokens() if t.is_word]


def test_split_merge_and_reading_change_the_annotation(corrected):
    """Each kind of correction changes the next annotation, and only where it applies."""
    corrections, annotator = corrected
    assert "银行行长" in words(annotator.annotate(TEXT))
    corrections.add("split", "银行行长", "银行 行长")
    corrections.add("reading", "行长", "xíng zhǎng")
    corrections.add("word", "是银")
    document = annotator.annotate(TEXT)
    assert words(document) == ["他", "是银", "行", "行长"]
    reading = {t.text: t.pinyin_numbers for t in document.tokens()}
    assert reading["行长"] == "xing2 zhang3"
    corrections.remove("是银")
    assert words(annotator.annotate(TEXT)) == ["他", "是", "银行", "行长"]


def test_traditional_corrections_hold_in_every_view(corrected):
    """A correction typed in Traditional applies to the Simplified base text."""
    corrections, annotator = corrected
    corrections.add("split", "銀行行長", "銀行 行長")
    document = annotator.annotate("他是銀行行長。")
    assert words(document) == ["他", "是", "銀行", "行長"]


def test_article_corrections_stay_in_their_article(corrected):
    """A correction for one article leaves every other article as it was."""
    corrections, annotator = corrected
    corrections.add("split", "银行行长", "银行 行长", article_id="a1")
    assert "行长" in words(annotator.annotate(TEXT, None, "a1"))
    assert "银行行长" in words(annotator.annotate(TEXT, None, "a2"))
    assert corrections.rows("a1") == [("a1", "split", "银行行长", "银行 行长")]


@pytest.mark.parametrize("kind,word,value,message", [
    ("split", "银行行长", "银行 长", "do not spell"),
    ("split", "银行", "银行", "at least two parts"),
    ("reading", "行长", "hang", "2 characters but"),
    ("reading", "行长", "hang zhang", "tone"),
    ("reading", "行长", "xyz", "not pinyin"),
])
def test_bad_corrections_are_refused_with_one_line(corrected, kind, word, value, message):
    """A correction that cannot hold is refused and nothing is written."""
    corrections, _ = corrected
    with pytest.raises(CorrectionError, match=message):
        corrections.add(kind, word, value)
    assert corrections.rows() == []


def test_files_are_readable_and_hand_edits_are_read(corrected):
    """The files are plain lines; a hand-added line is applied after a reload."""
    corrections, _ = corrected
    corrections.add("reading", "行长", "hang2 zhang3")
    folder = data_dir() / FOLDER
    assert "行长 = hang2 zhang3" in (folder / "readings.txt").read_text(encoding="utf-8")
    with open(folder / "words.txt", "a", encoding="utf-8") as handle:
        handle.write("是银  # my own line\n")
    corrections.reload()
    assert ("global", "word", "是银", "") in corrections.rows()


def test_unparsable_file_is_never_overwritten(corrected):
    """A bad hand-edited line blocks changes (with its line number); the file is kept."""
    corrections, _ = corrected
    corrections.add("word", "是银")
    path = data_dir() / FOLDER / "splits.txt"
    path.write_text("银行行长 = 银 行\n", encoding="utf-8")
    corrections.reload()
    assert "splits.txt:1" in corrections.problems[0]
    with pytest.raises(CorrectionError, match="splits.txt:1"):
        corrections.add("word", "行长")
    assert path.read_text(encoding="utf-8") == "银行行长 = 银 行\n"


def test_two_stores_on_one_folder_keep_each_others_edits(corrected):
    """Two processes' stores (window and CLI) re-read under the lock: nothing is lost."""
    corrections, _ = corrected
    other = Corrections(data_dir() / FOLDER)
    corrections.add("word", "是银")
    other.add("word", "行长")
    corrections.reload()
    assert {r[2] for r in corrections.rows()} == {"是银", "行长"}


def test_csv_round_trip(corrected, tmp_path):
    """Export then import into an empty folder gives the same corrections; bad rows are named."""
    corrections, _ = corrected
    corrections.add("word", "是银")
    corrections.add("reading", "行长", "hang2 zhang3", article_id="a1")
    path = tmp_path / "corrections.csv"
    assert corrections.export_csv(path) == 2
    fresh = Corrections(tmp_path / "elsewhere")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("global,split,银行,银 银\n")
    added, problems = fresh.import_csv(path)
    assert added == 2 and len(problems) == 1 and ":4:" in problems[0]
    assert fresh.rows() == corrections.rows()


def test_cli_correct_and_annotate(run_cli, services):
    """`correct` adds, lists and removes; `annotate` reflects it."""
    status, out, _ = run_cli("correct", "split", "银行行长", "银行", "行长")
    assert status == 0 and "every article" in out
    assert run_cli("correct", "reading", "行长", "xing2", "zhang3")[0] == 0
    status, out, _ = run_cli("annotate", "-", stdin=TEXT.encode())
    assert "行长\txíngzhǎng" in out.splitlines()
    status, out, _ = run_cli("correct", "list", "--json")
    assert {(r["kind"], r["word"]) for r in json.loads(out)} == {("split", "银行行长"),
                                                                  ("reading", "行长")}
    assert run_cli("correct", "remove", "行长")[0] == 0
    status, _, err = run_cli("correct", "remove", "行长")
    assert status == 1 and "no correction" in err
    status, _, err = run_cli("correct", "reading", "行长", "xing")
    assert status == 2 and err.count("\n") == 1
    status, _, err = run_cli("correct", "word", "是银", "--article", "no-such-article")
    assert status == 2 and "no article" in err
