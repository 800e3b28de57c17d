"""Study benchmark: coverage cost next to annotation, marking HSK 1–6 known, one status change.

Budgets (issue 15): coverage and statuses for a 10k-character article add ≤ 5 % to its
annotation; marking HSK 1–6 known (~5,000 words) ≤ 1 s; one status change updates the view
(statuses, coverage, study list, adaptive ruby relaid and painted) ≤ 30 ms.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ensure_home, median_ms, repeated_corpus


def _cpu(fn) -> float:
    """CPU seconds of this process spent in fn()."""
    started = time.process_time()
    fn()
    return time.process_time() - started


def main() -> int:
    ensure_home()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.core.services import Services
    from reader.core.study import Status, Study
    from reader.core.study.session import ArticleStudy
    from reader.core.text.document import prepare_views
    from reader.core.text.scripts import View

    services = Services()
    text = repeated_corpus(10_000)
    services.annotator.initialize()
    document = services.annotator.annotate(text)
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        study = Study(Path(folder) / "words.sqlite3",
                      frequency=services.provider("jieba_words"))
        started = time.perf_counter()
        marked = study.mark_level(6)
        mark_s = time.perf_counter() - started

        def count():  # the article's words, every distinct word's status, coverage
            ArticleStudy(document, study).coverage()

        def level():  # the HSK histogram and level (does not depend on statuses)
            ArticleStudy(document, study).profile()

        def every_token():  # what `annotate --json` adds: each token's status
            article = ArticleStudy(document, study)
            for index in range(len(document)):
                article.status_at(index)

        count()
        level()  # HSK lists and frequency table loaded once, as in the app

        def window_task():  # the window's annotation task: annotate, then prepare the views
            prepare_views(services.annotator.annotate(text), View.ORIGINAL)

        # Interleaved rounds, best CPU time of each: on a shared machine, wall-clock time
        # mostly measures the other processes.
        best = dict.fromkeys(("annotate", "task", "count", "level", "tokens"), float("inf"))
        for _ in range(5):
            best["annotate"] = min(best["annotate"],
                                   _cpu(lambda: services.annotator.annotate(text)))
            best["task"] = min(best["task"], _cpu(window_task))
            for name, fn in (("count", count), ("level", level), ("tokens", every_token)):
                best[name] = min(best[name], *(_cpu(fn) for _ in range(5)))
        ms = {k: v * 1000 for k, v in best.items()}
        share = 100 * ms["count"] / ms["annotate"]
        print(f"annotate 10k chars: {ms['annotate']:.0f} ms CPU (the window's annotation task, "
              f"views included: {ms['task']:.0f} ms); words + statuses + coverage: "
              f"{ms['count']:.1f} ms = {share:.1f} % of annotate (budget ≤ 5 %; the window runs "
              f"it after the annotated text is shown); HSK histogram and level: "
              f"+{ms['level']:.1f} ms; each token's status (annotate --json): "
              f"+{ms['tokens']:.1f} ms")
        failures += share > 5
        print(f"mark HSK 1–6 known: {marked} words in {mark_s * 1000:.0f} ms (budget ≤ 1000 ms)")
        failures += mark_s > 1.0
        failures += _status_change(document, study, ArticleStudy, Status)
        study.store.close()
    return 1 if failures else 0


def _status_change(document, study, article_study, status) -> int:
    from PySide6.QtWidgets import QApplication

    from reader.ui.article_view import ArticleView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    article = article_study(document, study)
    view = ArticleView()
    view.resize(1000, 800)
    view.set_document(document, "original")
    view.set_ruby_filter(article.needs_ruby)
    view.set_ruby_mode("unknown")
    view.show()
    app.processEvents()
    words = list(article.coverage().unknown[:40])
    state = {"i": 0}

    def change():
        word = words[state["i"] % len(words)]
        state["i"] += 1
        current = study.store.explicit(word)
        if current is status.KNOWN:
            study.store.remove([word])
        else:
            study.store.set([word], status.KNOWN)
        article.statuses_changed([word])
        article.coverage()
        article.rows()
        view.refresh_ruby(article.paragraphs_with([word]))
        view.viewport().repaint()
    change()
    times = [median_ms(change, 1) for _ in range(25)]
    paint = [median_ms(view.viewport().repaint, 1) for _ in range(25)]
    ms, best = statistics.median(times), min(times)
    print(f"one status change → statuses, coverage, study rows, ruby relaid and painted: "
          f"median {ms:.1f} ms, best {best:.1f} ms (budget ≤ 30 ms); of which a plain repaint "
          f"of the view: median {statistics.median(paint):.1f} ms")
    return int(ms > 30)


if __name__ == "__main__":
    sys.exit(main())
