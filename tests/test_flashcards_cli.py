"""The flashcard command line: deck list/show/export and glossary save."""
from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.fixture(autouse=True)
def own_flashcards(services):
    """This test's services' flashcard store is closed at the end."""
    yield
    if services.is_built("flashcards"):
        services.flashcards.store.close()


def test_glossary_save_then_deck_commands(run_cli, tmp_path, services):
    """glossary save fills a deck named after the article; running it again adds nothing;
    deck list/show/export see the notes."""
    status, out, err = run_cli("glossary", "save", "--article", "caijing-2020")
    assert status == 0, err
    added = int(out.split()[0])
    info, _ = services.library.get("caijing-2020")
    assert added > 30 and out.strip().endswith(f"(deck: {info.title})")
    status, out, _ = run_cli("glossary", "save", "--article", "caijing-2020")
    assert status == 0 and out.startswith(f"0 added, {added} already saved")

    status, out, _ = run_cli("deck", "list", "--json")
    (deck,) = json.loads(out)
    assert deck == {"name": info.title, "notes": added, "new": min(added, 20), "learning": 0,
                    "review": 0}
    status, out, _ = run_cli("deck", "show", info.title, "--json")
    notes = json.loads(out)
    assert len(notes) == added and all(n["sentences"] for n in notes)
    assert any(n["simplified"] == "To B" for n in notes)
    status, out, _ = run_cli("deck", "show", info.title, "--search", "to b")
    assert status == 0 and any(line.startswith("To B\t") for line in out.splitlines())

    target = tmp_path / "out.csv"
    status, out, _ = run_cli("deck", "export", info.title, "--format", "csv", "-o", str(target))
    assert status == 0 and f"exported {added} notes" in out
    body = "".join(line for line in io.StringIO(target.read_text(encoding="utf-8"))
                   if not line.startswith("#"))
    assert len(list(csv.reader(io.StringIO(body), delimiter="\t"))) == added


def test_glossary_save_from_a_file_with_a_chosen_deck(run_cli, tmp_path):
    """A FILE source works too, into the deck given with --deck."""
    path = tmp_path / "news.txt"
    path.write_text("公司在To B市场建立生态，进入新赛道。", encoding="utf-8")
    status, out, err = run_cli("glossary", "save", str(path), "--deck", "Mine")
    assert status == 0, err
    assert out.startswith("3 added, 0 already saved (deck: Mine)"), out
    status, out, _ = run_cli("deck", "show", "mine")
    words = [line.split("\t")[0] for line in out.splitlines()]
    assert "To B" in words and "生态 [生態]" in words


def test_bad_arguments_are_one_line_status_2(run_cli, tmp_path):
    """Unknown deck, missing format, unwritable output, no source: one line, exit 2."""
    run_cli("glossary", "save", "--article", "caijing-2020", "--deck", "D")
    plain = tmp_path / "file"
    plain.write_text("x", encoding="utf-8")
    for argv in (["deck", "show", "Nope"],
                 ["deck", "export", "D", "-o", str(tmp_path / "x.apkg")],
                 ["deck", "export", "D", "--format", "docx", "-o", "x"],
                 ["deck", "export", "D", "--format", "apkg", "-o", str(plain / "x.apkg")],
                 ["deck", "export", "Nope", "--format", "csv", "-o", str(tmp_path / "y.csv")],
                 ["glossary", "save"],
                 ["glossary", "save", "--article", "no-such-article"],
                 ["deck"]):
        status, out, err = run_cli(*argv)
        assert status == 2, argv
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, argv


def test_corrupt_database_notice_is_printed_once(run_cli, reader_home):
    """A damaged flashcard file is reported on stderr, once, and the command still works."""
    data = reader_home / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "flashcards.sqlite3").write_bytes(b"garbage" * 50)
    status, out, err = run_cli("deck", "list")
    assert status == 0 and "moved to flashcards.sqlite3.corrupt-" in err
    assert "no decks yet" in out
    status, _, err = run_cli("deck", "list")
    assert status == 0 and err == ""
