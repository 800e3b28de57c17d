"""Writing exports safely: `-` is standard output, symlinks and special files are never
replaced, and spreadsheet cells cannot start a formula."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from reader.core.atomic import write_bytes_atomic

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportTargetError(OSError):
    """The export target cannot be written safely (one-line message)."""


def spreadsheet_safe(cell: str) -> str:
    """`cell` with an apostrophe in front when a spreadsheet would run it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def from_spreadsheet(cell: str) -> str:
    """Undo `spreadsheet_safe` (for our own CSV imports)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


def write_export(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` atomically, or to standard output when `path` is "-".

    Refuses (ExportTargetError) a symlink, a folder or a special file (device, FIFO,
    socket) at `path` rather than replacing it.
    """
    if str(path) == "-":
        sys.stdout.flush()
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:  # a text-only stream (tests, some embedders)
            sys.stdout.write(data.decode("utf-8", "replace"))
        else:
            binary.write(data)
            binary.flush()
        return
    target = Path(path)
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        raise ExportTargetError(f"{target} is a symbolic link; not replaced (give the real path)")
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportTargetError(f"cannot write {target}: it is a folder")
    if mode is not None and not stat.S_ISREG(mode):
        raise ExportTargetError(f"{target} is not a regular file (device, pipe or socket); "
                                "not replaced")
    write_bytes_atomic(target, data, shared=True)  # a file the user hands on: 0644
