"""The quality bar on the corpus: panel recall >= 95 % and precision >= 90 %, per article and overall."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.people.evaluation import Score, load_labels, score_entries

LABELS = load_labels(Path(__file__).parent / "fixtures" / "people_labels.toml")


@pytest.fixture(scope="module")
def scores(shared_services):
    people = shared_services.people
    assert people.use_directory and people.use_detector
    result = {}
    for article_id, labelled in LABELS.items():
        document = shared_services.annotator.annotate(shared_services.library.get(article_id)[1])
        result[article_id] = score_entries(people.in_document(document), labelled)
    return result


def test_labels_cover_the_five_articles(services):
    """Every bundled article has labels, and every labelled person is in the directory."""
    assert set(LABELS) == {info.id for info in services.corpus.list()}
    directory = {name for p in services.people.people() for name in p.all_names()}
    for labelled in LABELS.values():
        assert set(labelled) <= directory


@pytest.mark.parametrize("article_id", sorted(LABELS))
def test_panel_meets_the_bar_per_article(scores, article_id):
    """Per article: recall >= 95 % and precision >= 90 % of panel entries, aliases merged."""
    score = scores[article_id]
    assert score.recall >= 0.95, score.missed
    assert score.precision >= 0.90, score.wrong


def test_panel_meets_the_bar_overall(scores):
    """Overall, summed over the five articles."""
    total = Score()
    for score in scores.values():
        total.add(score)
    assert total.recall >= 0.95 and total.precision >= 0.90, (total.missed, total.wrong)


def test_scoring_counts_unmerged_aliases_against_precision():
    """Two entries for one person (汤道生 and 唐道生 apart) lower precision, not recall."""
    from reader.core.people.directory import Person
    from reader.core.people.layer import PersonInDocument

    labels = {"汤道生": ["汤道生", "唐道生"], "马化腾": ["马化腾"]}
    entries = [PersonInDocument(Person("a", "汤道生"), [(0, 3)], ["汤道生"]),
               PersonInDocument(Person("b", "唐道生"), [(5, 8)], ["唐道生"]),
               PersonInDocument(Person("c", "华为"), [(9, 11)], ["华为"])]
    score = score_entries(entries, labels)
    assert (score.correct, score.entries, score.found, score.labelled) == (1, 3, 1, 2)
    assert score.missed == ["马化腾"] and len(score.wrong) == 2
