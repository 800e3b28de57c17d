"""FSRS review: due counts, ratings, the review log, and state across a restart."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from fsrs import Rating, State

from reader.core.flashcards import FlashcardStore, NoteDraft, Reviewer
from reader.core.flashcards.review import describe_interval, utc

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _open(path, **kwargs) -> tuple[FlashcardStore, Reviewer]:
    store = FlashcardStore(path, clock=lambda: T0.timestamp())
    return store, Reviewer(store, **kwargs)


def _save(store, words, deck="d"):
    return [r.note for r in store.add_many([NoteDraft(w, w) for w in words], deck)]


def test_new_cards_are_due_and_rating_schedules_them(tmp_path):
    """Fresh notes count as new; Good on a new card sends it 10 minutes out and logs it."""
    store, reviewer = _open(tmp_path / "c.sqlite3")
    notes = _save(store, ["生态", "赛道", "闭环"])
    assert reviewer.due_counts(now=T0).new == 3
    first = reviewer.next(now=T0)
    assert first.id == notes[0].id
    card = reviewer.rate(first.id, 3, now=T0, duration_ms=4200)
    assert card.state is State.Learning and card.due == T0 + timedelta(minutes=10)
    assert reviewer.due_counts(now=T0) == reviewer.due_counts(now=T0 + timedelta(minutes=5))
    assert reviewer.due_counts(now=T0).new == 2
    assert reviewer.due_counts(now=T0 + timedelta(minutes=11)).learning == 1
    log = reviewer.history(first.id)
    assert [(r["rating"], r["duration_ms"], r["reviewed_at"]) for r in log] == [
        (3, 4200, T0.timestamp())]


def test_review_state_survives_a_restart(tmp_path):
    """Card state written by one store is read back identically by a new one on the same file."""
    path = tmp_path / "c.sqlite3"
    store, reviewer = _open(path)
    (note,) = _save(store, ["数字化转型"])
    moment = T0
    for rating in (Rating.Good, Rating.Good, Rating.Easy):
        card = reviewer.rate(note.id, rating, now=moment)
        moment = card.due
    before = reviewer.card(note.id)
    assert before.state is State.Review and before.due - T0 > timedelta(days=3)
    store.close()

    store2, reviewer2 = _open(path)
    after = reviewer2.card(note.id)
    assert after.to_dict() == before.to_dict()
    assert reviewer2.due_counts(now=before.due - timedelta(hours=1)).total == 0
    assert reviewer2.due_counts(now=before.due + timedelta(seconds=1)).review == 1
    assert reviewer2.next(now=before.due + timedelta(seconds=1)).id == note.id
    assert len(reviewer2.history(note.id)) == 3
    # An Again on a review card goes to relearning and comes back in minutes.
    lapsed = reviewer2.rate(note.id, Rating.Again, now=before.due)
    assert lapsed.state is State.Relearning and lapsed.due - before.due < timedelta(hours=1)
    store2.close()


def test_new_cards_per_day_limit(tmp_path):
    """Only `new_per_day` new cards are offered per local day."""
    store, reviewer = _open(tmp_path / "c.sqlite3", new_per_day=2)
    _save(store, ["一", "二", "三", "四"])
    assert reviewer.due_counts(now=T0).new == 2
    for _ in range(2):
        reviewer.rate(reviewer.next(now=T0).id, Rating.Easy, now=T0)
    assert reviewer.due_counts(now=T0).new == 0
    assert reviewer.next(now=T0) is None
    assert reviewer.due_counts(now=T0 + timedelta(days=1)).new == 2


def test_due_counts_per_deck_and_learn_ahead(tmp_path):
    """Counts are per deck; a card failed a minute ago is offered when nothing else is due."""
    store, reviewer = _open(tmp_path / "c.sqlite3")
    (a,) = _save(store, ["生态"], deck="A")
    _save(store, ["赛道", "闭环"], deck="B")
    counts = reviewer.due_by_deck(now=T0)
    assert counts["A"].new == 1 and counts["B"].new == 2
    reviewer.rate(a.id, Rating.Again, now=T0)
    assert reviewer.due_counts("A", now=T0).total == 0
    assert reviewer.next("A", now=T0).id == a.id  # learn ahead within 5 minutes
    assert Reviewer(store, learn_ahead=0).next("A", now=T0) is None
    assert reviewer.next_due_time("A") == T0 + timedelta(minutes=1)
    reviewer.rate(a.id, Rating.Good, now=T0)  # due in 10 minutes: not offered yet
    assert reviewer.next("A", now=T0) is None
    assert reviewer.next_due_time("A") == T0 + timedelta(minutes=10)


def test_preview_matches_what_rating_does(tmp_path):
    """The interval previewed for Good is the one a Good rating then stores."""
    store, reviewer = _open(tmp_path / "c.sqlite3")
    (note,) = _save(store, ["生态"])
    preview = reviewer.preview(note.id, now=T0)
    assert preview[Rating.Again] < preview[Rating.Good] < preview[Rating.Easy]
    card = reviewer.rate(note.id, Rating.Good, now=T0)
    assert card.due - T0 == preview[Rating.Good]
    assert describe_interval(preview[Rating.Good]) == "10m"
    assert describe_interval(timedelta(days=400)) == "1.1y"


def test_times_are_normalised_to_utc():
    """Aware datetimes in any zone become timezone.utc; naive ones are refused."""
    east = timezone(timedelta(hours=8))
    converted = utc(datetime(2025, 3, 1, 17, 0, tzinfo=east))
    assert converted == T0 + timedelta(hours=0) and converted.tzinfo is UTC
    with pytest.raises(ValueError):
        utc(datetime(2025, 3, 1))
