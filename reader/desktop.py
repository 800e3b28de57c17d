"""`reader --install-desktop-entry`: a Linux desktop entry and icon for the installed app.

The entry and icon ship in assets/desktop/; they go to the XDG data folder
(`$XDG_DATA_HOME`, else ~/.local/share): applications/ and icons/hicolor/scalable/apps/.
The entry starts this same interpreter with `-m reader`, so it works from a venv or pipx.
"""
from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

NAME = "bilingual-reader"


def xdg_data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when unset or not absolute (the XDG rule)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def install_desktop_entry(base: Path | None = None) -> list[Path]:
    """Write the desktop entry and the icon; returns the files written."""
    from reader.core.atomic import write_bytes_atomic
    from reader.core.paths import bundled

    base = base or xdg_data_home()
    command = " ".join(shlex.quote(part) for part in (sys.executable, "-m", "reader"))
    entry = bundled("desktop/bilingual-reader.desktop").read_text(encoding="utf-8")
    targets = {
        base / "applications" / f"{NAME}.desktop": entry.replace("@EXEC@", command).encode(),
        base / "icons/hicolor/scalable/apps" / f"{NAME}.svg":
            bundled("desktop/bilingual-reader.svg").read_bytes(),
    }
    for path, data in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data)
    return list(targets)


def main() -> int:
    """Install, print what was written (one line each); status 1 with one line on failure."""
    try:
        written = install_desktop_entry()
    except OSError as exc:
        print(f"error: cannot install the desktop entry: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0
