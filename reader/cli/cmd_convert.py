"""`convert`: a text in another script standard."""
from __future__ import annotations

import sys

from reader.cli.common import add_source, read_source
from reader.core.text.scripts import convert, to_simplified

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
    # Traditional targets convert from Simplified, so mixed input comes out uniform.
    source = text if config == "t2s" else to_simplified(text)
    sys.stdout.write(convert(source, config))
    if not text.endswith("\n"):
        sys.stdout.write("\n")
    return 0
