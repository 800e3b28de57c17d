"""Regenerate the README's screenshots (`make screenshots`): the real window, rendered offscreen.

Each picture is one `python main.py --screenshot …` run, so what you see is what the app draws.
They run in a fresh temporary READER_HOME (your settings, glossary and decks are neither used
nor touched), where the first article's glossary is saved as flashcards for the review shot.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SHOTS = {
    "main-traditional.png": ["--article", "caijing-2020", "--script", "traditional"],
    "popup-glossary.png": ["--article", "caijing-2020", "--script", "simplified", "--hover", "7",
                           "--tab", "Glossary"],
    "popup.png": ["--article", "zhoutian", "--script", "simplified", "--hover", "12"],
    "ruby.png": ["--article", "36kr", "--script", "simplified", "--ruby"],
    "dark.png": ["--article", "caijing-2019", "--script", "traditional", "--dark", "--hover", "30"],
    "people-tab.png": ["--article", "caijing-2020", "--script", "traditional", "--hover", "117",
                       "--tab", "People"],
    "review.png": ["--article", "caijing-2020", "--review"],
    "ruby-unknown.png": ["--article", "36kr", "--script", "simplified", "--ruby-unknown",
                         "--tab", "Study", "--hover", "40"],
    "small-800x600.png": ["--article", "caijing-2020", "--script", "traditional", "--size",
                          "800x600", "--hover", "40"],
    "dark-ruby.png": ["--article", "caijing-2019", "--script", "traditional", "--dark",
                      "--ruby"],
}
PREPARE = [["glossary", "save", "--article", "caijing-2020"],  # cards for review.png
           ["known", "level", "4"]]  # a reader who knows HSK 1–4 (library difficulty, study)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out_dir = Path(argv[0] if argv else ROOT / "docs" / "screenshots")
    out_dir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from reader.core.paths import cache_dir

    home = tempfile.TemporaryDirectory(prefix="reader-screenshots-")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               READER_HOME=home.name, READER_CACHE=str(cache_dir()))
    for command in PREPARE:
        subprocess.run([sys.executable, str(ROOT / "main.py"), *command], cwd=ROOT, env=env,
                       capture_output=True, text=True, check=False)
    failures = 0
    for name, options in SHOTS.items():
        started = time.perf_counter()
        command = [sys.executable, str(ROOT / "main.py"), "--screenshot", str(out_dir / name),
                   *options]
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            failures += 1
            print(f"{name}: FAILED ({result.stderr.strip().splitlines()[-1:]})")
        else:
            print(f"{name}: {result.stdout.strip()} in {time.perf_counter() - started:.1f}s")
    home.cleanup()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
