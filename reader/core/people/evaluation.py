"""Scoring the People panel against hand labels (used by the quality test and the bench).

Labels: per article, each real person with the surface forms (Simplified) that refer to
them. A panel entry is correct when one of its surface forms belongs to a labelled person
that no earlier entry already claimed; a second entry for the same person (aliases not
merged) and an entry matching nobody both count against precision.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Score:
    """Panel entries against labels for one article (or summed over several)."""

    entries: int = 0
    correct: int = 0
    labelled: int = 0
    found: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.entries if self.entries else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    def add(self, other: Score) -> None:
        self.entries += other.entries
        self.correct += other.correct
        self.labelled += other.labelled
        self.found += other.found
        self.wrong.extend(other.wrong)
        self.missed.extend(other.missed)

    def line(self, label: str) -> str:
        return (f"{label}: precision {100 * self.precision:.1f}% ({self.correct}/{self.entries}), "
                f"recall {100 * self.recall:.1f}% ({self.found}/{self.labelled})")


def load_labels(path: Path) -> dict[str, dict[str, list[str]]]:
    """{article id: {canonical name: [surface forms]}}."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def score_entries(entries, labels: dict[str, list[str]]) -> Score:
    """Score panel entries (objects with `.person.name` and `.surfaces`) for one article."""
    owner = {surface: name for name, surfaces in labels.items() for surface in surfaces}
    score = Score(entries=len(entries), labelled=len(labels))
    claimed: set[str] = set()
    for entry in entries:
        forms = [*entry.surfaces, entry.person.name]
        person = next((owner[f] for f in forms if f in owner), None)
        if person is None or person in claimed:
            score.wrong.append(entry.person.name if person is None else f"{entry.person.name} "
                               f"(second entry for {person})")
            continue
        claimed.add(person)
        score.correct += 1
    score.found = len(claimed)
    score.missed = sorted(set(labels) - claimed)
    return score
