"""The `glossary` command group, `lookup`'s glossary line and `annotate --json`'s glossary key."""
from __future__ import annotations

import json

from reader.cli import run
from reader.core.services import Services


def test_list_terms_of_an_article(run_cli):
    """`glossary list --article` prints each term found once, with count and English."""
    status, out, _ = run_cli("glossary", "list", "--article", "caijing-2019-dowson-tong")
    assert status == 0
    lines = out.splitlines()
    terms = [line.split("\t")[0] for line in lines]
    assert len(terms) == len(set(terms))
    to_g = next(line for line in lines if line.startswith("To G\t"))
    assert to_g.split("\t")[1] == "×4" and "government" in to_g


def test_list_from_stdin_as_json(run_cli):
    """A piped text gives a JSON list of entries with counts."""
    status, out, _ = run_cli("glossary", "list", "-", "--json",
                             stdin="做To B和ToB，还有私域流量。".encode())
    assert status == 0
    items = json.loads(out)
    assert [(i["term"], i["count"]) for i in items] == [("To B", 2), ("私域流量", 1)]


def test_list_without_source_lists_every_entry(run_cli):
    """With no text, `glossary list` prints the whole glossary (>= 120 lines)."""
    status, out, _ = run_cli("glossary", "list")
    assert status == 0 and len(out.splitlines()) >= 120


def test_show_and_missing_term(run_cli):
    """`show` prints the entry; an unknown term is one line on stderr, exit 1."""
    status, out, _ = run_cli("glossary", "show", "ｐａａｓ")
    assert status == 0 and out.startswith("PaaS (Platform as a Service)")
    status, out, err = run_cli("glossary", "show", "nothing-like-this")
    assert status == 1 and out == "" and len(err.strip().splitlines()) == 1


def test_group_without_action_is_an_error(run_cli):
    """`glossary` alone names the actions and exits 2."""
    status, _, err = run_cli("glossary")
    assert status == 2 and "list" in err


def test_add_delete_export_import(tmp_path, capsys, monkeypatch):
    """User entries added on the command line export to CSV and import elsewhere."""
    services = Services()
    assert run(["glossary", "add", "飞轮效应", "--category", "strategy", "--en", "Flywheel.",
                "--zh", "飞轮", "--variants", "飞轮,flywheel"], services) == 0
    assert run(["glossary", "add", "X", "--category", "nope", "--en", "x", "--zh", "x"],
               services) == 2
    csv_path = tmp_path / "out.csv"
    assert run(["glossary", "export-user", str(csv_path)], services) == 0
    assert run(["glossary", "delete", "赛道"], services) == 0
    assert services.glossary.get("赛道") is None
    monkeypatch.setenv("READER_HOME", str(tmp_path / "elsewhere"))
    other = Services()
    assert run(["glossary", "import-user", str(csv_path)], other) == 0
    assert other.glossary.match_word("Flywheel").term == "飞轮效应"
    assert run(["glossary", "import-user", str(tmp_path / "absent.csv")], other) == 2
    out, err = capsys.readouterr()
    assert "imported 1 entries" in out and "absent.csv" in err


def test_check_reports_clean_bundled_data(run_cli):
    """`glossary check` finds no problems in the bundled file."""
    status, out, _ = run_cli("glossary", "check")
    assert status == 0 and out.strip().endswith("0 problem(s)")


def test_lookup_includes_the_glossary(run_cli):
    """`lookup 赛道` shows the glossary sense before the literal dictionary one."""
    status, out, _ = run_cli("lookup", "赛道")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("[glossary] 赛道") and "market segment" in lines[0]
    status, out, _ = run_cli("lookup", "--json", "PaaS")
    assert status == 0 and "Platform as a Service" in json.loads(out)["glossary"][0]


def test_annotate_json_has_glossary_offsets_into_the_view(run_cli):
    """`annotate --json --script traditional` lists glossary hits with view offsets."""
    status, out, _ = run_cli("annotate", "-", "--json", "--script", "traditional",
                             stdin="公司的To B与产业互联网".encode())
    assert status == 0
    data = json.loads(out)
    hits = data["glossary"]
    assert [(h["text"], h["term"]) for h in hits] == [("To B", "To B"), ("產業互聯網", "產業互聯網")]
    for hit in hits:
        assert data["text"][hit["start"]:hit["end"]] == hit["text"]
        assert hit["category"] and hit["en"] and hit["zh"]
