"""Review with the FSRS scheduler (`fsrs` package): what is due, and rating a card.

Each note has one card whose FSRS state (state, step, stability, difficulty, due, last
review) lives in the `cards` table; every rating is one transaction that updates the card
and appends to `review_log`, so state survives restarts. fsrs insists on datetimes in
`timezone.utc` exactly (`datetime.UTC` is that object); `utc()` converts whatever the caller has.

A card never reviewed is *new*; at most `new_per_day` new cards are introduced per local
day. When nothing is due, learning cards due within `learn_ahead` seconds are offered
(Anki does this with 20 minutes; 5 keeps a card just rated Good, due in 10 minutes, from
coming straight back), so a card failed a minute ago returns at the end of a session.
"""
from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

from reader.core.flashcards.notes import DueCounts, Note
from reader.core.flashcards.store import FlashcardStore

RATINGS = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}
RATING_LABELS = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good",
                 Rating.Easy: "Easy"}


def utc(moment: datetime | None = None) -> datetime:
    """`moment` (or now) as an aware datetime whose tzinfo is `timezone.utc` itself."""
    if moment is None:
        return datetime.now(UTC)
    if moment.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    return moment.astimezone(UTC)


def _dt(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


def _local_day_start(moment: datetime) -> float:
    local = time.localtime(moment.timestamp())
    return time.mktime((local.tm_year, local.tm_mon, local.tm_mday, 0, 0, 0, 0, 0, -1))


def describe_interval(delta: timedelta) -> str:
    """'1m', '10m', '3h', '4d', '2.5mo', '1.2y': how long until a card comes back."""
    seconds = max(0.0, delta.total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


class Reviewer:
    """Due counts, the next card to study, and ratings, over a `FlashcardStore`."""

    def __init__(self, store: FlashcardStore, scheduler: Scheduler | None = None,
                 new_per_day: int = 20, learn_ahead: float = 5 * 60) -> None:
        self.store = store
        self.scheduler = scheduler or Scheduler()
        self.new_per_day = new_per_day
        self.learn_ahead = learn_ahead

    # -- cards -------------------------------------------------------------------------
    def card(self, note_id: int) -> Card:
        """The FSRS card of a note, as stored."""
        rows = self.store.query("SELECT * FROM cards WHERE note_id = ?", (note_id,))
        if not rows:
            raise ValueError(f"no card for note {note_id}")
        r = rows[0]
        return Card(card_id=r["id"], state=State(r["state"]), step=r["step"],
                    stability=r["stability"], difficulty=r["difficulty"], due=_dt(r["due"]),
                    last_review=_dt(r["last_review"]))

    def rate(self, note_id: int, rating: Rating | int, now: datetime | None = None,
             duration_ms: int | None = None) -> Card:
        """Rate a note's card (1 Again, 2 Hard, 3 Good, 4 Easy); stores card and log."""
        rating = RATINGS[int(rating)] if not isinstance(rating, Rating) else rating
        moment = utc(now)
        card, log = self.scheduler.review_card(self.card(note_id), rating, moment, duration_ms)
        with self.store.transaction() as con:
            con.execute(
                "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
                "last_review = ? WHERE id = ?",
                (int(card.state), card.step, card.stability, card.difficulty,
                 card.due.timestamp(), card.last_review.timestamp() if card.last_review else None,
                 card.card_id))
            con.execute(
                "INSERT INTO review_log (card_id, rating, reviewed_at, duration_ms, state, "
                "stability, difficulty, due) VALUES (?,?,?,?,?,?,?,?)",
                (card.card_id, int(log.rating), log.review_datetime.timestamp(),
                 log.review_duration, int(card.state), card.stability, card.difficulty,
                 card.due.timestamp()))
        return card

    def preview(self, note_id: int, now: datetime | None = None) -> dict[Rating, timedelta]:
        """For each rating, how long until the card would be due again (nothing stored)."""
        moment = utc(now)
        card = self.card(note_id)
        out = {}
        for rating in RATINGS.values():
            after, _ = self.scheduler.review_card(Card.from_dict(card.to_dict()), rating, moment)
            out[rating] = after.due - moment
        return out

    def history(self, note_id: int) -> list[dict]:
        """The review log of a note, oldest first."""
        rows = self.store.query(
            "SELECT l.* FROM review_log l JOIN cards c ON c.id = l.card_id WHERE c.note_id = ? "
            "ORDER BY l.reviewed_at, l.id", (note_id,))
        return [dict(r) for r in rows]

    # -- queues ------------------------------------------------------------------------
    def _deck_clause(self, deck: str | None) -> tuple[str, tuple]:
        if deck is None:
            return "", ()
        return " AND n.deck_id = (SELECT id FROM decks WHERE name = ?)", (deck,)

    def _new_allowance(self, moment: datetime) -> int:
        start = _local_day_start(moment)
        introduced = self.store.query(
            "SELECT COUNT(*) FROM (SELECT card_id, MIN(reviewed_at) AS first FROM review_log "
            "GROUP BY card_id) WHERE first >= ?", (start,))[0][0]
        return max(0, self.new_per_day - introduced)

    def due_counts(self, deck: str | None = None, now: datetime | None = None) -> DueCounts:
        """New (within today's allowance), learning and review cards due now."""
        moment = utc(now)
        clause, params = self._deck_clause(deck)
        rows = self.store.query(
            "SELECT SUM(c.last_review IS NULL), "
            "SUM(c.last_review IS NOT NULL AND c.state != 2 AND c.due <= ?), "
            "SUM(c.last_review IS NOT NULL AND c.state = 2 AND c.due <= ?) "
            f"FROM cards c JOIN notes n ON n.id = c.note_id WHERE 1{clause}",
            (moment.timestamp(), moment.timestamp(), *params))
        new, learning, review = (int(v or 0) for v in rows[0])
        return DueCounts(min(new, self._new_allowance(moment)), learning, review)

    def due_by_deck(self, now: datetime | None = None) -> dict[str, DueCounts]:
        """Due counts of every deck, by deck name."""
        return {d.name: self.due_counts(d.name, now) for d in self.store.decks()}

    def next(self, deck: str | None = None, now: datetime | None = None) -> Note | None:
        """The note to study next: due learning/review cards first, then new ones."""
        moment = utc(now)
        ts = moment.timestamp()
        clause, params = self._deck_clause(deck)
        base = f"SELECT n.id FROM cards c JOIN notes n ON n.id = c.note_id WHERE 1{clause}"
        rows = self.store.query(
            base + " AND c.last_review IS NOT NULL AND c.due <= ? ORDER BY c.due LIMIT 1",
            (*params, ts))
        if not rows and self._new_allowance(moment) > 0:
            rows = self.store.query(
                base + " AND c.last_review IS NULL ORDER BY n.created, n.id LIMIT 1", params)
        if not rows and self.learn_ahead > 0:
            rows = self.store.query(
                base + " AND c.last_review IS NOT NULL AND c.state != 2 AND c.due <= ? "
                "ORDER BY c.due LIMIT 1", (*params, ts + self.learn_ahead))
        return self.store.note(rows[0]["id"]) if rows else None

    def next_due_time(self, deck: str | None = None) -> datetime | None:
        """When the earliest reviewed card of the deck falls due."""
        clause, params = self._deck_clause(deck)
        rows = self.store.query(
            "SELECT MIN(c.due) FROM cards c JOIN notes n ON n.id = c.note_id "
            f"WHERE c.last_review IS NOT NULL{clause}", params)
        return _dt(rows[0][0])
