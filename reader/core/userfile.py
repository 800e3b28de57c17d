"""Editing a hand-editable user file safely: lock, re-read, refuse if unreadable, keep a .bak.

Every edit of `glossary_user.toml` / `people_user.toml` goes through `edit_text`: under a
cross-process lock it re-reads the file as it is on disk now (so edits made by hand, by
the CLI or by another window are merged, not overwritten), lets the caller change the
text, copies the previous version to `<name>.bak` and replaces the file atomically. A file
that is not UTF-8 is never overwritten: a copy is kept and the edit refuses with one line.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reader.core.atomic import write_bytes_atomic, write_text_atomic
from reader.core.filelock import LockTimeout, file_lock


class UserFileError(ValueError):
    """A user file cannot be edited safely (one-line message naming the file and line)."""


def decode_user_file(path: Path, data: bytes) -> str:
    """UTF-8 text of `data` (BOM dropped); `UserFileError` naming the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserFileError(f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                            "left unchanged - re-save it as UTF-8") from None


def unreadable_copy(path: Path, data: bytes) -> Path:
    """Keep a copy of an unreadable file (`<name>.unreadable.bak`) before refusing to edit."""
    copy = path.with_name(path.name + ".unreadable.bak")
    try:
        if copy.read_bytes() == data:
            return copy
    except OSError:
        pass
    write_bytes_atomic(copy, data)
    return copy


def read_user_file(path: Path) -> str:
    """The file's text now ('' when missing); `UserFileError` (after a copy) if not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ""
    except IsADirectoryError:
        raise UserFileError(f"{path}: is a folder, not a file; left unchanged") from None
    try:
        return decode_user_file(path, data)
    except UserFileError as exc:
        copy = unreadable_copy(path, data)
        raise UserFileError(f"{exc} (a copy is in {copy.name})") from None


def stamp(path: Path) -> tuple[int, int] | None:
    """(mtime in ns, size) of `path` as last read or written (None: missing), so a file
    watcher can tell outside edits from the app's own."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def edit_text(path: Path, change: Callable[[str], str]) -> str:
    """Read-modify-write `path` under its lock; returns the text now in the file."""
    path = Path(path)
    try:
        with file_lock(path):
            old = read_user_file(path)
            new = change(old)
            if new != old:
                if path.exists():  # the previous version, byte for byte
                    write_bytes_atomic(path.with_name(path.name + ".bak"), path.read_bytes())
                write_text_atomic(path, new)
            return new
    except LockTimeout as exc:
        raise UserFileError(str(exc)) from None
    except OSError as exc:
        raise UserFileError(f"{path}: cannot be written ({exc.strerror or exc}); "
                            "nothing was changed") from None
