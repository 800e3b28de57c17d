"""Import benchmark: a 20 MB text (the corpus repeated) imported into a fresh library.

Prints the import time (read, decode, trim, detect, hash, store, full-text index), the
time to the first screen (the article's first ~2,000 characters read back and annotated,
engines already loaded as they are in the window), search times over the library, and the
peak Python memory of the import (tracemalloc, in a second run) and the process's peak RSS.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FIRST_SCREEN_CHARS = 2000


def make_file(folder: Path, megabytes: float) -> Path:
    from reader.core.library.corpus import Corpus
    from reader.core.paths import corpus_dir

    one = "\n\n".join(text for _, text in Corpus(corpus_dir()).items())
    size = len(one.encode("utf-8"))
    path = folder / "big.txt"
    path.write_text(one * int(megabytes * 1e6 // size + 1), encoding="utf-8")
    return path


def first_screen(text: str) -> str:
    """The first ~2,000 characters, cut at the end of a paragraph."""
    cut = text.find("\n", FIRST_SCREEN_CHARS)
    return text if cut < 0 else text[: cut + 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=20.0, help="size of the generated file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        from reader.core import paths

        # A fresh library, but the usual caches (dictionary index, pinyin tables): the
        # window has them built long before anyone imports a file.
        os.environ.setdefault("READER_CACHE", str(paths.cache_dir()))
        os.environ["READER_HOME"] = str(Path(tmp) / "home")
        from reader.core.services import Services

        path = make_file(Path(tmp), args.mb)
        size_mb = path.stat().st_size / 1e6
        services = Services()
        services.annotator.initialize()  # the window loads engines at startup
        services.dictionary  # noqa: B018 - and the dictionary
        library = services.library
        library.list()  # open the index

        stages: list[tuple[float, str]] = []
        start = time.perf_counter()
        info = library.import_file(
            path, progress=lambda f, s: stages.append((time.perf_counter() - start, s)))
        imported = time.perf_counter() - start
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        start = time.perf_counter()
        _, text = library.get(info.id)
        document = services.annotator.annotate(first_screen(text), info.script)
        screen = time.perf_counter() - start

        timings = {}
        for query in ("腾讯", "騰訊雲", "产业互联网", "不存在的词语"):
            start = time.perf_counter()
            hits = library.search(query)
            timings[query] = (time.perf_counter() - start, len(hits))

        tracemalloc.start()
        library.import_file(path, on_duplicate="keep")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    print(f"import: {size_mb:.1f} MB text file ({len(text):,} characters) imported in "
          f"{imported:.2f} s (budget <= 15 s; runs in the background with progress)")
    previous = 0.0
    for at, stage in stages:
        print(f"import:   {stage:<24} at {at:6.2f} s (+{at - previous:.2f} s)")
        previous = at
    print(f"import: first screen ({len(document.original):,} characters, {len(document):,} "
          f"tokens) read and annotated in {screen * 1000:.0f} ms (budget <= 1000 ms)")
    for query, (seconds, count) in timings.items():
        print(f"import: search {query!r} over the library in {seconds * 1000:.0f} ms, "
              f"{count} articles (budget <= 500 ms)")
    print(f"import: peak Python memory while importing {peak / 1e6:.0f} MB "
          f"(~{peak / 1e6 / size_mb:.1f}x the file); process peak RSS {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
