"""The installed wheel against the checkout (issue 13): same output, and what it costs.

Builds the wheel, installs it into a throw-away venv (tools/wheel_venv.py: offline, the
dependencies seen through a .pth line), then runs `reader annotate --article ID --json`
from the install and `python -m reader ...` from the checkout, both on a warm cache, and
compares the outputs byte for byte for every corpus article.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import wheel_venv  # noqa: E402


def timed(argv: list[str], env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(argv, env=env, cwd=tempfile.gettempdir(), capture_output=True,
                         text=True, check=True).stdout
    return time.perf_counter() - started, out


def main() -> int:
    base = Path(tempfile.mkdtemp(prefix="reader-bench-install-"))
    started = time.perf_counter()
    wheel = wheel_venv.build_wheel(base / "dist")
    command = wheel_venv.make_venv(base / "venv", wheel)
    setup = time.perf_counter() - started
    env = wheel_venv.clean_env(READER_HOME=str(base / "home"),
                               READER_CACHE=str(base / "cache"))
    checkout = {**env, "PYTHONPATH": str(ROOT)}
    ids = subprocess.run([str(command), "library", "list", "--json"], env=env,
                         capture_output=True, text=True, check=True).stdout
    import json

    articles = [a["id"] for a in json.loads(ids)]
    timed([str(command), "annotate", "--article", articles[0], "--json"], env)  # builds caches
    same, times = [], {"installed": [], "checkout": []}
    for article in articles:
        t_inst, installed = timed([str(command), "annotate", "--article", article, "--json"], env)
        t_src, source = timed([sys.executable, "-m", "reader", "annotate", "--article", article,
                               "--json"], checkout)
        same.append(installed == source)
        times["installed"].append(t_inst)
        times["checkout"].append(t_src)
    print(f"install: wheel {wheel.stat().st_size / 1e6:.2f} MB built and installed into a "
          f"fresh venv in {setup:.1f} s")
    print(f"install: `reader annotate --article ID --json` installed vs checkout: "
          f"{sum(same)}/{len(same)} articles identical (budget: all)")
    print(f"install: one annotate run, median {statistics.median(times['installed']):.2f} s "
          f"installed vs {statistics.median(times['checkout']):.2f} s from the checkout")
    return 0 if all(same) else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
