"""Write the prebuilt results of the bundled data into assets/prebuilt/ (`make prebuilt`).

A first run reads these instead of parsing the glossary and the people directory and
building the glossary's matcher (~1 s of CPU; see `reader.core.datacache`), and searches
jieba's word list in place with the small index `jieba-words.json` instead of building a
sorted copy (~0.35 s; see `reader.core.text.jieba_words`). Run this after editing anything
in assets/glossary or assets/people, or after a jieba upgrade: `tests/test_prebuilt.py`
fails while a shipped result no longer matches its data. Results are written atomically; files of names
no longer produced are removed.
"""
from __future__ import annotations

import json
import os
import pickle
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def collect() -> dict[str, tuple[bytes, object]]:
    """Every prebuilt result, parsed anew from the bundled data: {name: (header, value)}.
    Runs in an empty scratch READER_HOME (no user entries or corrections), then restores
    the environment."""
    from reader.core import datacache
    from reader.core.services import Services

    saved = {name: os.environ.get(name) for name in ("READER_HOME", "READER_CACHE")}
    try:
        with tempfile.TemporaryDirectory(prefix="reader-prebuild-") as scratch:
            os.environ["READER_HOME"] = scratch
            os.environ["READER_CACHE"] = str(Path(scratch) / "cache")
            with datacache.collecting() as found:
                services = Services()
                problems = services.glossary.problems + services.people.problems
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    if problems:
        raise SystemExit("the bundled data has problems; fix them first:\n" + "\n".join(problems))
    return found


def comparable(value):
    """A result's content in a form `==` compares (an automaton by its items: its pickle
    differs from build to build)."""
    automaton = getattr(value, "_automaton", None)
    if automaton is not None:
        return sorted(automaton.items()), value._sizes
    return value


def _unchanged(path: Path, header: bytes, value) -> bool:
    """Whether `path` already holds this result (then it is not rewritten)."""
    try:
        with path.open("rb") as handle:
            return handle.readline() == header and comparable(pickle.load(handle)) == \
                comparable(value)
    except Exception:
        return False


def main() -> int:
    from reader.core.atomic import write_bytes_atomic
    from reader.core.datacache import PREBUILT

    target = ROOT / "assets" / PREBUILT
    target.mkdir(exist_ok=True)
    found = collect()
    for name, (header, value) in sorted(found.items()):
        if _unchanged(target / f"{name}.pickle", header, value):
            print(f"{name}: unchanged")
            continue
        data = header + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if b"/" + ROOT.name.encode() + b"/" in data and str(ROOT).encode() in data:
            raise SystemExit(f"{name}: the result holds a path of this machine ({ROOT})")
        write_bytes_atomic(target / f"{name}.pickle", data)
        print(f"{name}: {len(data) / 1e6:.2f} MB")
    from reader.core.text.jieba_words import INDEX_NAME, in_place_index, jieba_dict_file

    index = in_place_index(jieba_dict_file())
    if index is None:
        (target / INDEX_NAME).unlink(missing_ok=True)
        print(f"{INDEX_NAME}: jieba's word list cannot be searched in place; not shipped")
    else:
        data = json.dumps(index, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8")
        write_bytes_atomic(target / INDEX_NAME, data + b"\n")
        print(f"{INDEX_NAME}: {len(index['skip'])} lines out of order, "
              f"{len(index['overrides'])} words answered from it, {len(data) / 1e3:.1f} kB")
    for stale in target.glob("*.pickle"):
        if stale.stem not in found:
            stale.unlink()
            print(f"{stale.name}: removed (no longer produced)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
