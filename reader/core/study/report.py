"""The `stats` report of one text: coverage, unknown words, HSK histogram, level, top words."""
from __future__ import annotations

from reader.core.study.coverage import EXCLUDED_NOTE, ArticleWords, coverage, profile
from reader.core.study.hsk import level_label
from reader.core.text.document import Document

TOP = 20


def stats(document: Document, study, top: int = TOP) -> dict:
    """The JSON form (keys: coverage, unknown, hsk_histogram, level, top_unknown, ...)."""
    words = ArticleWords.of(document)
    general = study.general()
    cov = coverage(words, study.store.snapshot(), general, study.hsk.words())
    prof = profile(words, study.hsk)
    return {
        "coverage": cov.percent,
        "unknown": len(cov.unknown),
        "hsk_histogram": prof.histogram,
        "level": prof.level,
        "top_unknown": list(cov.unknown[:top]),
        "top_unknown_general": sorted(cov.unknown, key=lambda w: -general.get(w, 0))[:top],
        "running_words": cov.running,
        "known_running_words": cov.known,
        "excluded": {**words.excluded, "ignored": cov.ignored},
        "note": EXCLUDED_NOTE,
    }


def stats_text(report: dict) -> str:
    """The human-readable form."""
    hist = report["hsk_histogram"]
    bars = "  ".join(f"{level_label(int(k)) if k != 'none' else 'beyond'}: {v}"
                     for k, v in hist.items())
    excluded = report["excluded"]
    lines = [
        f"coverage: {report['coverage']:.1f} % of {report['running_words']} running words known",
        f"  ({report['note']}: {excluded['names']} names, {excluded['numbers']} numbers, "
        f"{excluded['latin']} Latin, {excluded['ignored']} ignored)",
        f"distinct unknown words: {report['unknown']}",
        f"HSK 3.0 (distinct words): {bars}",
        "level: " + (f"HSK {level_label(report['level'])}" if report["level"]
                     else "beyond HSK 7–9" if report["running_words"] else "no Chinese words"),
        "top unknown (in this text): " + " ".join(report["top_unknown"]),
        "top unknown (in general): " + " ".join(report["top_unknown_general"]),
    ]
    return "\n".join(lines)
