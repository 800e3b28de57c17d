"""People panel benchmark: quality against the hand labels, and added annotation time.

Prints, per article and overall, the precision and recall of the panel entries (aliases
merged) with the directory and detector together, then the detector alone (directory
switched off), then how much time the people layer adds to annotating each article:
CPU time (`process_time`, one BLAS thread so spinning threads do not blur it), best of
several interleaved runs, people caches cleared before every run.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from reader.core.glossary.store import install as install_glossary  # noqa: E402
from reader.core.people.evaluation import Score, load_labels, score_entries  # noqa: E402
from reader.core.people.layer import install as install_people  # noqa: E402
from reader.core.services import Services  # noqa: E402
from reader.core.text.pipeline import Annotator  # noqa: E402

LABELS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "people_labels.toml"


def quality(services: Services, labels: dict, use_directory: bool, title: str) -> Score:
    people = services.people
    people.use_directory = use_directory
    people._cache.clear()
    total = Score()
    for article_id, labelled in labels.items():
        _, text = services.library.get(article_id)
        document = services.annotator.annotate(text)
        score = score_entries(people.in_document(document), labelled)
        total.add(score)
        extra = ""
        if score.wrong or score.missed:
            extra = f"  wrong: {', '.join(score.wrong) or '-'}; missed: {', '.join(score.missed) or '-'}"
        print(f"  {score.line(article_id)}{extra}")
    print(total.line(f"people: {title}, overall"))
    people.use_directory = True
    people._cache.clear()
    return total


def _cold(people) -> None:
    """Forget everything the people layer cached, so each run pays the full cost."""
    people._cache.clear()
    people.detector._tag_cache.clear()
    people.detector._word_cache.clear()


def timing(services: Services, labels: dict, runs: int) -> None:
    """CPU time (process_time: robust on a busy machine), best of `runs` interleaved runs."""
    base = Annotator(services.segmenter, services.pinyin)
    install_glossary(base, services.glossary)
    full = Annotator(services.segmenter, services.pinyin)
    install_glossary(full, services.glossary)
    people = install_people(full, services.people)
    clock = time.process_time
    totals = [0.0, 0.0, 0.0]
    for article_id in labels:
        _, text = services.library.get(article_id)
        simplified = base.annotate(text).simplified
        best = [float("inf")] * 3
        for _ in range(runs):
            started = clock()
            base.annotate(text)
            best[0] = min(best[0], clock() - started)
            _cold(people)
            started = clock()
            full.annotate(text)
            best[1] = min(best[1], clock() - started)
            _cold(people)
            started = clock()
            people.mentions(simplified)
            best[2] = min(best[2], clock() - started)
        totals = [t + b for t, b in zip(totals, best, strict=True)]
        print(f"  {article_id}: annotation {1000 * best[0]:.0f} ms, with people "
              f"{1000 * best[1]:.0f} ms; people's own work {1000 * best[2]:.1f} ms "
              f"(+{100 * best[2] / best[0]:.1f}%)")
    own = 100 * totals[2] / totals[0]
    end_to_end = 100 * (totals[1] - totals[0]) / totals[0]
    print(f"people: adds {end_to_end:.1f}% CPU time to annotation of the five articles "
          f"(its own matching + detection: {own:.1f}%; budget <= 15%)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="timing runs per article")
    args = parser.parse_args(argv)
    services = Services()
    services.annotator.initialize()
    labels = load_labels(LABELS)
    for article_id in labels:  # warm every cache the baseline also uses
        services.annotator.annotate(services.library.get(article_id)[1])
    quality(services, labels, True, "directory + detector")
    quality(services, labels, False, "detector alone (directory off)")
    timing(services, labels, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
