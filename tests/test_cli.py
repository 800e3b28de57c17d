"""Every core CLI command, including its bad-input paths."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_annotate_json_schema(run_cli, tmp_path):
    """annotate --json prints one object whose tokens tile the text, with readings and glosses."""
    path = tmp_path / "a.txt"
    path.write_text("騰訊銀行行長", encoding="utf-8")
    status, out, _ = run_cli("annotate", str(path), "--json")
    assert status == 0
    data = json.loads(out)
    assert data["script"] == "traditional" and data["view"] == "original"
    assert "".join(t["text"] for t in data["tokens"]) == data["text"]
    first = data["tokens"][0]
    assert first == {**first, "start": 0, "end": 2, "text": "騰訊", "kind": "word",
                     "pinyin": "téng xùn", "pinyin_numbers": "teng2 xun4",
                     "simplified": "腾讯", "traditional": "騰訊"}
    assert "Tencent" in first["gloss"]


def test_annotate_other_view_and_article(run_cli):
    """--script simplified shows the Simplified view; --article reads from the library."""
    status, out, _ = run_cli("annotate", "--article", "caijing-2020", "--script", "simplified", "--json")
    data = json.loads(out)
    assert status == 0 and data["view"] == "simplified" and "腾讯" in data["text"]
    for token in data["tokens"][:200]:
        assert data["text"][token["start"]:token["end"]] == token["text"]


def test_annotate_reads_legacy_encodings(run_cli, tmp_path):
    """GB18030, Big5 and UTF-16 files are decoded, not refused."""
    for name, encoding, text in [("gb.txt", "gb18030", "腾讯进入产业互联网市场"),
                                 ("big5.txt", "big5", "騰訊進入產業互聯網市場"),
                                 ("u16.txt", "utf-16", "腾讯进入产业互联网市场")]:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        status, out, err = run_cli("annotate", str(path), "--json")
        assert status == 0, err
        assert json.loads(out)["text"].startswith(text[:4])


def test_bad_input_is_one_line_status_2(run_cli, tmp_path):
    """Missing, empty, binary and invalid files give one line on stderr and status 2."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.dat"
    binary.write_bytes(bytes(range(256)) * 4)
    invalid = tmp_path / "bad.txt"
    invalid.write_bytes(b"\xff\xfe\xfa\x80\x81" * 3 + b"\x00\x01")
    for path in ["/nonexistent/file.txt", str(empty), str(binary), str(invalid)]:
        status, out, err = run_cli("annotate", path)
        assert status == 2, path
        assert out == ""
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_convert_command(run_cli):
    """convert --to traditional is phrase-accurate; stdin works."""
    status, out, _ = run_cli("convert", "-", "--to", "traditional", stdin="胚胎发育头发".encode())
    assert status == 0 and out.strip() == "胚胎發育頭髮"
    status, out, _ = run_cli("convert", "--article", "caijing-2020", "--to", "simplified")
    assert status == 0 and "腾讯" in out


def test_lookup_command(run_cli):
    """lookup prints every reading of 行."""
    status, out, _ = run_cli("lookup", "行")
    assert status == 0 and "háng" in out and "xíng" in out


def test_library_list(run_cli):
    """library list shows the five bundled articles with id, title, script and length."""
    status, out, _ = run_cli("library", "list")
    lines = out.strip().splitlines()
    assert status == 0 and len(lines) >= 5
    ids, titles, scripts, lengths = zip(*(line.split("\t") for line in lines), strict=True)
    assert {"traditional", "mixed", "simplified"} <= set(scripts)
    assert all(int(n) > 1000 for n in lengths)


def test_unknown_article_and_bad_arguments(run_cli):
    """An unknown article id or a bad option: one line, status 2."""
    status, _, err = run_cli("annotate", "--article", "no-such-thing")
    assert status == 2 and "no-such-thing" in err
    status, _, err = run_cli("convert", "-", "--to", "klingon")
    assert status == 2 and len(err.strip().splitlines()) == 1


def test_main_py_and_module_agree(tmp_path):
    """`python main.py` and `python -m reader` run the same command line."""
    env_cmds = [[sys.executable, "main.py", "library", "list"],
                [sys.executable, "-m", "reader", "library", "list"]]
    outs = [subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout
            for cmd in env_cmds]
    assert outs[0] == outs[1] and outs[0].count("\n") >= 5
