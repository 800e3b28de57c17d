"""`lookup`: dictionary entries for a word, a pinyin reading or an English word."""
from __future__ import annotations

from reader.cli import CliError
from reader.cli.common import print_json


def register(sub) -> None:
    parser = sub.add_parser("lookup", help="look a word up (Chinese, pinyin or English)")
    parser.add_argument("word", nargs="+")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    query = " ".join(args.word).strip()
    if not query:
        raise CliError("give a word to look up")
    entries = services.dictionary.search(query)
    extra = _extra_lookups(query, services)
    if args.json:
        print_json({"query": query, "entries": [e.to_json() for e in entries], **extra})
        return 0
    for key, lines in extra.items():
        for line in lines:
            print(f"[{key}] {line}")
    if not entries and not extra:
        print(f"no entry for {query}")
        return 1
    for entry in entries:
        head = entry.simplified if entry.simplified == entry.traditional else (
            f"{entry.simplified} [{entry.traditional}]")
        print(f"{head}  {entry.pinyin}  /{'/'.join(entry.senses)}/")
    return 0


def _extra_lookups(query: str, services) -> dict:
    """Other sources (glossary, people) that know the word; empty until they exist."""
    from reader.cli.cmd_glossary import glossary_lookup

    extra = {}
    extra.update(glossary_lookup(query, services))
    return extra
