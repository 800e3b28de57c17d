"""Every bundled glossary entry and person has its required fields, in both scripts."""
from __future__ import annotations

import re

from reader.core import paths
from reader.core.glossary.data import CATEGORIES, load_glossary_folder
from reader.core.people.directory import load_directory_folder
from reader.core.text.scripts import convert, to_simplified

HAN = re.compile("[\u4e00-\u9fff]")


def traditional_written(text: str) -> bool:
    """Written in Traditional characters: conversion to Simplified changes more than one
    character (a single one is usually a brand's own form, such as 昇腾)."""
    return sum(a != b for a, b in zip(text, to_simplified(text), strict=False)) > 1


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
        if not HAN.search(entry.zh) or traditional_written(entry.zh):
            problems.append("zh")
        if traditional_written(entry.term):
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
        if traditional_written(person.name):
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
