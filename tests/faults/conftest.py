"""Fault-suite helpers: worker processes, a small real disk (tmpfs), one-line checks."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKERS = Path(__file__).with_name("workers.py")


def worker(home: Path, *args: str) -> subprocess.Popen:
    """Start `workers.py ARGS` with READER_HOME=home (stdout: one JSON line)."""
    env = dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(ROOT),
               QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, str(WORKERS), *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def report(process: subprocess.Popen, timeout: float = 300) -> dict:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


def assert_one_line(message: str) -> None:
    """A user-facing message: exactly one line, no traceback."""
    assert "Traceback" not in message
    assert len(message.strip().splitlines()) == 1, message


def cli(*argv: str, stdin: bytes | None = None, home: Path | None = None
        ) -> subprocess.CompletedProcess:
    """Run `python main.py ARGV` in a real process (READER_HOME from the environment)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    if home is not None:
        env["READER_HOME"] = str(home)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], env=env,
                          input=stdin, capture_output=True, timeout=300)


def run_fresh(*argv: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    """One CLI command in-process with fresh services (as a new process would have them)."""
    from reader.cli import run
    from reader.core.services import Services

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            status = run(list(argv), Services())
    finally:
        sys.stdin = old_stdin
    return status, out.getvalue(), err.getvalue()


def error_lines(stderr: bytes | str) -> list[str]:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text, text
    return [line for line in text.splitlines() if line.startswith("error:")]


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB filesystem (tmpfs) that can be filled; skipped where mounting is denied."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the fsync-fault tests still run")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte; returns the filler file (delete it to free space)."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
        except OSError:
            pass
        try:
            while True:
                handle.write(b"\0")
        except OSError:
            pass
    return filler


@pytest.fixture
def readonly_view(tmp_path):
    """readonly(folder) -> a read-only view of `folder` (a read-only bind mount, as root),
    or a folder without write permission when not root; unmounted afterwards."""
    mounts = []

    def readonly(folder: Path) -> Path:
        view = tmp_path / f"ro-{uuid.uuid4().hex[:6]}"
        view.mkdir()
        if os.geteuid() != 0:
            for path in [folder, *folder.rglob("*")]:
                path.chmod(path.stat().st_mode & ~0o222)
            view.rmdir()
            return folder
        bind = subprocess.run(["mount", "--bind", str(folder), str(view)], capture_output=True)
        ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], capture_output=True)
        if bind.returncode or ro.returncode:
            pytest.skip("cannot make a read-only mount here")
        mounts.append(view)
        return view

    yield readonly
    for view in mounts:
        subprocess.run(["umount", "-l", str(view)], capture_output=True)
