"""`library`: list, search, rename and remove articles (bundled and imported)."""
from __future__ import annotations

import sys

from reader.cli import CliError
from reader.cli.common import print_json
from reader.core.library.catalog import LibraryError


def register(sub) -> None:
    parser = sub.add_parser("library", help="the articles you can read")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="id, title, script and length of each article")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    search = actions.add_parser("search", help="titles and texts containing QUERY (either script)")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=run_search)
    rename = actions.add_parser("rename", help="give an article a new title")
    rename.add_argument("id", metavar="ID")
    rename.add_argument("title", metavar="TITLE")
    rename.set_defaults(handler=run_rename)
    remove = actions.add_parser("remove", help="delete an imported article")
    remove.add_argument("ids", nargs="+", metavar="ID", help="full ids (no prefixes)")
    remove.set_defaults(handler=run_remove)


def run_list(args, services) -> int:
    services.library.clean_up()  # printed with the other notices
    articles = services.library.list()
    if args.json:
        print_json([
            {"id": a.id, "title": a.title, "script": str(a.script), "length": a.length,
             "publication": a.publication, "date": a.date, "source": a.source,
             "source_file": a.extra.get("source_file", ""),
             "encoding": a.extra.get("encoding", ""),
             "progress": round(a.extra.get("progress", 0.0), 4)}
            for a in articles
        ])
        return 0
    for a in articles:
        print(f"{a.id}\t{a.title}\t{a.script}\t{a.length}")
    return 0


def run_search(args, services) -> int:
    hits = services.library.search(args.query)
    if args.json:
        print_json([{"id": h.id, "title": h.title, "line": h.line, "offset": h.offset,
                     "in_title": h.in_title} for h in hits])
        return 0
    for h in hits:
        print(f"{h.id}\t{h.title}\t{h.line}")
    if not hits:
        print(f"no article contains {args.query!r}", file=sys.stderr)
    return 0


def run_rename(args, services) -> int:
    try:
        info = services.library.rename(args.id, args.title)
    except LibraryError as exc:
        raise CliError(str(exc)) from None
    print(f"{info.id}\t{info.title}")
    return 0


def run_remove(args, services) -> int:
    library = services.library
    for article_id in args.ids:  # check all first so a bad id removes nothing
        if library.get_exact(article_id) is None:
            found = library.get(article_id)
            if found is not None:  # a prefix: deleting needs the whole id
                raise CliError(f"{article_id!r} is only the start of an id; removing needs the "
                               f"full id ({found[0].id})")
            raise CliError(f"no article with id {article_id!r} (see: library list)")
        if not library.is_imported(article_id):
            raise CliError(f"{article_id} is a bundled article and cannot be removed")
    for article_id in args.ids:
        library.remove(article_id)
        print(f"removed {article_id}")
    return 0
