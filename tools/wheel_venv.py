"""Build the wheel and install it into a throw-away venv, offline, as a user's install would.

`python tools/wheel_venv.py DIR [reader args...]` builds, installs into DIR/venv and runs
the installed `reader` command. The venv sees the current interpreter's packages through a
`.pth` line (so the dependencies are not downloaded again) but not its editable install of
the checkout, so `reader` is the wheel's. Used by tests/test_install.py and the bench.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


SOURCES = ["pyproject.toml", "setup.py", "README.md", "reader", "assets", "corpus"]


def build_wheel(out: Path) -> Path:
    """Build the project's wheel into `out` (no network: the build tools installed here).

    It builds from a copy of the sources, so nothing is written into the checkout.
    """
    source = out / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(out), str(source)],
                   check=True, cwd=out, capture_output=True)
    return next(out.glob("reader-*.whl"))


def make_venv(target: Path, wheel: Path) -> Path:
    """A venv at `target` with `wheel` installed; returns its `reader` command."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(target)], check=True)
    purelib = Path(sysconfig.get_paths(vars={"base": str(target), "platbase": str(target)})
                   ["purelib"])
    purelib.mkdir(parents=True, exist_ok=True)
    here = sysconfig.get_paths()["purelib"]  # our dependencies, without our .pth files
    (purelib / "zz-dependencies.pth").write_text(here + "\n", encoding="utf-8")
    # --ignore-installed: through the .pth line pip also sees the checkout's own (editable)
    # install of `reader`; without it pip may take that one as already satisfying the wheel
    # (or trip over it while another process reinstalls it) and write no `reader` script.
    result = subprocess.run([sys.executable, "-m", "pip", "--python", str(target / "bin" / "python"),
                             "install", "--no-deps", "--no-index", "--ignore-installed",
                             str(wheel)], capture_output=True, text=True)
    command = target / "bin" / "reader"
    if result.returncode or not command.is_file():
        raise RuntimeError(f"installing {wheel.name} into {target} gave no `reader` command "
                           f"(pip exit {result.returncode}):\n{result.stdout[-1500:]}"
                           f"{result.stderr[-1500:]}")
    return command


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for the installed command: no PYTHONPATH pointing at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(extra)
    return env


def main(argv: list[str]) -> int:
    target = Path(argv[0])
    command = make_venv(target / "venv", build_wheel(target / "dist"))
    return subprocess.run([str(command), *argv[1:]], env=clean_env()).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
