"""Hostile and odd input (issue 12 §4): standard input has the file size limit; named
pipes and /proc files are read up to the limit; devices are named, not read; short Big5
files decode as Big5 and still carry the "not sure" warning."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from reader.core.library.encodings import TextInputError, decode_bytes
from reader.core.services import Services

TEXT = "騰訊雲\n湯道生說，產業互聯網是長期的事。\n"


def test_stdin_over_the_limit_is_refused_in_one_line(run_cli, services):
    """`import -` with 2 MB on standard input and import.max_mb = 1: one line, status 2,
    nothing imported."""
    services.settings.set("import.max_mb", 1, save=False)
    try:
        before = [a.id for a in services.library.list()]
        status, out, err = run_cli("import", "-", stdin=("中文" * 400_000).encode())
        assert status == 2 and out == ""
        assert "standard input gave more than" in err and err.count("\n") == 1
        assert [a.id for a in services.library.list()] == before
        status, _, err = run_cli("annotate", "-", stdin=("中文" * 400_000).encode())
        assert status == 2 and "standard input gave more than" in err
    finally:
        services.settings.set("import.max_mb", 100, save=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_read_and_capped(tmp_path):
    """A FIFO is read as a stream: a short text imports, an endless one stops at the limit
    with a message naming it as a pipe."""
    services = Services()
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)

    def write(data: bytes, repeat: bool) -> None:
        try:
            with open(pipe, "wb") as handle:
                handle.write(data)
                while repeat:
                    handle.write(data)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write, args=(TEXT.encode("utf-8"), False), daemon=True)
    writer.start()
    info = services.library.import_file(pipe)
    writer.join(5)
    assert services.library.get(info.id)[1].startswith("騰訊雲")

    services.settings.set("import.max_mb", 1, save=False)
    writer = threading.Thread(target=write, args=(("中" * 100_000).encode(), True), daemon=True)
    writer.start()
    with pytest.raises(TextInputError, match=r"named pipe \(FIFO\)\) gave more than"):
        services.library.import_file(pipe)
    writer.join(5)


@pytest.mark.skipif(not Path("/proc/version").exists(), reason="no /proc here")
def test_proc_file_is_read_not_called_empty():
    """/proc files report a size of 0 but have text: it is read (it used to be "empty")."""
    prepared = Services().library.prepare_file(Path("/proc/version"))
    assert prepared.text.strip()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_devices_are_named_not_read(device):
    """A character device is refused by what it is, without reading it."""
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(TextInputError, match="is a character device, not a file"):
        Services().library.prepare_file(Path(device))


@pytest.mark.parametrize("line", ["騰訊控股有限公司", "湯道生說產業互聯網", "11月12日，騰訊控股"])
def test_short_big5_decodes_as_big5_with_the_warning(line):
    """A few Big5 characters decode as Big5 (not GB18030 garbage), still marked unsure."""
    decoded = decode_bytes(line.encode("big5"))
    assert decoded.encoding == "big5" and decoded.text == line
    assert not decoded.confident and "gb18030" in decoded.alternatives


def test_short_gb_text_still_decodes_as_gb18030():
    """The same scoring keeps short Simplified text as GB18030."""
    for line in ("腾讯控股有限公司", "汤道生说产业互联网", "11月12日，腾讯控股"):
        assert decode_bytes(line.encode("gb18030")).encoding == "gb18030"
