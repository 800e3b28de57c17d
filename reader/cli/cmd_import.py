"""`import`: copy files (or standard input) into the library; prints the new ids."""
from __future__ import annotations

import sys
from pathlib import Path

from reader.cli import CliError
from reader.core.library.catalog import DuplicateArticle, LibraryError
from reader.core.library.encodings import (
    ENCODINGS,
    TextInputError,
    decode_bytes,
    read_stream_limited,
)
from reader.core.library.web import open_web_page


def is_url(name: str) -> bool:
    """Whether a command-line argument is a web address (http:// or https://)."""
    return name.lower().startswith(("http://", "https://"))


def register(sub) -> None:
    parser = sub.add_parser(
        "import", help="import .txt .md .html .epub files, web pages (http/https URLs) "
                       "or - (stdin) into the library")
    parser.add_argument("files", nargs="+", metavar="FILE|URL",
                        help="files or web addresses to import, or -")
    parser.add_argument("--title", help="the title (one file only; default: from the text)")
    parser.add_argument("--encoding", choices=[name for name, _ in ENCODINGS],
                        help="decode with this encoding instead of detecting it")
    dup = parser.add_mutually_exclusive_group()
    dup.add_argument("--replace", action="store_true",
                     help="when the text is already imported, replace that copy")
    dup.add_argument("--keep-both", action="store_true",
                     help="when the text is already imported, add it again")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    if args.title and len(args.files) > 1:
        raise CliError("--title applies to one file at a time")
    if args.files.count("-") > 1:
        raise CliError("standard input can be imported only once")
    on_duplicate = "replace" if args.replace else "keep" if args.keep_both else "ask"
    library = services.library
    failures = []
    for name in args.files:
        try:
            if is_url(name):
                page = open_web_page(name, args.title)
                info = library.store_web_page(page, on_duplicate)
                encoding = page.prepared.encoding
            elif name == "-":
                data = read_stream_limited(sys.stdin.buffer, library.max_bytes())
                decoded = decode_bytes(data, args.encoding)
                info = library.import_text(decoded.text, args.title, on_duplicate)
                encoding = decoded.encoding
            else:
                prepared = library.prepare_file(Path(name), args.title, args.encoding)
                info = library.store_prepared(prepared, on_duplicate)
                encoding = prepared.encoding
                if not prepared.confident:
                    others = ", ".join(prepared.alternatives) or "another encoding"
                    print(f"{name}: encoding detected as {encoding} but not certain "
                          f"(could be {others}); use --encoding to override", file=sys.stderr)
        except DuplicateArticle as dup:
            failures.append(f"{name}: {dup} (use --replace or --keep-both)")
            continue
        except (TextInputError, LibraryError) as exc:
            failures.append(f"{name}: {exc}")
            continue
        print(info.id)
        print(f"{name}: imported as {info.id} \"{info.title}\" ({encoding}, {info.script})",
              file=sys.stderr)
    if failures:
        sys.stdout.flush()
        if len(failures) > 1:
            for line in failures[:-1]:
                print(f"error: {line}", file=sys.stderr)
        raise CliError(failures[-1])
    return 0
