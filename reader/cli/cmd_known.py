"""`known`: the reader's word statuses.

    known add WORD... [--status S]           mark words known (or learning/ignored/new)
    known remove WORD...                     forget their status (new again)
    known level N [--hsk 3.0|2.0]            every word of HSK levels 1…N known
    known import FILE [--field N] [--status S]   a word list, Anki or Pleco export
    known flashcards                         statuses from our flashcards (stability ≥ 21 d)
    known list [--status S] [--json]         the words with a status
    known import-anki --deck D --field F [--url U]   statuses from Anki (see cmd_anki)

ACTIONS lists the actions (name → function adding its parser); another module may append
one (e.g. an AnkiConnect import) before the parser is built.
"""
from __future__ import annotations

import sys
from collections.abc import Callable

from reader.cli import CliError
from reader.cli.common import print_json

STATUSES = ("new", "learning", "known", "ignored")


def study_of(services):
    """The Study service (its notice is printed once by `reader.cli.run`); a database that
    cannot be used is one line."""
    from reader.core.study import StudyError

    try:
        return services.study
    except StudyError as exc:
        raise CliError(str(exc)) from None


def _add_add(actions) -> None:
    p = actions.add_parser("add", help="give words a status (default: known)")
    p.add_argument("words", nargs="+", metavar="WORD")
    p.add_argument("--status", choices=STATUSES, default="known")
    p.set_defaults(handler=run_add)


def _add_remove(actions) -> None:
    p = actions.add_parser("remove", help="forget words' status (they are new again)")
    p.add_argument("words", nargs="+", metavar="WORD")
    p.set_defaults(handler=run_remove)


def _add_level(actions) -> None:
    p = actions.add_parser("level", help="mark every word of HSK levels 1…N known")
    p.add_argument("level", metavar="N")
    p.add_argument("--hsk", default="3.0", metavar="3.0|2.0", help="HSK version (default 3.0)")
    p.set_defaults(handler=run_level)


def _add_import(actions) -> None:
    p = actions.add_parser("import", help="a word list (one per line), Anki .txt/CSV or Pleco export")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--field", type=int, metavar="N", help="the field holding the word (from 1)")
    p.add_argument("--status", choices=("learning", "known", "ignored"), default="known")
    p.set_defaults(handler=run_import)


def _add_flashcards(actions) -> None:
    p = actions.add_parser("flashcards", help="statuses from this app's flashcards")
    p.set_defaults(handler=run_flashcards)


def _add_list(actions) -> None:
    p = actions.add_parser("list", help="words with a status")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_list)


def _add_import_anki(actions) -> None:
    """`known import-anki` (cmd_anki); after it, the statuses join the word-status store."""
    from reader.cli.cmd_anki import register_import_anki

    register_import_anki(actions)
    parser = actions.choices.get("import-anki")
    inner = parser.get_default("handler") if parser is not None else None
    if inner is None:
        return

    def handler(args, services) -> int:
        status = inner(args, services)
        if not status:
            changes = study_of(services).adopt_anki(services.flashcards.store)
            print("word statuses: " + ", ".join(f"{n} newly {s}" for s, n in changes.items()),
                  file=sys.stderr)  # stdout stays the import's own one-line summary
        return status

    parser.set_defaults(handler=handler)


ACTIONS: list[Callable] = [_add_add, _add_remove, _add_level, _add_import, _add_flashcards,
                           _add_list, _add_import_anki]


def register(sub) -> None:
    parser = sub.add_parser("known", help="words you know: add, remove, HSK level, import, list")
    actions = parser.add_subparsers(dest="known_action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    for add in ACTIONS:
        add(actions)


def run_add(args, services) -> int:
    changed = study_of(services).store.set(args.words, args.status)
    print(f"{changed} word(s) now {args.status}")
    return 0


def run_remove(args, services) -> int:
    changed = study_of(services).store.remove(args.words)
    print(f"{changed} word(s) reset to new")
    return 0


def run_level(args, services) -> int:
    from reader.core.study import HskError

    study = study_of(services)
    try:
        changed = study.mark_level(args.level, args.hsk)
    except HskError as exc:
        raise CliError(str(exc)) from None
    print(f"{changed} word(s) of HSK {args.hsk} levels 1–{args.level} newly known")
    return 0


def run_import(args, services) -> int:
    from reader.core.study import Status, WordFileError

    study = study_of(services)
    try:
        found, changed = study.import_file(args.file, args.field, Status(args.status))
    except WordFileError as exc:
        raise CliError(str(exc)) from None
    print(f"{len(found.words)} word(s) read ({found.format}, {found.skipped} entries skipped); "
          f"{changed} newly {args.status}")
    return 0


def run_flashcards(args, services) -> int:
    from reader.cli.cmd_deck import _flashcards

    changes = study_of(services).sync_flashcards(_flashcards(services).store)
    print(", ".join(f"{n} newly {status}" for status, n in changes.items()))
    return 0


def run_list(args, services) -> int:
    from reader.core.study import Status

    rows = study_of(services).store.items(Status(args.status) if args.status else None)
    if args.json:
        print_json([{"word": w, "status": str(s), "source": src, "updated": t}
                    for w, s, src, t in rows])
        return 0
    for word, status, source, _t in rows:
        print(f"{word}\t{status}\t{source}")
    return 0
