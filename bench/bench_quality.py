"""Quality on text the data was not written from: the dev set and general text.

Prints
* glossary recall of jargon occurrences on the labelled dev set (split `dev`, and the
  held-out split `test` separately), with the most-missed surfaces of the dev split;
* marked glossary spans per 100k characters of general (encyclopaedia) text, the CPP
  sentences in ../shared/bench/cpp/dev.sent (skipped when missing), and their precision on
  the hand-labelled sample in tests/fixtures/general_marked_sample.toml;
* People panel precision and recall on the dev set, with the directory and detector, and
  with the detector alone (directory off);
* the cost: annotation against jieba.lcut on a 10k-character article, and the time to load
  the glossary and people data.

`--devset`, `--glossary` and `--people` point at other data (e.g. the parts being written
before they are merged into assets/).
"""
from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tomllib  # noqa: E402
from pathlib import Path  # noqa: E402

from reader.core import paths  # noqa: E402
from reader.core.devset import Recall, jargon_recall, load_devset, people_score  # noqa: E402
from reader.core.people.evaluation import Score  # noqa: E402
from reader.core.services import Services  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "fixtures" / "devset"
# ../shared/bench/cpp relative to the repository (a worktree sits one level deeper).
GENERAL_CANDIDATES = [base / "shared" / "bench" / "cpp" / "dev.sent"
                      for base in (ROOT.parent, ROOT.parent.parent)]
GENERAL = next((p for p in GENERAL_CANDIDATES if p.is_file()), GENERAL_CANDIDATES[0])
SAMPLE = ROOT / "tests" / "fixtures" / "general_marked_sample.toml"
BLOCK = 40  # general-text sentences annotated together (one paragraph each)


def general_sentences(path: Path = GENERAL) -> list[str]:
    """The CPP sentences with their ▁ markers removed ([] when the file is missing)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        lines = [line.strip().replace("\u2581", "") for line in handle]
    return [line for line in lines if line]


def general_marks(annotator, sentences: list[str]) -> list[tuple[int, str, str, str]]:
    """(sentence index, marked surface, entry id, sentence) of every glossary mark."""
    out = []
    for first in range(0, len(sentences), BLOCK):
        block = sentences[first:first + BLOCK]
        document = annotator.annotate("\n".join(block))
        starts = [0]
        for line in block[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        for span in document.layers.get("glossary", []):
            k = max(i for i, s in enumerate(starts) if s <= span.start)
            out.append((first + k, document.original[span.start:span.end], span.key,
                        block[k]))
    return out


def glossary_quality(services, articles) -> None:
    for split in ("dev", "test"):
        total = Recall()
        for article in (a for a in articles if a.split == split):
            document = services.annotator.annotate(article.text)
            spans = [(s.start, s.end) for s in document.layers.get("glossary", [])]
            total.add(jargon_recall(article, spans))
        if not total.total:
            continue
        print(f"glossary recall ({split} split): {100 * total.recall:.1f}% of jargon "
              f"occurrences ({total.found}/{total.total}; target >= 85%)")
        if split == "dev":
            worst = sorted(total.missed.items(), key=lambda kv: -kv[1])[:25]
            print("  most missed (dev): " + ", ".join(f"{k}×{v}" for k, v in worst))


def general_quality(services) -> None:
    sentences = general_sentences()
    if not sentences:
        print(f"general text: {GENERAL} not found, skipped")
        return
    marks = general_marks(services.annotator, sentences)
    chars = sum(len(s) for s in sentences)
    print(f"general text: {len(marks)} marked spans in {chars:,} chars = "
          f"{1e5 * len(marks) / chars:.1f} per 100k (target <= 15)")
    if not SAMPLE.is_file():
        return
    with SAMPLE.open("rb") as handle:
        labelled = {(m["line"], m["surface"]): m["right"]
                    for m in tomllib.load(handle).get("mark", [])}
    judged = [labelled[(i, s)] for i, s, _, _ in marks if (i, s) in labelled]
    if judged:
        print(f"general text: precision of marks in the labelled sample "
              f"{100 * sum(judged) / len(judged):.0f}% ({sum(judged)}/{len(judged)} right; "
              f"{len(marks) - len(judged)} current marks unlabelled, {len(labelled)} labelled)")


def people_quality(services, articles) -> None:
    people = services.people
    for use_directory, title in ((True, "directory + detector"), (False, "detector alone")):
        people.use_directory = use_directory
        people._cache.clear()
        for split in ("dev", "test"):
            total = Score()
            for article in (a for a in articles if a.split == split):
                document = services.annotator.annotate(article.text)
                total.add(people_score(article, people.in_document(document)))
            if total.labelled:
                print(total.line(f"people ({split} split), {title}"))
                if split == "dev" and use_directory:
                    print(f"  wrong (dev): {', '.join(total.wrong[:30])}")
                    print(f"  missed (dev): {', '.join(total.missed[:30])}")
    people.use_directory = True
    people._cache.clear()


def cost(services, articles) -> None:
    text = "\n".join(a.text for a in articles)[:10_000] if articles else ""
    if len(text) < 10_000:
        return
    tokenizer = services.segmenter.tokenizer
    annotator = services.annotator
    annotator.annotate(text)

    def best(fn, rounds=5):
        times = []
        for _ in range(rounds):
            started = time.process_time()
            fn()
            times.append(time.process_time() - started)
        return min(times)

    fresh = iter(range(10**6))
    jieba_s = best(lambda: tokenizer.lcut(text + str(next(fresh))))
    annotate_s = best(lambda: annotator.annotate(text + str(next(fresh))))
    print(f"cost: annotation {1000 * annotate_s:.0f} ms vs jieba.lcut {1000 * jieba_s:.0f} ms "
          f"on 10k chars = {annotate_s / jieba_s:.2f}x (budget <= 2x)")


def load_time(glossary_dir: Path, people_dir: Path) -> None:
    from reader.core.glossary.store import Glossary
    from reader.core.people.layer import People

    started = time.perf_counter()
    glossary = Glossary(glossary_dir, Path("/nonexistent/user.toml"))
    middle = time.perf_counter()
    people = People(people_dir, Path("/nonexistent/people_user.toml"))
    done = time.perf_counter()
    print(f"load: glossary {len(glossary)} entries {1000 * (middle - started):.0f} ms, "
          f"people {len(people.people())} {1000 * (done - middle):.0f} ms (off the GUI thread)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--glossary", type=Path, default=paths.assets_dir() / "glossary")
    parser.add_argument("--people", type=Path, default=paths.assets_dir() / "people")
    args = parser.parse_args(argv)
    services = Services()
    services.glossary_dir, services.people_dir = args.glossary, args.people
    load_time(args.glossary, args.people)
    articles = load_devset(args.devset)
    if not articles:
        print(f"dev set: {args.devset} not found, recall and people figures skipped")
    glossary_quality(services, articles)
    general_quality(services)
    people_quality(services, articles)
    cost(services, articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
