"""`glossary`: jargon terms found in a text, entries, the user's own entries and CSV.

    glossary list [FILE|-|--article ID] [--json]   terms found (or all entries, no source)
    glossary show TERM                             one entry in full
    glossary add TERM --category C --en E --zh Z [--variants A,B] [--expansion X] ...
    glossary delete TERM                           delete a user entry / hide a bundled one
    glossary export-user CSV | import-user CSV     the user's entries as CSV
    glossary check                                 report problems in the data files
    glossary save ...                              save a text's terms as flashcards (cmd_deck)
"""
from __future__ import annotations

import sys
from pathlib import Path

from reader.cli import CliError
from reader.cli.cmd_deck import register_glossary_save
from reader.cli.common import add_source, print_json, read_source
from reader.core.glossary.data import CATEGORIES


def register(sub) -> None:
    parser = sub.add_parser("glossary", help="jargon glossary: terms in a text, user entries")
    parser.set_defaults(handler=_no_action)
    actions = parser.add_subparsers(dest="glossary_action", metavar="ACTION",
                                    parser_class=type(parser))

    found = actions.add_parser("list", help="glossary terms found in a text (or all entries)")
    add_source(found, required=False)
    found.add_argument("--json", action="store_true", help="a JSON list")
    found.set_defaults(handler=run_list)

    show = actions.add_parser("show", help="one glossary entry in full")
    show.add_argument("term", nargs="+")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    add = actions.add_parser("add", help="add or replace one of your own entries")
    add.add_argument("term")
    add.add_argument("--category", required=True, choices=CATEGORIES)
    add.add_argument("--en", required=True, help="plain-English explanation")
    add.add_argument("--zh", required=True, help="short Chinese explanation")
    add.add_argument("--variants", default="", help="other spellings, comma-separated")
    add.add_argument("--expansion", default="")
    add.add_argument("--related", default="", help="related terms, comma-separated")
    add.add_argument("--example", default="")
    add.set_defaults(handler=run_add)

    delete = actions.add_parser("delete", help="delete your entry or hide a bundled one")
    delete.add_argument("term", nargs="+")
    delete.set_defaults(handler=run_delete)

    export = actions.add_parser("export-user", help="write your own entries to a CSV file")
    export.add_argument("csv", metavar="CSV")
    export.set_defaults(handler=run_export)

    load = actions.add_parser("import-user", help="add entries from a CSV file")
    load.add_argument("csv", metavar="CSV")
    load.set_defaults(handler=run_import)

    check = actions.add_parser("check", help="report problems in the glossary files")
    check.set_defaults(handler=run_check)

    register_glossary_save(actions)  # the "save glossary to flashcards" flow, in cmd_deck



def _no_action(args, services) -> int:
    raise CliError("glossary: give an action: list, show, add, delete, export-user, "
                   "import-user, check")


def _entry_json(entry, count: int | None = None) -> dict:
    out = {"id": entry.id, **entry.to_fields(), "source": entry.source}
    if count is not None:
        out["count"] = count
    return out


def run_list(args, services) -> int:
    glossary = services.glossary
    if not args.file and not args.article:
        entries = glossary.entries()
        if args.json:
            print_json([_entry_json(e) for e in entries])
            return 0
        for entry in entries:
            print(f"{entry.term}\t[{entry.category}]\t{entry.en}")
        return 0
    text, _title = read_source(args, services)
    counts: dict[str, int] = {}
    for hit in glossary.find(text):
        counts[hit.entry_id] = counts.get(hit.entry_id, 0) + 1
    entries = [glossary.get(i) for i in counts]
    if args.json:
        print_json([_entry_json(e, counts[e.id]) for e in entries])
        return 0
    if not entries:
        print("no glossary terms found")
        return 0
    for entry in entries:
        print(f"{entry.term}\t×{counts[entry.id]}\t{entry.en}")
    return 0


def _find_entry(services, words: list[str]):
    term = " ".join(words).strip()
    entry = services.glossary.match_word(term)
    if entry is None:
        raise CliError(f"no glossary entry for {term!r} (see: glossary list)", status=1)
    return entry


def describe(entry) -> list[str]:
    """The lines that present an entry on the terminal."""
    head = entry.term + (f" ({entry.expansion})" if entry.expansion else "")
    lines = [f"{head}  [{entry.category}]", entry.en, entry.zh]
    if entry.variants:
        lines.append("variants: " + ", ".join(entry.variants))
    if entry.related:
        lines.append("related: " + ", ".join(entry.related))
    if entry.example:
        lines.append("example: " + entry.example)
    return lines


def run_show(args, services) -> int:
    entry = _find_entry(services, args.term)
    if args.json:
        print_json(_entry_json(entry))
        return 0
    print("\n".join(describe(entry)))
    return 0


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace("，", ",").split(",") if v.strip()]


def run_add(args, services) -> int:
    from reader.core.glossary.store import GlossaryError

    fields = {"term": args.term, "category": args.category, "en": args.en, "zh": args.zh,
              "variants": _split(args.variants), "expansion": args.expansion,
              "related": _split(args.related), "example": args.example}
    try:
        entry = services.glossary.save_entry(fields)
    except GlossaryError as exc:
        raise CliError(f"glossary add: {exc}") from None
    print(f"saved {entry.term} in {services.glossary.user_path}")
    return 0


def run_delete(args, services) -> int:
    entry = _find_entry(services, args.term)
    services.glossary.delete(entry.id)
    what = "hid the bundled entry" if services.glossary.is_bundled(entry.id) else "deleted"
    print(f"{what} {entry.term}")
    return 0


def run_export(args, services) -> int:
    try:
        count = services.glossary.export_user_csv(Path(args.csv))
    except OSError as exc:
        raise CliError(f"cannot write {args.csv}: {exc.strerror or exc}") from None
    print(f"exported {count} entries to {args.csv}",
          file=sys.stderr if args.csv == "-" else sys.stdout)
    return 0


def run_import(args, services) -> int:
    from reader.core.glossary.store import GlossaryError

    try:
        count, problems = services.glossary.import_user_csv(Path(args.csv))
    except GlossaryError as exc:
        raise CliError(str(exc)) from None
    for problem in problems:
        print(f"skipped: {problem}")
    print(f"imported {count} entries")
    return 0 if count or not problems else 1


def run_check(args, services) -> int:
    glossary = services.glossary
    for problem in glossary.problems:
        print(problem)
    print(f"{len(glossary)} entries, {len(glossary.problems)} problem(s)")
    return 1 if glossary.problems else 0


def glossary_lookup(query: str, services) -> dict:
    """For `lookup`: {"glossary": [lines]} when the query is a glossary term, else {}."""
    entry = services.glossary.match_word(query)
    if entry is None:
        return {}
    head = entry.term + (f" ({entry.expansion})" if entry.expansion else "")
    return {"glossary": [f"{head} [{entry.category}]: {entry.en} {entry.zh}"]}
