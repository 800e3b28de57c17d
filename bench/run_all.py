"""`make bench`: run every bench/bench_*.py in turn and print their figures."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    env = {**os.environ, "PYTHONPATH": str(HERE) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.setdefault("READER_HOME", str(Path(os.environ.get("TMPDIR", "/tmp")) / "reader-bench-home"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    only = set(sys.argv[1:])
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        name = script.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], env=env, cwd=HERE.parent)
        if result.returncode:
            failed.append(name)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
