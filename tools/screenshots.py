"""Regenerate the README's screenshots (`make screenshots`): the real window, rendered offscreen.

Each picture is one `python main.py --screenshot …` run, so what you see is what the app draws.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SHOTS = {
    "main-traditional.png": ["--article", "caijing-2020", "--script", "traditional"],
    "popup.png": ["--article", "zhoutian", "--script", "simplified", "--hover", "12"],
    "ruby.png": ["--article", "36kr", "--script", "simplified", "--ruby"],
    "dark.png": ["--article", "caijing-2019", "--script", "traditional", "--dark", "--hover", "30"],
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out_dir = Path(argv[0] if argv else ROOT / "docs" / "screenshots")
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
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
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
