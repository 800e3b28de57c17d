"""`translate`: translate a text, a file or an article online (on request), with a cache.

Running the command is the consent to send its text to the engine named by `--engine`
(or the setting `translate.engine`); the window's consent question is not asked, but
the setting `translate.enabled = false` still keeps everything offline.

Exit status: 0 done, 2 bad input (an unknown target language too) or online translation
turned off, 3 the engine failed (offline, timed out, rate-limited, page changed); the
reason is one line on stderr.
"""
from __future__ import annotations

import sys
from pathlib import Path

from reader.cli import CliError
from reader.core.library.encodings import (
    TextInputError,
    decode_bytes,
    read_stream_limited,
    read_text_file,
)

ENGINE_CHOICES = ("google", "mymemory")
STATUS_FAILED = 3


def register(sub) -> None:
    parser = sub.add_parser("translate", help="translate text online (cached; see README)")
    parser.add_argument("text", nargs="?", metavar="TEXT|FILE",
                        help="the text itself, a file, or - for standard input")
    parser.add_argument("--article", metavar="ID", help="an article of the library")
    parser.add_argument("--engine", choices=ENGINE_CHOICES,
                        help="translation engine (default: setting translate.engine)")
    parser.add_argument("--to", dest="target", metavar="LANG",
                        help="target language code (default: setting translate.target, en)")
    parser.add_argument("--cached-only", action="store_true",
                        help="print only what is already cached; never go online")
    parser.set_defaults(handler=run)


def read_input(args, services) -> str:
    """The text to translate from TEXT, FILE, stdin or --article."""
    if args.article and args.text:
        raise CliError("give either TEXT|FILE or --article, not both")
    if args.article:
        found = services.library.get(args.article)
        if found is None:
            raise CliError(f"no article with id {args.article!r} (see: library list)")
        return found[1]
    if not args.text:
        raise CliError("give a TEXT, a FILE, - for standard input, or --article ID")
    try:
        if args.text == "-":
            limit = services.library.max_bytes()
            return decode_bytes(read_stream_limited(sys.stdin.buffer, limit)).text
        path = Path(args.text)
        if _could_be_path(args.text) and path.is_file():
            return read_text_file(path, services.library.max_bytes()).text
    except TextInputError as exc:
        raise CliError(str(exc)) from None
    if _looks_like_path(args.text):
        raise CliError(f"no such file: {args.text}")
    return args.text


def _could_be_path(text: str) -> bool:
    return "\n" not in text and len(text) < 4096


def _looks_like_path(text: str) -> bool:
    """No Chinese and shaped like a file name: surely a mistyped path, not text to send."""
    if any("\u3400" <= ch <= "\u9fff" for ch in text) or " " in text.strip():
        return False
    return "/" in text or "\\" in text or Path(text).suffix.lower() in (".txt", ".md", ".html")


def run(args, services) -> int:
    from reader.core.translate import TranslationDisabledError, TranslationError

    text = read_input(args, services)
    if not text.strip():
        raise CliError("nothing to translate: the text is empty")
    translator = services.translator
    from reader.core.translate.errors import UnsupportedLanguageError

    try:
        engine, target = translator.engine_name(args.engine), translator.target(args.target)
        translator.check_target(target, engine)
    except (ValueError, UnsupportedLanguageError) as exc:
        raise CliError(str(exc)) from None
    if args.cached_only:
        found = translator.cached(text, target, engine)
        if found is None:
            print(f"not cached yet for {engine} → {target}", file=sys.stderr)
            return 1
        print(found.strip("\n"))
        return 0
    blank_lines = 0  # printed only between paragraphs, not at the ends
    printed = False
    try:
        for source, result in translator.iter_paragraphs(text, target, engine):
            if not (source.strip() or result.text):
                blank_lines += printed
                continue
            print("\n" * blank_lines + result.text, flush=True)
            blank_lines, printed = 0, True
    except TranslationDisabledError as exc:
        raise CliError(str(exc)) from None
    except TranslationError as exc:
        raise CliError(str(exc), STATUS_FAILED) from None
    return 0
