"""The reader's corrections on disk, in the user data folder's `corrections/` folder.

    words.txt     one word per line: always kept as one word (fed to the segmenter)
    splits.txt    `银行行长 = 银行 行长`: a word cut into parts
    readings.txt  `行长 = hang2 zhang3`: a word's reading, used before the model's
    articles.json per-article corrections, keyed by article id

The text files are meant to be read and edited by hand (`#` starts a comment). Every
change re-reads the files and writes them atomically while holding a lock file
(`reader.core.filelock`), so the window and the command line never lose each other's
edits. A file with a line that cannot be parsed is never overwritten: the change is
refused with the line's number.
"""
from __future__ import annotations

import contextlib
import csv
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.core.atomic import write_text_atomic
from reader.core.corrections.rules import (
    CorrectionError,
    Rules,
    check_reading,
    check_split,
    check_word,
    fix_readings,
    merge_spans,
    split_tokens,
)
from reader.core.datafile import read_data_file
from reader.core.filelock import LockTimeout, file_lock

FOLDER = "corrections"
KINDS = ("word", "split", "reading")
GLOBAL = "global"
MAX_CSV_ROWS = 100_000
_HEADERS = {
    "words.txt": "# Words always kept as one word, one per line.\n",
    "splits.txt": "# Words cut into parts: WORD = PART PART ...\n",
    "readings.txt": "# Readings used instead of the model's: WORD = pin1 yin1\n",
}


class Corrections:
    """Global and per-article corrections; the annotator asks `rules_for(article_id)`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[str] = []
        self._global = Rules()
        self._articles: dict[str, Rules] = {}
        self._lock = threading.RLock()
        self._listeners: list[Callable[[], None]] = []
        self.reload()

    # -- reading ------------------------------------------------------------------------
    def reload(self) -> None:
        with self._lock:
            self._global, self._articles, self.problems = self._read()

    def _read(self) -> tuple[Rules, dict[str, Rules], list[str]]:
        problems: list[str] = []
        rules = Rules()
        for name, kind in (("words.txt", "word"), ("splits.txt", "split"),
                           ("readings.txt", "reading")):
            text, problem = read_data_file(self.folder / name)
            if problem:
                problems.append(problem)
            for number, line in enumerate(text.splitlines(), start=1):
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                try:
                    _add_line(rules, kind, line)
                except CorrectionError as exc:
                    problems.append(f"{self.folder / name}:{number}: {exc}")
        articles: dict[str, Rules] = {}
        text, problem = read_data_file(self.folder / "articles.json")
        if problem:
            problems.append(problem)
        if text.strip():
            try:
                data = json.loads(text)
                articles = {str(k): Rules.from_json(v) for k, v in dict(data).items()}
            except (ValueError, TypeError, CorrectionError) as exc:
                problems.append(f"{self.folder / 'articles.json'}: {exc}")
        return rules, articles, problems

    def rules_for(self, article_id: str = "") -> list[Rules]:
        """The rules that apply to an article: global first, then the article's own."""
        with self._lock:
            scopes = [self._global]
            if article_id and article_id in self._articles:
                scopes.append(self._articles[article_id])
            return [s for s in scopes if s]

    def rows(self, article_id: str | None = None) -> list[tuple[str, str, str, str]]:
        """(scope, kind, word, value) of every correction (or of one article's)."""
        with self._lock:
            if article_id:
                found = self._articles.get(article_id)
                return found.rows(article_id) if found else []
            out = self._global.rows(GLOBAL)
            for key in sorted(self._articles):
                out += self._articles[key].rows(key)
            return out

    def add_listener(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    # -- changing -------------------------------------------------------------------------
    def add(self, kind: str, word: str, value="", article_id: str = "") -> str:
        """Add (or replace) a correction; returns its one-line description."""
        if kind not in KINDS:
            raise CorrectionError(f"unknown kind {kind!r}; use {', '.join(KINDS)}")
        with self._change() as (rules, articles):
            scope = articles.setdefault(article_id, Rules()) if article_id else rules
            word = check_word(word)
            _remove(scope, word)
            if kind == "word":
                scope.words.add(word)
                return f"{word} is always one word"
            if kind == "split":
                scope.splits[word] = check_split(word, value)
                return f"{word} is split as {' '.join(scope.splits[word])}"
            scope.readings[word] = check_reading(word, value)
            return f"{word} is read {scope.readings[word]}"

    def remove(self, word: str, kind: str = "", article_id: str = "") -> int:
        """Remove a word's corrections (of one kind, if given); returns how many."""
        with self._change() as (rules, articles):
            scope = articles.get(article_id) if article_id else rules
            if scope is None:
                return 0
            removed = _remove(scope, check_word(word), kind)
            if article_id and not scope:
                articles.pop(article_id, None)
            return removed

    @contextlib.contextmanager
    def _change(self) -> Iterator[tuple[Rules, dict[str, Rules]]]:
        """Re-read under the lock, let the caller change, write what changed."""
        try:
            with self._lock, file_lock(self.folder / "corrections"):
                yield from self._locked_change()
        except LockTimeout as exc:
            raise CorrectionError(str(exc)) from None
        for callback in list(self._listeners):
            callback()

    def _locked_change(self) -> Iterator[tuple[Rules, dict[str, Rules]]]:
        """(Under the lock) the files as they are now; written back after the change."""
        rules, articles, problems = self._read()
        if problems:
            raise CorrectionError(f"fix this first (the file is left as it is): {problems[0]}")
        yield rules, articles
        self._write(rules, articles)
        self._global, self._articles, self.problems = rules, articles, []

    def _write(self, rules: Rules, articles: dict[str, Rules]) -> None:
        write_text_atomic(self.folder / "words.txt",
                          _HEADERS["words.txt"] + "".join(f"{w}\n" for w in sorted(rules.words)))
        write_text_atomic(self.folder / "splits.txt", _HEADERS["splits.txt"] + "".join(
            f"{w} = {' '.join(p)}\n" for w, p in sorted(rules.splits.items())))
        write_text_atomic(self.folder / "readings.txt", _HEADERS["readings.txt"] + "".join(
            f"{w} = {r}\n" for w, r in sorted(rules.readings.items())))
        data = {k: v.to_json() for k, v in sorted(articles.items()) if v}
        write_text_atomic(self.folder / "articles.json",
                          json.dumps(data, ensure_ascii=False, indent=2) + "\n")

    # -- CSV ------------------------------------------------------------------------------
    def export_csv(self, path: Path) -> int:
        rows = self.rows()
        lines = [("scope", "kind", "word", "value"), *rows]
        from io import StringIO

        buffer = StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(lines)
        write_text_atomic(path, buffer.getvalue())
        return len(rows)

    def import_csv(self, path: Path) -> tuple[int, list[str]]:
        """Add every valid row; returns (rows added, one line per bad row)."""
        text, problem = read_data_file(Path(path))
        if problem:
            raise CorrectionError(problem)
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames or not {"kind", "word"} <= set(reader.fieldnames):
            raise CorrectionError(f"{path}: needs the columns scope, kind, word, value")
        added, problems = 0, []
        with self._change() as (rules, articles):
            for number, row in enumerate(reader, start=2):
                if number > MAX_CSV_ROWS:
                    problems.append(f"{path}: stopped after {MAX_CSV_ROWS} rows")
                    break
                scope_id = (row.get("scope") or GLOBAL).strip()
                scope = rules if scope_id == GLOBAL else articles.setdefault(scope_id, Rules())
                try:
                    _add_line(scope, (row.get("kind") or "").strip(),
                              f"{row.get('word') or ''} = {row.get('value') or ''}")
                    added += 1
                except CorrectionError as exc:
                    problems.append(f"{path}:{number}: {exc}")
        return added, problems

    # -- the annotator's hook -----------------------------------------------------------
    def merge_spans(self, text: str, article_id: str = "") -> list[tuple[int, int]]:
        return merge_spans(text, self.rules_for(article_id))

    def split_tokens(self, text: str, starts, article_id: str = ""):
        return split_tokens(text, starts, self.rules_for(article_id))

    def fix_readings(self, text: str, starts, readings: list[str], article_id: str = "") -> None:
        fix_readings(text, starts, readings, self.rules_for(article_id))


def _add_line(rules: Rules, kind: str, line: str) -> None:
    word, _, value = line.partition("=") if kind != "word" else (line.split("=")[0], "", "")
    word, value = word.strip(), value.strip()
    if kind == "word":
        rules.words.add(check_word(word))
    elif kind == "split":
        rules.splits[check_word(word)] = check_split(word, value)
    elif kind == "reading":
        rules.readings[check_word(word)] = check_reading(word, value)
    else:
        raise CorrectionError(f"unknown kind {kind!r}; use {', '.join(KINDS)}")


def _remove(scope: Rules, word: str, kind: str = "") -> int:
    removed = 0
    if kind in ("", "word") and word in scope.words:
        scope.words.discard(word)
        removed += 1
    if kind in ("", "split") and scope.splits.pop(word, None) is not None:
        removed += 1
    if kind in ("", "reading") and scope.readings.pop(word, None) is not None:
        removed += 1
    return removed


def install(annotator, corrections: Corrections) -> None:
    """Make `annotator` apply the corrections (global, and the article's own)."""
    annotator.corrections = corrections
