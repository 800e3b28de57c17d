"""Write the prebuilt results of the bundled data into assets/prebuilt/ (`make prebuilt`).

A first run reads these instead of parsing the glossary and the people directory and
building the glossary's matcher (~1 s of CPU; see `reader.core.datacache`). Run this after
editing anything in assets/glossary or assets/people: `tests/test_prebuilt.py` fails while
a shipped result no longer matches its data. Results are written atomically; files of names
no longer produced are removed.
"""
from __future__ import annotations

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


def main() -> int:
    from reader.core.atomic import write_bytes_atomic
    from reader.core.datacache import PREBUILT

    target = ROOT / "assets" / PREBUILT
    target.mkdir(exist_ok=True)
    found = collect()
    for name, (header, value) in sorted(found.items()):
        data = header + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if b"/" + ROOT.name.encode() + b"/" in data and str(ROOT).encode() in data:
            raise SystemExit(f"{name}: the result holds a path of this machine ({ROOT})")
        write_bytes_atomic(target / f"{name}.pickle", data)
        print(f"{name}: {len(data) / 1e6:.2f} MB")
    for stale in target.glob("*.pickle"):
        if stale.stem not in found:
            stale.unlink()
            print(f"{stale.name}: removed (no longer produced)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
