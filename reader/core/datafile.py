"""Reading hand-edited data files (glossary, people): a missing file is empty, an
unreadable one is reported as one problem line, never a crash."""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path


def read_data_file(path: Path) -> tuple[str, str | None]:
    """(text, problem): ("", None) for a missing file, ("", message) for an unreadable one."""
    try:
        return path.read_text(encoding="utf-8-sig"), None
    except FileNotFoundError:
        return "", None
    except (OSError, UnicodeDecodeError) as exc:
        return "", f"{path}: cannot be read ({exc})"


def split_tables(text: str, header: re.Pattern[str]) -> tuple[str, list[tuple[int, str]]]:
    """Split a file of `[[table]]` blocks into its preamble and (first line, text) per block.

    Joining the preamble and the blocks' texts gives back `text` exactly.
    """
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if header.match(line)]
    preamble = "".join(lines[: starts[0]] if starts else lines)
    blocks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        blocks.append((start + 1, "".join(lines[start:end])))
    return preamble, blocks


def render_blocks(preamble: str, blocks: list[tuple[str | None, str]], touched: set[str],
                  render: Callable[[str], str]) -> str:
    """Text of a block file after an edit: untouched blocks (and unparsed ones, id None)
    verbatim, each touched id rendered once (`render(id)`, '' to drop) where it first was,
    new ids at the end."""
    out = [preamble]
    emitted: set[str] = set()
    for block_id, text in blocks:
        if block_id is None or block_id not in touched:
            out.append(text)
        elif block_id not in emitted:
            emitted.add(block_id)
            out.append(render(block_id))
    out.extend(render(i) for i in sorted(touched - emitted))
    pieces = [p for p in out if p]
    for n in range(len(pieces) - 1):
        if not pieces[n].endswith("\n"):
            pieces[n] += "\n"
    return "".join(pieces)


def loads_toml(text: str) -> dict:
    """`tomllib.loads`, ~8× faster: rtoml (Rust) parses valid text, and only text it rejects
    goes to `tomllib`, whose error messages (with line and column) callers report.

    The bundled glossary and people files are thousands of small tables parsed on the first
    run (and after every data update), where `tomllib` alone took ~0.6 s."""
    parsed = loads_valid_toml(text)
    return parsed if parsed is not None else tomllib.loads(text)


def loads_valid_toml(text: str) -> dict | None:
    """The parsed text by rtoml, or None when rtoml rejects it (no message: callers that
    need one go to `tomllib`)."""
    import rtoml

    try:
        return rtoml.loads(text)
    except Exception:  # rtoml's own error types vary between versions
        return None
