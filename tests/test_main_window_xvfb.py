"""Smoke tests of the real app as a process: `main.py --screenshot` offscreen and under Xvfb (xcb)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run_app(args: list[str], env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def check_png(qapp, path, width: int, height: int) -> None:
    """The PNG exists, has the asked size, and is a picture (not one flat colour)."""
    from PySide6.QtGui import QImage

    assert path.exists() and path.stat().st_size > 10_000
    image = QImage(str(path))
    assert (image.width(), image.height()) == (width, height)
    colours = {image.pixel(x, y) for x in range(0, width, 13) for y in range(0, height, 11)}
    assert len(colours) > 20


@pytest.mark.slow
def test_screenshot_command_writes_png_offscreen(qapp, tmp_path, reader_home, shared_cache):
    """`main.py --screenshot` (offscreen) writes a PNG of the asked size with the popup open."""
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_HOME=str(reader_home),
               READER_CACHE=str(shared_cache))
    result = run_app(["--screenshot", str(out), "--article", "nbd", "--script", "traditional",
                      "--hover", "3", "--size", "900x640"], env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "900x640" in result.stdout
    check_png(qapp, out, 900, 640)
    assert not (reader_home / "data" / "settings.json").exists()  # screenshots change no settings


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_real_app_renders_under_xvfb(qapp, tmp_path, reader_home, shared_cache):
    """Under an X server (Xvfb, xcb platform) the real app starts and renders its window."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24",
                             "-nolisten", "tcp"], pass_fds=(write_fd,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            display = pipe.readline().strip()
        assert display.isdigit(), "Xvfb did not report a display"
        out = tmp_path / "xcb.png"
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=f":{display}",
                   READER_HOME=str(reader_home), READER_CACHE=str(shared_cache))
        result = run_app(["--screenshot", str(out), "--article", "36kr", "--size", "1000x700"], env)
        assert result.returncode == 0, result.stderr[-2000:]
        check_png(qapp, out, 1000, 700)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
