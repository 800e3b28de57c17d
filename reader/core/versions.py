"""Installed versions of the libraries our caches are stamped with, read cheaply.

`importlib.metadata` costs ~20-40 ms to import (email, zipfile, csv...) on every start,
only to read a version. Here the version comes from the `Version:` line of the
distribution's `.dist-info/METADATA` beside its package (what importlib.metadata reads);
anything unusual (no such folder, two of them, an egg) falls back to importlib.metadata.
"""
from __future__ import annotations

import importlib.util
import os
import re
from functools import cache
from pathlib import Path


class NotInstalled(LookupError):
    """No installed distribution of that name."""


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _from_dist_info(distribution: str, module: str | None = None) -> str | None:
    spec = importlib.util.find_spec(module or distribution)
    if spec is None or not spec.origin or not os.path.isfile(spec.origin):
        return None
    here = Path(spec.origin).parent
    folder = here.parent if spec.submodule_search_locations else here
    wanted = _normal(distribution)
    found = [entry.path for entry in os.scandir(folder) if entry.name.endswith(".dist-info")
             and _normal(entry.name[:-len(".dist-info")].split("-", 1)[0]) == wanted]
    if len(found) != 1:
        return None
    try:
        with open(os.path.join(found[0], "METADATA"), encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
                if not line.strip():
                    break  # the headers end at the first blank line
    except OSError:
        return None
    return None


@cache
def version(distribution: str, module: str | None = None) -> str:
    """The installed version of `distribution`, whose import name is `module` (default: the
    same); raises `NotInstalled`."""
    found = _from_dist_info(distribution, module)
    if found is not None:
        return found
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError as exc:
        raise NotInstalled(distribution) from exc
