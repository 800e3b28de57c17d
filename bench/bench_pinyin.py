"""CPP polyphone benchmark (dev split): accuracy of the reading of the marked character.

Runs the real pipeline (jieba segmentation + pinyin engine) over all 9,893 sentences,
joined as paragraphs of one document, and compares the reading of each marked
character with the gold label.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from reader.core.services import Services
from reader.core.text.pinyin_data import normalize_numbered

MARK = "\u2581"


def load(bench_dir: Path, limit: int | None):
    sentences = (bench_dir / "dev.sent").read_text(encoding="utf-8").splitlines()
    labels = (bench_dir / "dev.lb").read_text(encoding="utf-8").splitlines()
    rows = []
    for sentence, label in list(zip(sentences, labels, strict=True))[:limit]:
        a = sentence.index(MARK)
        b = sentence.index(MARK, a + 1)
        plain = sentence[:a] + sentence[a + 1 : b] + sentence[b + 1 :]
        rows.append((plain, a, normalize_numbered(label)))
    return rows


def reading_at(document, offset: int) -> str:
    index = document.token_index_at(offset, "simplified")
    start, _ = document.span(index)
    syllables = document.pinyin_numbers(index).split(" ")
    return syllables[offset - start] if offset - start < len(syllables) else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "cpp")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    if not (args.data / "dev.sent").exists():
        print(f"CPP benchmark data not found in {args.data}; skipped")
        return 0
    rows = load(args.data, args.limit)
    services = Services()
    annotator = services.annotator
    annotator.initialize()
    text = "\n".join(plain for plain, _, _ in rows)
    started = time.perf_counter()
    document = annotator.annotate(text)
    elapsed = time.perf_counter() - started
    correct = 0
    base = 0
    for plain, offset, gold in rows:
        correct += reading_at(document, base + offset) == gold
        base += len(plain) + 1
    accuracy = 100.0 * correct / len(rows)
    print(f"pinyin: CPP dev accuracy {accuracy:.2f}% ({correct}/{len(rows)} sentences), "
          f"annotated {len(text):,} chars in {elapsed:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
