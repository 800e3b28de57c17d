"""`people`: who is named in a text, one person per line with mention count and role."""
from __future__ import annotations

import sys

from reader.cli.cmd_annotate import VIEW_CHOICES
from reader.cli.common import add_source, read_source
from reader.core.text.scripts import View


def register(sub) -> None:
    parser = sub.add_parser("people", help="list the people a text names (aliases merged)")
    add_source(parser)
    parser.add_argument("--script", choices=VIEW_CHOICES, default="original",
                        help="script of the names (default: as written)")
    parser.add_argument("--sort", choices=("first", "count"), default="first",
                        help="order: by first mention (default) or by mention count")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    text, _title = read_source(args, services)
    view = View(args.script)
    people = services.people
    for problem in people.problems:
        print(f"warning: {problem}", file=sys.stderr)
    document = services.annotator.annotate(text)
    entries = people.in_document(document)
    if args.sort == "count":
        entries.sort(key=lambda e: (-e.count, e.first))
    for entry in entries:
        person = entry.person
        view_text = document.text(view)
        mentions = [(document.to_view_offset(s, view), document.to_view_offset(e, view))
                    for s, e in entry.mentions]
        name = people.display_name(person, document, view, mentions)
        others = list(dict.fromkeys(view_text[s:e] for s, e in mentions
                                    if view_text[s:e] != name))
        fields = [name, person.pinyin, person.english,
                  f"{entry.count} mention{'s' if entry.count != 1 else ''}",
                  person.role or ("detected" if person.source == "detected" else "")]
        if others:
            fields.append("also: " + ", ".join(others))
        print("\t".join(fields))
    if not entries:
        print("no people found")
    return 0
