"""Every bundled glossary entry and person has its required fields, in both scripts."""
from __future__ import annotations

import re

from reader.core import paths
from reader.core.glossary.data import CATEGORIES, load_glossary_folder
from reader.core.people.directory import load_directory_folder
from reader.core.text.scripts import convert, to_simplified

HAN = re.compile("[\u4e00-\u9fff]")


def test_glossary_entries_have_their_required_fields():
    """term, category, short (2-8 words, letters), en (general: never 'Here...') and a
    Chinese zh; the term and zh are Simplified (the Traditional view is derived)."""
    loaded = load_glossary_folder(paths.assets_dir() / "glossary", "bundled")
    assert loaded.problems == []
    assert len(loaded.entries) >= 250
    bad = []
    for entry in loaded.entries:
        problems = []
        if entry.category not in CATEGORIES:
            problems.append("category")
        words = entry.short.split()
        if not 1 <= len(words) <= 8 or len(re.findall("[A-Za-z]", entry.short)) < 3:
            problems.append(f"short {entry.short!r}")
        if not entry.en or entry.en.lower().startswith("here"):
            problems.append("en")
        if not HAN.search(entry.zh) or to_simplified(entry.zh) != entry.zh:
            problems.append("zh")
        if HAN.search(entry.term) and to_simplified(entry.term) != entry.term:
            problems.append("term not Simplified")
        if problems:
            bad.append((entry.term, problems))
    assert bad == []


def test_people_have_their_required_fields_in_both_scripts():
    """Every person: a Simplified name with a Traditional form, pinyin and a role; the
    general directory's people also the year of that role."""
    loaded = load_directory_folder(paths.assets_dir() / "people")
    assert loaded.problems == []
    bad = []
    for person in loaded.people:
        problems = []
        if to_simplified(person.name) != person.name:
            problems.append("name not Simplified")
        traditional = person.name_in(traditional=True)
        if not traditional or to_simplified(traditional) != person.name:
            problems.append("traditional")
        if person.name.isascii() is False and not person.pinyin:
            problems.append("pinyin")
        if not person.role:
            problems.append("role")
        if person.origin.startswith("directory") and not person.year:
            problems.append("year")
        if problems:
            bad.append((person.id, problems))
    assert bad == []
    assert convert("汤道生", "s2t") == "湯道生"
