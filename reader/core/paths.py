"""Where user data and caches live: platformdirs by default, `$READER_HOME` when set.

Nothing here runs at import time; call the functions. Nothing is ever written into the
package's `assets/` or the bundled `corpus/`.
"""
from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "bilingual-reader"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def assets_dir() -> Path:
    """Bundled, read-only data files (glossary, people directory, ...)."""
    return PROJECT_ROOT / "assets"


def corpus_dir() -> Path:
    """The bundled articles (read-only)."""
    return PROJECT_ROOT / "corpus"


def _home() -> Path | None:
    value = os.environ.get("READER_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """User data (settings, library, flashcards, user glossary); created on demand."""
    home = _home()
    if home is not None:
        path = home / "data"
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Rebuildable caches (dictionary index, segmenter cache); created on demand.

    `$READER_CACHE` overrides it (tests share one cache across temporary homes).
    """
    override = os.environ.get("READER_CACHE")
    home = _home()
    if override:
        path = Path(override).expanduser()
    elif home is not None:
        path = home / "cache"
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
