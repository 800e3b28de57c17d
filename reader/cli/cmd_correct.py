"""`correct`: the reader's corrections of words and readings (global, or --article ID).

    correct word WORD                 always one word
    correct split WORD A B [...]      cut a word into parts
    correct reading WORD PINYIN       read a word this way (hang2 zhang3 or háng zhǎng)
    correct list [--json]
    correct remove WORD [--kind word|split|reading]
    correct export FILE.csv | correct import FILE.csv
"""
from __future__ import annotations

from pathlib import Path

from reader.cli import CliError
from reader.cli.common import print_json
from reader.core.corrections.rules import CorrectionError


def register(sub) -> None:
    parser = sub.add_parser("correct", help="fix a word split or a reading (see: correct -h)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    for name, text in (("word", "always keep WORD as one word"),
                       ("split", "split WORD into parts A B ..."),
                       ("reading", "read WORD as PINYIN"),
                       ("list", "list the corrections"),
                       ("remove", "remove a word's corrections"),
                       ("export", "write every correction to a CSV file"),
                       ("import", "add the corrections of a CSV file")):
        action = actions.add_parser(name, help=text)
        if name in ("word", "split", "reading", "remove"):
            action.add_argument("word")
        if name == "split":
            action.add_argument("parts", nargs="+")
        if name == "reading":
            action.add_argument("pinyin", nargs="+")
        if name == "remove":
            action.add_argument("--kind", choices=["word", "split", "reading"], default="")
        if name in ("export", "import"):
            action.add_argument("csv", metavar="FILE.csv")
        if name == "list":
            action.add_argument("--json", action="store_true")
        if name not in ("export", "import"):
            action.add_argument("--article", metavar="ID", default="",
                                help="only for this article (default: every article)")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    if not args.action:
        raise CliError("give an action: word, split, reading, list, remove, export, import")
    corrections = services.corrections
    article = getattr(args, "article", "")
    if article and services.library.get(article) is None:
        raise CliError(f"no article with id {article!r} (see: library list)")
    try:
        if args.action == "list":
            return _list(corrections, article, args.json)
        if args.action == "remove":
            removed = corrections.remove(args.word, args.kind, article)
            if not removed:
                raise CliError(f"no correction for {args.word}", 1)
            print(f"removed {removed} correction{'s' if removed > 1 else ''} of {args.word}")
            return 0
        if args.action == "export":
            print(f"exported {corrections.export_csv(Path(args.csv))} corrections")
            return 0
        if args.action == "import":
            added, problems = corrections.import_csv(Path(args.csv))
            for problem in problems[:20]:
                print(f"skipped: {problem}")
            print(f"imported {added} corrections")
            return 0
        value = {"word": "", "split": getattr(args, "parts", None),
                 "reading": " ".join(getattr(args, "pinyin", []) or [])}[args.action]
        done = corrections.add(args.action, args.word, value, article)
    except CorrectionError as exc:
        raise CliError(str(exc)) from None
    print(done + (f" in {article}" if article else " in every article"))
    return 0


def _list(corrections, article: str, as_json: bool) -> int:
    rows = corrections.rows(article or None)
    if as_json:
        print_json([dict(zip(("scope", "kind", "word", "value"), row, strict=True))
                    for row in rows])
        return 0
    for problem in corrections.problems:
        print(f"problem: {problem}")
    if not rows:
        print("no corrections")
    for scope, kind, word, value in rows:
        print(f"{scope}\t{kind}\t{word}\t{value}".rstrip())
    return 0
