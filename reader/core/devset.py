"""Scoring the glossary and the people panel on a labelled set of unseen articles.

The set is a folder with `articles/*.txt` (front matter between `---` lines, including
`split: dev` or `split: test`) and `labels.toml`:

    [articles."01-some-article"]
    jargon = ["財年", "GMV"]                 # every piece of jargon, as written
    [articles."01-some-article".people]
    "张勇" = ["張勇", "Daniel Zhang"]          # canonical Simplified name = forms as written

Glossary recall counts jargon *occurrences*: each place a labelled surface occurs in the
article, found when a marked glossary span covers at least half of it. People are scored
per article with `people_eval.score_entries` (forms converted to Simplified, as the
People layer reports them).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.people.evaluation import Score, score_entries
from reader.core.text.scripts import to_simplified


@dataclass
class Article:
    """One labelled article: its text, split, and labels."""

    id: str
    text: str
    split: str
    jargon: list[str]
    people: dict[str, list[str]]
    meta: dict = field(default_factory=dict)


@dataclass
class Recall:
    """Jargon occurrences found by the glossary, with what was missed."""

    total: int = 0
    found: int = 0
    missed: dict[str, int] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0

    def add(self, other: Recall) -> None:
        self.total += other.total
        self.found += other.found
        for key, count in other.missed.items():
            self.missed[key] = self.missed.get(key, 0) + count


def _front_matter(raw: str) -> tuple[dict, str]:
    if not raw.startswith("---"):
        return {}, raw.strip()
    _, front, body = raw.split("---", 2)
    meta = {}
    for line in front.strip().splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    return meta, body.strip()


def load_devset(folder: Path) -> list[Article]:
    """Every labelled article of the set (empty when the folder or labels are missing)."""
    folder = Path(folder)
    labels_path = folder / "labels.toml"
    if not labels_path.is_file():
        return []
    with labels_path.open("rb") as handle:
        labels = tomllib.load(handle).get("articles", {})
    out = []
    for path in sorted((folder / "articles").glob("*.txt")):
        label = labels.get(path.stem)
        if label is None:
            continue
        meta, body = _front_matter(path.read_text(encoding="utf-8"))
        out.append(Article(path.stem, body, meta.get("split", "dev"),
                           list(label.get("jargon", [])),
                           {k: list(v) for k, v in label.get("people", {}).items()}, meta))
    return out


def jargon_recall(article: Article, spans: list[tuple[int, int]]) -> Recall:
    """Occurrences of the article's jargon covered (at least half) by marked spans.

    `spans` are (start, end) offsets into `article.text` (the document's original text).
    """
    covered = bytearray(len(article.text) + 1)
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    result = Recall()
    for surface in dict.fromkeys(article.jargon):
        start = article.text.find(surface)
        while start >= 0:
            end = start + len(surface)
            result.total += 1
            if 2 * covered.count(1, start, end) >= end - start:
                result.found += 1
            else:
                result.missed[surface] = result.missed.get(surface, 0) + 1
            start = article.text.find(surface, end)
    return result


def people_score(article: Article, entries) -> Score:
    """The People panel's entries for one article against its labels."""
    labels = {name: list(dict.fromkeys([to_simplified(f) for f in forms] + [name]))
              for name, forms in article.people.items()}
    return score_entries(entries, labels)
