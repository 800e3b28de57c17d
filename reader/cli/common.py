"""Shared command-line pieces: the FILE|-|--article ID source, JSON output."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.cli import CliError
from reader.core.library.encodings import (
    TextInputError,
    decode_bytes,
    read_stream_limited,
    read_text_file,
)


def add_source(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """FILE (or - for standard input), or --article ID from the library."""
    parser.add_argument("file", nargs="?", metavar="FILE", help="a text file, or - for stdin")
    parser.add_argument("--article", metavar="ID", help="an article of the library")
    parser.set_defaults(_source_required=required)


def read_source(args: argparse.Namespace, services) -> tuple[str, str]:
    """(text, title) from FILE, stdin, or --article."""
    if args.article and args.file:
        raise CliError("give either FILE or --article, not both")
    if args.article:
        found = services.library.get(args.article)
        if found is None:
            raise CliError(f"no article with id {args.article!r} (see: library list)")
        info, text = found
        return text, info.title
    if not args.file:
        if getattr(args, "_source_required", True):
            raise CliError("give a FILE, - for standard input, or --article ID")
        return "", ""
    try:
        if args.file == "-":
            limit = services.library.max_bytes()
            decoded = decode_bytes(read_stream_limited(sys.stdin.buffer, limit))
            return decoded.text, "stdin"
        path = Path(args.file)
        return read_text_file(path, services.library.max_bytes()).text, path.stem
    except TextInputError as exc:
        raise CliError(str(exc)) from None


def print_json(value) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False))  # one C-encoded string: fast
    sys.stdout.write("\n")
