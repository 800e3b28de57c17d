"""The command line: `python main.py COMMAND ...`, over the same core the window uses.

Each command lives in one `cmd_*.py` module with `register(subparsers)`; COMMANDS below
lists them (one line per command). Handlers take `(args, services)` and return an exit status.
Bad input raises `CliError`, printed as one line on stderr (exit status 2 by default).
"""
from __future__ import annotations

import argparse
import functools
import importlib
import sys
from collections.abc import Sequence

from reader.core.services import Services


class CliError(Exception):
    """A user-facing error: one line on stderr and an exit status."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, status 2, no usage dump
        raise CliError(f"{self.prog}: {message}")


# Command name -> the module under reader.cli that registers it.
COMMANDS: dict[str, str] = {
    "annotate": "cmd_annotate",
    "convert": "cmd_convert",
    "deck": "cmd_deck",
    "gloss": "cmd_gloss",
    "glossary": "cmd_glossary",
    "import": "cmd_import",
    "library": "cmd_library",
    "lookup": "cmd_lookup",
    "people": "cmd_people",
    "translate": "cmd_translate",
}


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reader", description="Bilingual Chinese-English reading aid.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for module in dict.fromkeys(COMMANDS.values()):
        importlib.import_module(f"reader.cli.{module}").register(sub)
    return parser


def command_names() -> set[str]:
    """The first words that select a command (the window opens for anything else)."""
    return set(COMMANDS)


def run(argv: Sequence[str], services: Services | None = None) -> int:
    """Run one command; returns the exit status. Never lets a traceback reach the user."""
    try:
        parser = build_parser()
        args = parser.parse_args(list(argv))
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        return int(args.handler(args, services or Services()) or 0)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
