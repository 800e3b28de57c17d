"""Command-line options of the window (`python main.py [--screenshot OUT.png ...]`)."""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from reader.core.text.scripts import View

DEFAULT_SIZE = (1280, 800)


class OptionsError(ValueError):
    """A bad window option, explained in one line."""


@dataclass(frozen=True)
class WindowOptions:
    """What the window was asked to do."""

    screenshot: Path | None = None
    article: str | None = None
    script: View | None = None
    hover: int | None = None
    ruby: bool = False
    ruby_unknown: bool = False
    dark: bool = False
    size: tuple[int, int] = DEFAULT_SIZE
    tab: str | None = None
    review: bool = False


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump
        raise OptionsError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="main.py",
        description="Open the reader window. With --screenshot, render it offscreen to a PNG and exit.",
    )
    parser.add_argument("--screenshot", metavar="OUT.png", type=Path,
                        help="render the window to this PNG and exit")
    parser.add_argument("--article", metavar="ID", help="article to show (id or unique id prefix)")
    parser.add_argument("--script", choices=[v.value for v in View],
                        help="script view to show (default: original)")
    parser.add_argument("--hover", metavar="N", type=int,
                        help="open the popup over the N-th word (counting from 0)")
    parser.add_argument("--ruby", action="store_true", help="show pinyin above every word")
    parser.add_argument("--ruby-unknown", action="store_true",
                        help="show pinyin only above the words you don't know")
    parser.add_argument("--dark", action="store_true", help="dark theme")
    parser.add_argument("--tab", metavar="NAME",
                        help="side-panel tab to show in the screenshot (Words, Glossary, People…)")
    parser.add_argument("--review", action="store_true",
                        help="screenshot the flashcard review (answer shown) instead of the window")
    parser.add_argument("--size", metavar="WxH", default=f"{DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]}",
                        help="window size in pixels (default %(default)s)")
    return parser


def parse_size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise OptionsError(f"--size must look like 1280x800, not {text!r}")
    w, h = int(width), int(height)
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise OptionsError(f"--size {text}: width must be 320-8000 and height 240-8000 pixels")
    return w, h


def parse_options(argv: list[str]) -> WindowOptions:
    """Parse and check the options; raises OptionsError with a one-line message."""
    args = build_parser().parse_args(argv)
    size = parse_size(args.size)
    if args.hover is not None and args.hover < 0:
        raise OptionsError("--hover N must be 0 or more")
    if args.screenshot is None and args.hover is not None:
        raise OptionsError("--hover goes with --screenshot")
    if args.screenshot is None and (args.tab is not None or args.review):
        raise OptionsError("--tab and --review go with --screenshot")
    if args.screenshot is not None and args.screenshot.suffix.lower() != ".png":
        raise OptionsError(f"--screenshot needs a .png file name, not {args.screenshot}")
    return WindowOptions(
        screenshot=args.screenshot,
        article=args.article,
        script=View(args.script) if args.script else None,
        hover=args.hover,
        ruby=args.ruby,
        ruby_unknown=args.ruby_unknown,
        dark=args.dark,
        size=size,
        tab=args.tab,
        review=args.review,
    )
