"""`convert`: a text in another script standard."""
from __future__ import annotations

import sys

from reader.cli.common import add_source, read_source
from reader.core.text.scripts import convert

TARGETS = {
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2tw",
    "hongkong": "s2hk",
    "taiwan-phrases": "s2twp",
}


def register(sub) -> None:
    parser = sub.add_parser("convert", help="convert between Simplified and Traditional")
    add_source(parser)
    parser.add_argument("--to", required=True, choices=sorted(TARGETS))
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    text, _ = read_source(args, services)
    config = TARGETS[args.to]
    # The original goes straight to the target: a detour through Simplified would lose
    # the Traditional variants already in the text (彆/別, 擡/抬) and mis-segment phrases.
    # Mixed text converts fine either way, as each config passes the other script through.
    sys.stdout.write(convert(text, config))
    if not text.endswith("\n"):
        sys.stdout.write("\n")
    return 0
