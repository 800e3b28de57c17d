"""The command line: `python main.py COMMAND ...`, over the same core the window uses.

Each command lives in one `cmd_*.py` module with `register(subparsers)`; COMMANDS below
lists them (one line per command). Handlers take `(args, services)` and return an exit status.
Bad input raises `CliError`, printed as one line on stderr (exit status 2 by default).
"""
from __future__ import annotations

import argparse
import functools
import importlib
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from reader.core.paths import MissingDataError
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
    "anki": "cmd_anki",
    "annotate": "cmd_annotate",
    "convert": "cmd_convert",
    "correct": "cmd_correct",
    "deck": "cmd_deck",
    "gloss": "cmd_gloss",
    "glossary": "cmd_glossary",
    "import": "cmd_import",
    "known": "cmd_known",
    "library": "cmd_library",
    "lookup": "cmd_lookup",
    "people": "cmd_people",
    "stats": "cmd_stats",
    "speak": "cmd_speak",
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
    services = services or Services()
    try:
        parser = build_parser()
        args = parser.parse_args(list(argv))
        if not getattr(args, "handler", None):
            parser.print_help()
            return 2
        return int(args.handler(args, services) or 0)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.status
    except MissingDataError as exc:  # a broken install: say which file, once
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a data or disk problem: one line, never a traceback
        message = failure_message(exc)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return 1
    finally:
        print_notices(services)


def failure_message(exc: BaseException) -> str | None:
    """One line for an error of the user's data or disk (None: a bug, let it show)."""
    from reader.core.sqlite_safe import DatabaseUnavailable, kind_of, unavailable
    from reader.core.userfile import UserFileError

    if isinstance(exc, (DatabaseUnavailable, UserFileError)) or type(exc).__name__ in (
            "StoreError", "LibraryError", "GlossaryError", "TextInputError"):
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, OSError):
        if kind_of(exc) == "full":
            where = f" ({exc.filename})" if exc.filename else ""
            return f"the disk is full{where}; nothing was changed"
        return f"{exc.filename or 'a file'}: {exc.strerror or exc}"
    if isinstance(exc, sqlite3.Error):
        return str(unavailable("database", Path(getattr(exc, "filename", "") or "?"), exc))
    if isinstance(exc, MemoryError):
        return "not enough memory for this input"
    return None


def print_notices(services: Services) -> None:
    """Print, once, the notices of files moved aside or rebuilt (settings, library, cache)."""
    notices = []
    if services.is_built("settings") and services.settings.notice:
        notices.append(services.settings.notice)
        services.settings.notice = ""
    if services.is_built("library") and services.library.store is not None:
        notices.append(services.library.store.take_notice())
    if services.is_built("translator"):
        notices.append(services.translator.cache.take_notice())
    if services.is_built("flashcards"):
        notices.append(services.flashcards.take_notice())
    if services.is_built("study"):
        notices.append(services.study.take_notice())
    for notice in notices:
        if notice:
            print(f"notice: {notice}", file=sys.stderr)
