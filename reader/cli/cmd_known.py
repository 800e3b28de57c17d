"""`known`: the words the reader already knows.

    known import-anki --deck D --field F [--url U]   statuses from Anki's card intervals

Each action registers itself from its own function (`register_import_anki` lives with the
other Anki commands in cmd_anki), so more actions can join this group with one line each.
"""
from __future__ import annotations

from reader.cli.cmd_anki import register_import_anki


def register(sub) -> None:
    parser = sub.add_parser("known", help="words you know: import them from Anki")
    actions = parser.add_subparsers(dest="known_action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    register_import_anki(actions)
