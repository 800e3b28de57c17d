"""Word segmentation in a helper process: rjieba's dictionary loads there, not in the window's.

rjieba builds its dictionary in ~0.1 s holding the interpreter lock (its constructor does not
release it), so in the window's process every start has a 0.1 s stall, and the load sits on
the way to the first hover-ready article. Started as the window is built, the helper loads
rjieba on the other core while the window paints; the window's `Segmenter` then sends it the
text to cut (one exchange per annotation) and gets the words' lengths back.

`SegmentHelper` is the window's side (a cutter for `Segmenter`); `main()` is the helper's.
The exchange is frames on the helper's stdin and stdout: a 4-byte little-endian length, then
UTF-8 JSON. Every wait is bounded: a helper that dies, hangs or answers nonsense raises
`HelperFailed`, is stopped, and the segmenter cuts in its own process from then on. The
helper exits when its stdin closes, so it never outlives the window's process.
"""
from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.core.text.segment import HelperFailed, LocalCutter, split_at_lengths

READY_SECONDS = 20.0  # Python's start and rjieba's load, on a busy machine
CUT_SECONDS = 10.0  # plus CUT_SECONDS_PER_MB per million characters sent
CUT_SECONDS_PER_MB = 20.0
MAX_BATCH_CHARS = 1_000_000  # characters sent in one frame
MAX_FRAME = 256 * 1024 * 1024  # a longer frame is nonsense
_HEADER = struct.Struct("<I")


class SegmentHelper:
    """The helper process, seen from the window's side: a cutter for `Segmenter`.

    `start()` launches it (a few ms); it loads rjieba meanwhile. Thread-safe: one exchange
    at a time.
    """

    def __init__(self, command: Sequence[str] | None = None) -> None:
        # the helper's command line (tests start misbehaving ones); default: main() below
        self._command = list(command or [sys.executable, "-m", "reader.core.text.segment_helper"])
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._ready = False
        self._failed: str = ""
        self.closed = False  # closed on purpose: the segmenter stops rather than falls back

    # -- life ---------------------------------------------------------------------------
    @staticmethod
    def available() -> bool:
        """Whether a helper can be started (a frozen app has no Python to run it)."""
        return not getattr(sys, "frozen", False) and bool(sys.executable)

    def start(self) -> SegmentHelper:
        """Launch the helper process (it loads rjieba while the caller goes on)."""
        with self._lock:
            if self._process is None and not self._failed:
                try:
                    self._process = subprocess.Popen(
                        self._command,
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL, env=_child_environment(),
                        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
                except (OSError, ValueError) as exc:
                    self._failed = f"could not start: {exc}"
        return self

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def wait_ready(self) -> None:
        """Wait (at most READY_SECONDS) until the helper has loaded rjieba."""
        with self._lock:
            if not self._ready:
                reply = self._exchange(None, READY_SECONDS)
                if reply.get("ready") is not True:
                    self._fail(f"unexpected greeting {str(reply)[:80]}")
                self._ready = True

    def close(self) -> None:
        """Stop the helper (closing its stdin ends it; killed if it does not end at once)."""
        self.closed = True
        with self._lock:
            process, self._process = self._process, None
            self._failed = self._failed or "closed"
        if process is not None:
            _stop(process)

    # -- the cutter's interface ---------------------------------------------------------
    def add_words(self, words: Iterable[str]) -> None:
        words = list(words)
        with self._lock:
            self._exchange({"add": words}, CUT_SECONDS)

    def cut_many(self, texts: Sequence[str]) -> list[list[str]]:
        out: list[list[str]] = []
        for batch in _batches(texts):
            size = sum(map(len, batch))
            with self._lock:  # checked under the lock too: a bad answer stops the helper
                reply = self._exchange({"cut": batch},
                                       CUT_SECONDS + CUT_SECONDS_PER_MB * size / 1e6)
                lengths = reply.get("lengths")
                if not isinstance(lengths, list) or len(lengths) != len(batch):
                    self._fail("the helper's answer does not fit the question")
                for text, cut in zip(batch, lengths, strict=True):
                    if not isinstance(cut, list) or not all(
                            isinstance(n, int) and n > 0 for n in cut) or sum(cut) != len(text):
                        self._fail("the helper's words do not tile the text")
                    out.append(split_at_lengths(text, cut))
        return out

    # -- the exchange ---------------------------------------------------------------------
    def _exchange(self, message: dict | None, seconds: float) -> dict:
        """Send `message` (None: only read), read the reply; the helper is killed when it
        takes longer than `seconds`. Called with the lock held."""
        process = self._process
        if process is None:
            raise HelperFailed(f"segmentation helper {self._failed or 'not started'}")
        watchdog = threading.Timer(seconds, process.kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            if message is not None:
                _write_frame(process.stdin, message)
            reply = _read_frame(process.stdout)
        except (OSError, ValueError, EOFError) as exc:
            self._fail(f"timed out or died ({exc})" if not watchdog.is_alive()
                       else f"died ({exc})")
        finally:
            watchdog.cancel()
        if not isinstance(reply, dict):
            self._fail("the helper's answer is not a message")
        if "error" in reply:
            self._fail(f"the helper reported {str(reply['error'])[:200]}")
        return reply

    def _fail(self, why: str):
        """Stop the helper for good and raise (the segmenter then cuts in-process). Called
        with the lock held."""
        process, self._process = self._process, None
        self._failed = why
        if process is not None:
            _stop(process)
        raise HelperFailed(f"segmentation helper: {why}")


def _batches(texts: Sequence[str]) -> Iterable[list[str]]:
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > MAX_BATCH_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def _read_frame(stream) -> object:
    header = stream.read(_HEADER.size)
    if len(header) != _HEADER.size:
        raise EOFError("the helper's output ended")
    (size,) = _HEADER.unpack(header)
    if size > MAX_FRAME:
        raise ValueError(f"a frame of {size} bytes")
    body = stream.read(size)
    if len(body) != size:
        raise EOFError("the helper's output ended inside a frame")
    return json.loads(body.decode("utf-8"))


def _write_frame(stream, message: dict) -> None:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    stream.write(_HEADER.pack(len(body)) + body)
    stream.flush()


def _stop(process: subprocess.Popen) -> None:
    for stream in (process.stdin, process.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    try:
        process.wait(timeout=1.0)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _child_environment() -> dict[str, str]:
    """This environment, with the folder holding `reader` first on the helper's path (a
    source checkout is not on Python's path when the app was started from elsewhere)."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[3])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def main() -> int:
    """The helper: load rjieba, say so, then answer frames until stdin closes."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames goes to the window
    cutter = LocalCutter()
    _write_frame(stdout, {"ready": True})
    while True:
        try:
            message = _read_frame(stdin)
        except (EOFError, OSError):
            return 0
        except ValueError as exc:
            _write_frame(stdout, {"error": f"unreadable frame: {exc}"})
            return 1
        try:
            if not isinstance(message, dict):
                raise TypeError("not a message")
            if "add" in message:
                cutter.add_words(str(word) for word in message["add"])
                _write_frame(stdout, {"added": len(message["add"])})
            elif "cut" in message:
                cuts = cutter.cut_many(str(text) for text in message["cut"])
                _write_frame(stdout, {"lengths": [[len(w) for w in cut] for cut in cuts]})
            else:
                raise TypeError("unknown request")
        except Exception as exc:  # report it: the window falls back to cutting in-process
            _write_frame(stdout, {"error": f"{type(exc).__name__}: {exc}"})


if __name__ == "__main__":
    sys.exit(main())
