"""Where things live: bundled read-only data (assets, corpus), user data and caches.

Bundled data ships inside the wheel as `reader/_assets` and `reader/_corpus` (mapped from
the repository's top-level `assets/` and `corpus/` at build time), beside the package's
modules; a source checkout or an editable install reads the top-level folders; a zipped
install reads them through `importlib.resources`, copied once into the cache. A bundled file
that is missing raises `MissingDataError` naming it: the app never runs on empty data.

User data and caches follow platformdirs, or `$READER_HOME` when set. Nothing here runs
at import time; call the functions. Nothing is ever written into the bundled folders.
"""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

APP_NAME = "bilingual-reader"
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the `reader` package
PROJECT_ROOT = PACKAGE_DIR.parent


class MissingDataError(FileNotFoundError):
    """A data file the app ships with is not there (a broken install)."""


def bundled(relative: str, kind: str = "assets") -> Path:
    """A bundled file or folder (`kind` "assets" or "corpus"); MissingDataError if absent."""
    path = _bundled_dir(kind) / relative
    if not path.exists():
        raise MissingDataError(f"bundled data file missing: {path} (reinstall the reader)")
    return path


def assets_dir() -> Path:
    """Bundled, read-only data files (glossary, people directory, ...)."""
    return _bundled_dir("assets")


def corpus_dir() -> Path:
    """The bundled articles (read-only)."""
    return _bundled_dir("corpus")


@cache
def _bundled_dir(kind: str) -> Path:
    packaged = PACKAGE_DIR / f"_{kind}"
    if packaged.is_dir():  # an installed wheel
        return packaged
    checkout = PROJECT_ROOT / kind
    if checkout.is_dir():  # the source tree, or an editable install of it
        return checkout
    from importlib import resources  # only here: ~15 ms to import, on every start otherwise

    zipped = resources.files("reader").joinpath(f"_{kind}")
    if zipped.is_dir():  # a zipped install: copied out once
        return _copy_out(zipped, kind)
    raise MissingDataError(f"bundled data folder missing: {checkout} (reinstall the reader)")


def _copy_out(folder, kind: str) -> Path:
    """A zipped install: copy the bundled folder into the cache once, return the copy."""
    from importlib import metadata

    try:
        version = metadata.version("reader")
    except metadata.PackageNotFoundError:
        version = "unknown"
    target = cache_dir() / f"bundled-{version}" / kind
    if not (target / ".complete").exists():
        _copy_tree(folder, target)
        (target / ".complete").write_text("", encoding="utf-8")
    return target


def _copy_tree(folder, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for item in folder.iterdir():
        if item.is_dir():
            _copy_tree(item, target / item.name)
        else:
            tmp = target / f".{item.name}.tmp{os.getpid()}"
            tmp.write_bytes(item.read_bytes())
            os.replace(tmp, target / item.name)


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
    """Rebuildable caches (dictionary index, pinyin tables); created on demand.

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
