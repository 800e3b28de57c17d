"""`library`: list the articles (bundled and imported)."""
from __future__ import annotations

from reader.cli.common import print_json


def register(sub) -> None:
    parser = sub.add_parser("library", help="the articles you can read")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="id, title, script and length of each article")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def run_list(args, services) -> int:
    articles = services.library.list()
    if args.json:
        print_json([
            {"id": a.id, "title": a.title, "script": str(a.script), "length": a.length,
             "publication": a.publication, "date": a.date, "source": a.source}
            for a in articles
        ])
        return 0
    for a in articles:
        print(f"{a.id}\t{a.title}\t{a.script}\t{a.length}")
    return 0
