"""Data check on the bundled glossary files: short meanings are words, explanations general."""
from __future__ import annotations

import re

from reader.core.glossary.data import load_glossary_file
from reader.core.paths import assets_dir


def _glossary_files():
    root = assets_dir()
    return sorted([*root.glob("glossary*.toml"), *root.glob("glossary/*.toml")])


def _problems(files) -> list[str]:
    problems = []
    for path in files:
        for entry in load_glossary_file(path, "bundled").entries:
            short = entry.short_meaning  # `short`, else derived from the explanation
            if short.casefold() == entry.term.casefold():
                continue  # a name that is its own gloss (QQ)
            if len(re.findall(r"[A-Za-z0-9]", short)) < 3 and not re.search(r"[\u4e00-\u9fff]", short):
                problems.append(f"{path.name}: {entry.term}: short meaning {short!r}")
            if entry.en.lstrip(" '\"‘“").casefold().startswith("here"):
                problems.append(f"{path.name}: {entry.term}: explanation starts 'Here'")
    return problems


def test_there_are_glossary_files():
    """The check reads every bundled glossary file (assets/glossary*.toml, assets/glossary/)."""
    assert _glossary_files()


def test_short_meanings_are_words_and_explanations_general():
    """No short meaning under 3 letters (后台 "Here"), no explanation opening "Here: …"."""
    problems = _problems(_glossary_files())
    assert not problems, "\n".join(problems)


def test_the_check_flags_what_it_should(tmp_path):
    """The check itself: a 2-letter short meaning and a "Here:" explanation are both flagged."""
    path = tmp_path / "glossary.toml"
    path.write_text(
        '[[term]]\nterm = "后台"\ncategory = "cloud & tech"\nen = "Here, the back end."\nzh = "后台"\n\n'
        '[[term]]\nterm = "流量"\ncategory = "cloud & tech"\nexpansion = "OK"\nen = "Traffic."\n'
        'zh = "流量"\n', encoding="utf-8")
    assert len(load_glossary_file(path, "bundled").entries) == 2
    found = _problems([path])
    assert any("后台" in p and "Here" in p for p in found)
    assert any("流量" in p and "short meaning" in p for p in found)
