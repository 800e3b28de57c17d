"""`gloss`: the offline interlinear gloss, each word over its short English gloss."""
from __future__ import annotations

import unicodedata

from reader.cli.common import add_source, print_json, read_source
from reader.core.text.scripts import View

VIEW_CHOICES = [v.value for v in View]
NO_GLOSS = "–"


def register(sub) -> None:
    parser = sub.add_parser("gloss", help="word-by-word English gloss, offline")
    add_source(parser)
    parser.add_argument("--script", choices=VIEW_CHOICES, default="original",
                        help="the view to show (default: as written)")
    parser.add_argument("--width", type=int, default=100, help="line width (default 100)")
    parser.add_argument("--json", action="store_true", help="one JSON object (see README)")
    parser.set_defaults(handler=run)


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else
               0 if unicodedata.combining(ch) else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def interlinear(sentence, width: int) -> list[str]:
    """A sentence as pairs of lines (words over glosses), wrapped at `width` columns."""
    lines: list[str] = []
    top: list[str] = []
    bottom: list[str] = []
    used = 0
    for unit in sentence.units:
        word = unit.text.strip()
        gloss = unit.gloss if unit.gloss or not unit.is_word else NO_GLOSS
        column = max(display_width(word), display_width(gloss)) + (2 if unit.is_word else 1)
        if used and used + column > width:
            lines += ["".join(top).rstrip(), "".join(bottom).rstrip()]
            top, bottom, used = [], [], 0
        top.append(_pad(word, column))
        bottom.append(_pad(gloss, column))
        used += column
    if top:
        lines += ["".join(top).rstrip(), "".join(bottom).rstrip()]
    return lines


def gloss_json(document, view: View, sentences) -> dict:
    """Sentences with their words, offsets in `view`, gloss and source."""
    out = []
    for sentence in sentences:
        words = []
        for unit in sentence.units:
            start = document.span(unit.first, view)[0]
            end = document.span(unit.last, view)[1]
            words.append({"start": start, "end": end, "text": unit.text,
                          "gloss": unit.gloss, "source": unit.source})
        out.append({"start": document.to_view_offset(sentence.start, view),
                    "end": document.to_view_offset(sentence.end, view), "words": words})
    return {"view": str(view), "sentences": out}


def run(args, services) -> int:
    text, _title = read_source(args, services)
    view = View(args.script)
    document = services.annotator.annotate(text)
    sentences = services.glosser.sentences(document, view)
    if args.json:
        print_json(gloss_json(document, view, sentences))
        return 0
    width = max(20, args.width)
    for sentence in sentences:
        for line in interlinear(sentence, width):
            print(line)
        print()
    return 0
