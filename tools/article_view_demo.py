"""Show the reading widget alone on one article, or render it to a PNG and exit.

    python tools/article_view_demo.py [--article 000] [--view traditional] [--ruby] [--dark]
        [--tones] [--size 900x700] [--hover N] [--screenshot OUT.png]

`--hover N` opens the popup over the N-th word (counting only words) before the picture.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--article", default="000")
    parser.add_argument("--view", default="original")
    parser.add_argument("--ruby", action="store_true")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--tones", action="store_true")
    parser.add_argument("--size", default="900x700")
    parser.add_argument("--hover", type=int)
    parser.add_argument("--offset", type=int, default=0, help="base offset to scroll to")
    parser.add_argument("--marks", action="store_true",
                        help="mark 腾讯 as a person, To B as jargon, one sentence as a search hit")
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from reader.core.services import Services
    from reader.core.text.scripts import View
    from reader.ui.article_view import ArticleView
    from reader.ui.popup import grab_with_popup

    app = QApplication.instance() or QApplication(sys.argv[:1])
    services = Services()
    found = services.library.get(args.article)
    if found is None:  # a corpus file number such as 000
        for info in services.library.list():
            if info.path is not None and info.path.name.startswith(args.article):
                found = services.library.get(info.id)
    if found is None:
        print(f"no article {args.article!r}", file=sys.stderr)
        return 2
    document = services.annotator.annotate(found[1])
    view = ArticleView(services.dictionary)
    width, height = (int(x) for x in args.size.lower().split("x"))
    view.resize(width, height)
    view.set_dark(args.dark)
    view.set_ruby(args.ruby)
    view.set_tone_colours(args.tones)
    view.set_document(document, View(args.view), args.offset)
    view.setWindowTitle(found[0].title)
    view.show()
    if args.marks:
        simplified = document.simplified
        view.set_marks("people", _find(simplified, "腾讯"), "person")
        view.set_marks("glossary", _find(simplified, "To B"), "glossary")
        hit = simplified.find("财报数据强劲")
        view.set_marks("search", [(hit, hit + 6)], "search")
        view.select_base_range(hit + 10, hit + 20)
    if args.hover is not None:
        words = [i for i in document.word_indices()]
        view.show_popup_for(words[min(args.hover, len(words) - 1)])
    app.processEvents()
    if args.screenshot:
        grab_with_popup(view, view.popup()).save(str(args.screenshot))
        print(args.screenshot)
        return 0
    return app.exec()


def _find(text: str, word: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(word)
    while start >= 0:
        spans.append((start, start + len(word)))
        start = text.find(word, start + 1)
    return spans


if __name__ == "__main__":
    raise SystemExit(main())
