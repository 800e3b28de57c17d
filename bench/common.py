"""Helpers shared by the benchmark scripts: corpus text, timing, subprocess runs."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def ensure_home() -> Path:
    """Benchmarks use their own READER_HOME unless one is set (never the user's data).

    Also asks for single-threaded BLAS before numpy loads, as the app does.
    """
    from reader.core.text.pinyin_data import single_threaded_blas

    single_threaded_blas()
    if "READER_HOME" not in os.environ:
        os.environ["READER_HOME"] = str(Path(tempfile.gettempdir()) / "reader-bench-home")
    return Path(os.environ["READER_HOME"])


def corpus_texts() -> list[str]:
    from reader.core.library.corpus import Corpus
    from reader.core.paths import corpus_dir

    corpus = Corpus(corpus_dir())
    return [corpus.get(info.id)[1] for info in corpus.list()]


def seed_000() -> str:
    """Seed 000 as the corpus holds it (9.5k characters, Traditional)."""
    from reader.core.library.corpus import Corpus
    from reader.core.paths import corpus_dir

    corpus = Corpus(corpus_dir())
    return corpus.get(corpus.list()[0].id)[1]


def repeated_corpus(chars: int) -> str:
    """The corpus repeated and cut to `chars` characters (at a line end)."""
    whole = "\n".join(corpus_texts())
    text = (whole * (chars // len(whole) + 1))[:chars]
    return text


def times_of(fn, rounds: int) -> list[float]:
    """Wall seconds of `rounds` calls of `fn`."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def best_of(fn, rounds: int = 7) -> float:
    return min(times_of(fn, rounds))


def median_ms(fn, rounds: int) -> float:
    """Median wall milliseconds of `rounds` calls of `fn`."""
    return statistics.median(times_of(fn, rounds)) * 1000


def alternate(fns: dict[str, object], rounds: int = 7) -> dict[str, float]:
    """Best time of each function, run in alternation so load affects them alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    return {name: min(values) for name, values in times.items()}


def run_python(code_or_args: list[str], env: dict | None = None) -> float:
    """Wall time of one `python ...` subprocess (output discarded)."""
    started = time.perf_counter()
    subprocess.run([sys.executable, *code_or_args], cwd=ROOT, env={**os.environ, **(env or {})},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_rss_kib() -> int:
    """This process's own peak RSS in KiB.

    `ru_maxrss` survives exec: a child started from a big parent reports the parent's peak
    if that is higher. VmHWM (/proc/self/status) belongs to the new program's memory map,
    so it is the child's own; ru_maxrss only where /proc is missing.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
