"""`known`, `stats` and the study fields of `annotate --json`, run in-process on real data."""
from __future__ import annotations

import json


def test_known_add_list_remove(run_cli):
    """add (either script) → list shows the Simplified key → remove makes it new again."""
    status, out, _ = run_cli("known", "add", "騰訊", "产业")
    assert status == 0 and "2 word(s) now known" in out
    status, out, _ = run_cli("known", "list", "--json")
    assert {r["word"]: r["status"] for r in json.loads(out)} == {"腾讯": "known", "产业": "known"}
    run_cli("known", "add", "--status", "learning", "生态")
    status, out, _ = run_cli("known", "list", "--status", "learning")
    assert out.split("\t")[0] == "生态"
    status, out, _ = run_cli("known", "remove", "腾讯")
    assert "1 word(s) reset to new" in out
    assert "腾讯" not in run_cli("known", "list")[1]


def test_known_level_and_bad_level(run_cli):
    """level 1 marks HSK 1; an unknown level or standard is one line, status 2."""
    status, out, _ = run_cli("known", "level", "1")
    assert status == 0 and out.startswith("507 word(s)")
    status, out, err = run_cli("known", "level", "2", "--hsk", "2.0")
    assert status == 0 and int(out.split()[0]) > 0
    status, _, err = run_cli("known", "level", "10")
    assert status == 2 and err.count("\n") == 1 and "unknown HSK 3.0 level" in err
    status, _, err = run_cli("known", "level", "3", "--hsk", "5.0")
    assert status == 2 and "unknown HSK standard" in err


def test_known_import_and_bad_files(run_cli, tmp_path):
    """An Anki export's chosen field is imported; empty and binary files fail in one line."""
    anki = tmp_path / "anki.txt"
    anki.write_text("#separator:tab\nsheng1tai4\t生态\n", encoding="utf-8")
    status, out, _ = run_cli("known", "import", str(anki), "--field", "2")
    assert status == 0 and "1 word(s) read (anki" in out and "1 newly known" in out
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, _, err = run_cli("known", "import", str(empty))
    assert status == 2 and "empty" in err and err.count("\n") == 1
    binary = tmp_path / "b.bin"
    binary.write_bytes(bytes(range(256)) * 16)
    status, _, err = run_cli("known", "import", str(binary))
    assert status == 2 and err.count("\n") == 1


def test_stats_json_keys_and_figures(run_cli):
    """stats --json: coverage, unknown, hsk_histogram, level, top_unknown, worked out by hand."""
    run_cli("known", "add", "我", "喜欢", "学习")
    text = "我喜欢学习中文。我喜欢马化腾。他有3只猫。".encode()
    status, out, _ = run_cli("stats", "--json", "-", stdin=text)
    report = json.loads(out)
    assert status == 0
    assert report["coverage"] == 50.0  # 我 ×2 喜欢 ×2 学习 = 5 of 10 running words
    assert report["unknown"] == 5 and report["level"] == 2
    assert report["hsk_histogram"]["1"] == 6 and report["hsk_histogram"]["2"] == 2
    assert set(report["top_unknown"]) == {"中文", "他", "有", "只", "猫"}
    status, out, _ = run_cli("stats", "-", stdin=text)
    assert "names, numbers, punctuation" in out and "50.0 %" in out


def test_annotate_json_has_hsk_and_status(run_cli):
    """Tokens gain hsk (7 for the 7–9 band, null off the list) and status."""
    run_cli("known", "add", "我们")
    status, out, _ = run_cli("annotate", "--json", "-", stdin="我们的产业，马化腾说了3次。".encode())
    tokens = {t["text"]: t for t in json.loads(out)["tokens"]}
    assert (tokens["我们"]["hsk"], tokens["我们"]["status"]) == (1, "known")
    assert (tokens["产业"]["hsk"], tokens["产业"]["status"]) == (5, "new")
    assert tokens["马化腾"]["status"] == "ignored" and tokens["马化腾"]["hsk"] is None
    assert tokens["3"]["status"] == "ignored" and tokens["，"]["status"] is None


def test_damaged_status_database_notice_once(run_cli, reader_home):
    """A damaged words.sqlite3 is set aside; the command works and says so once."""
    data = reader_home / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "words.sqlite3").write_bytes(b"garbage, not sqlite" * 50)
    status, out, err = run_cli("known", "add", "生态")
    assert status == 0 and "1 word(s) now known" in out
    assert err.count("notice:") == 1 and "moved to words.sqlite3.corrupt-" in err
    assert [p.name for p in data.iterdir() if ".corrupt-" in p.name]
    status, _, err = run_cli("known", "list")
    assert "notice:" not in err
