"""Translation benchmark: time to the offline message, cache hits, and the offline gloss.

* Offline message: the real failure path (the engines' real hostnames, which do not
  resolve on a machine without internet), in-process cold (first request, imports
  included) and warm, and as a whole `translate` command in a fresh process.
* Cache hits: every paragraph of seed 000 stored in a fresh cache, then one paragraph
  and the whole article translated again (nothing sent).
* Gloss: the interlinear gloss of seed 000, cold (empty memo) and warm, and one paragraph.
* Hostile servers on 127.0.0.1 (issue 12 §5): one trickling its answer a byte every 0.5 s
  (before: still waiting after 90 s) and one sending 10 MB (before: 52 s and 1 GB); the
  time to the error and the peak memory growth. Budget: <= 20 s, answers over 2 MB refused.
"""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, ensure_home, seed_000

from reader.core.translate import (
    OfflineError,
    Timeouts,
    TranslationCache,
    TranslationError,
    Translator,
)
from reader.core.translate.chunking import paragraphs, split_paragraph
from reader.core.translate.engines import ENGINES

SENTENCE = "腾讯正在拥抱产业互联网。"


def _seconds(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _median(fn, rounds: int) -> float:
    return statistics.median(_seconds(fn) for _ in range(rounds))


def _offline(translator: Translator, engine: str) -> None:
    try:
        translator.translate(SENTENCE, engine=engine)
    except OfflineError:
        return
    raise SystemExit(f"expected the offline error from {engine}; is this machine online?")


def bench_offline(tmp: Path) -> None:
    timeouts = Timeouts()
    cache = TranslationCache(tmp / "offline.sqlite3")
    translator = Translator(cache, min_interval=0)
    cold = _seconds(lambda: _offline(translator, "google"))
    print(f"translate: offline message, first request (imports included): {cold * 1000:.0f} ms "
          f"(connect timeout {timeouts.connect:g} s, read timeout {timeouts.read:g} s)")
    for engine in ENGINES:
        warm = _median(lambda e=engine: _offline(translator, e), 5)
        print(f"translate: offline message, {engine}, warm: {warm * 1000:.1f} ms (median of 5)")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "reader", "translate", SENTENCE],
                            capture_output=True, text=True, cwd=ROOT)
    total = time.perf_counter() - started
    print(f"translate: `python -m reader translate` offline: exit {result.returncode} after "
          f"{total:.2f} s, whole process: {result.stderr.strip()[:60]}…")
    cache.close()


def bench_cache(tmp: Path, text: str) -> None:
    cache = TranslationCache(tmp / "cache.sqlite3")
    spec = ENGINES["google"]
    chunks = [c for line in paragraphs(text) for c in split_paragraph(line, spec.limit)]
    for chunk in chunks:
        cache.put("google", "en", chunk, f"translation of {len(chunk)} characters")
    translator = Translator(cache, endpoints={"google": "http://127.0.0.1:9/unused"})
    longest = max(paragraphs(text), key=len)
    one = _median(lambda: translator.translate(longest), 50)
    whole = _median(lambda: translator.translate(text), 10)
    lookup = _median(lambda: translator.cached(text), 10)
    result = translator.translate(text)
    assert result.sent == 0 and result.cached == len(chunks)
    print(f"translate: cache hit, longest paragraph ({len(longest)} chars): {one * 1000:.2f} ms")
    print(f"translate: cache hit, whole seed 000 ({len(chunks)} chunks, {len(text)} chars): "
          f"{whole * 1000:.1f} ms; cached() lookup: {lookup * 1000:.1f} ms; 0 requests sent")
    cache.close()


def bench_gloss(text: str) -> None:
    from reader.core.services import Services

    services = Services()
    document = services.annotator.annotate(text)
    glosser = services.glosser
    services.glossary  # noqa: B018 - load the glossary outside the timing
    cold = _seconds(lambda: glosser.sentences(document))
    warm = _median(lambda: glosser.sentences(document), 5)
    longest = max(range(len(document.paragraphs)),
                  key=lambda i: document.paragraphs[i][1] - document.paragraphs[i][0])
    one = _median(lambda: glosser.paragraph(document, longest), 20)
    units = [u for s in glosser.sentences(document) for u in s.units if u.is_word]
    none = sum(1 for u in units if u.source == "none")
    print(f"gloss: seed 000, {len(units)} words: cold {cold:.2f} s, warm {warm * 1000:.0f} ms, "
          f"longest paragraph warm {one * 1000:.1f} ms; {none} words without a gloss "
          f"({100 * none / len(units):.1f}%)")


def _serve(answer) -> tuple[str, threading.Event]:
    """A raw HTTP server on 127.0.0.1 answering every request with `answer(conn, stop)`."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            conn, _ = listener.accept()
            conn.recv(65536)
            threading.Thread(target=answer, args=(conn, stop), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/m", stop


def _trickle(conn, stop) -> None:
    try:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
        while not stop.wait(0.5):
            conn.sendall(b"<")
    except OSError:
        pass


def _huge(conn, stop) -> None:
    try:
        conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
        for _ in range(160):  # 10 MB
            conn.sendall(b"<p>" + b"x" * 65533)
    except OSError:
        pass
    conn.close()


def bench_hostile(tmp: Path) -> None:
    import resource

    from reader.core.settings import Settings

    for name, answer in (("trickling a byte every 0.5 s", _trickle),
                         ("sending 10 MB", _huge)):
        url, stop = _serve(answer)
        cache = TranslationCache(tmp / f"hostile-{answer.__name__}.sqlite3")
        translator = Translator(cache, Settings(tmp / "settings.json"), min_interval=0,
                                endpoints={"google": url}, timeouts=Timeouts())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        try:
            translator.translate(SENTENCE)
            outcome = "answered"
        except TranslationError as exc:
            outcome = str(exc)
        took = time.perf_counter() - started
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
        stop.set()
        cache.close()
        print(f"translate: server {name}: {outcome!r} after {took:.1f} s, peak memory "
              f"+{grown:.0f} MB (budget <= 20 s; before: over 90 s / 52 s and 1 GB)")


def main() -> int:
    ensure_home()
    text = seed_000()
    with tempfile.TemporaryDirectory() as tmp:
        bench_offline(Path(tmp))
        bench_cache(Path(tmp), text)
        bench_hostile(Path(tmp))
    bench_gloss(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
