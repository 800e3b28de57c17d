"""`lookup`: glossary, people and CC-CEDICT results for Chinese, pinyin or English.

The same ranked results as the window's Dictionary tab (`reader.core.lookup.search`).
"""
from __future__ import annotations

from reader.cli import CliError
from reader.cli.common import print_json


def register(sub) -> None:
    parser = sub.add_parser("lookup", help="look a word up (Chinese, pinyin or English)")
    parser.add_argument("word", nargs="+")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--limit", type=int, default=20, help="results shown (default 20)")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    from reader.core.lookup import search

    query = " ".join(args.word).strip()
    if not query:
        raise CliError("give a word to look up")
    limit = max(1, min(args.limit, 200))
    results = search(query, services.dictionary, services.glossary, services.people, limit)
    if args.json:
        print_json({
            "query": query,
            "results": [r.to_json() for r in results],
            "entries": [r.item.to_json() for r in results if r.source == "dictionary"],
            **_extra_lookups(query, services),
        })
        return 0
    if not results:
        print(f"no entry for {query}")
        return 1
    for result in results:
        print(result.line())
    return 0


def _extra_lookups(query: str, services) -> dict:
    """The glossary's own one-line answer for an exact term (kept in --json for scripts)."""
    from reader.cli.cmd_glossary import glossary_lookup

    return glossary_lookup(query, services)
