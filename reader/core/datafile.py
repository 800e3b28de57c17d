"""Reading hand-edited data files (glossary, people): a missing file is empty, an
unreadable one is reported as one problem line, never a crash."""
from __future__ import annotations

from pathlib import Path


def read_data_file(path: Path) -> tuple[str, str | None]:
    """(text, problem): ("", None) for a missing file, ("", message) for an unreadable one."""
    try:
        return path.read_text(encoding="utf-8-sig"), None
    except FileNotFoundError:
        return "", None
    except (OSError, UnicodeDecodeError) as exc:
        return "", f"{path}: cannot be read ({exc})"
