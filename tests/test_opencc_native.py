"""OpenCC through its C API: the same output as OpenCC's Python class, and a load that lets
other threads run (the reason it exists: s2t's load held the interpreter lock ~90 ms)."""
from __future__ import annotations

import opencc
import pytest

from reader.core.text import scripts
from reader.core.text.opencc_native import NativeConverter, open_converter
from tests.conftest import ROOT


def _corpus() -> list[str]:
    from reader.core.library.corpus import parse_front_matter

    return [parse_front_matter(p.read_text(encoding="utf-8"))[1]
            for p in sorted((ROOT / "corpus").glob("*.txt"))]


def test_the_wheel_exposes_the_c_api():
    """The installed opencc wheel has the C API (if a new wheel drops it, the reader falls
    back to the Python class and the window's stall comes back: this test says so)."""
    assert isinstance(open_converter("s2t.json"), NativeConverter)
    assert isinstance(scripts._converter("s2t"), NativeConverter)


@pytest.mark.parametrize("config", sorted(scripts._CONFIGS))
def test_same_output_as_the_python_class(config):
    """Every configuration the reader uses, on the five articles and in both scripts."""
    native = open_converter(scripts._CONFIGS[config])
    python = opencc.OpenCC(scripts._CONFIGS[config])
    texts = _corpus()
    texts += [python.convert(text) for text in texts]  # the other script too
    for text in texts + ["", "a", "\n\n", "发展\U0002a6a5𠀀云"]:
        assert native.convert(text) == python.convert(text)


def test_nul_characters_survive():
    """The C API ends its output at a NUL; the text around one is still converted."""
    assert open_converter("s2t.json").convert("发展\0发展\0") == "發展\0發展\0"


def test_an_unknown_configuration_raises_a_clear_error():
    """A configuration file that is not there: RuntimeError naming it, no crash."""
    with pytest.raises(RuntimeError, match="no-such.json"):
        open_converter("no-such.json")


LOAD_AND_TICK = """
import json, threading, time
from reader.core.text.opencc_native import open_converter
ticks, done = [0], threading.Event()
def tick():
    while not done.is_set():
        ticks[0] += 1
        time.sleep(0.001)
ticker = threading.Thread(target=tick)
ticker.start()
time.sleep(0.01)
before, started = ticks[0], time.process_time()
open_converter("s2t.json")
spent, during = time.process_time() - started, ticks[0] - before
done.set()
ticker.join()
print(json.dumps([during, spent]))
"""


def test_loading_lets_other_threads_run():
    """While s2t loads (~90 ms of CPU, in a fresh process: OpenCC keeps loaded dictionaries)
    another Python thread keeps ticking: the load does not hold the interpreter lock.
    (Counts ticks, not time: a slower machine ticks more.)"""
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", LOAD_AND_TICK], cwd=ROOT, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    during, spent = json.loads(out.strip().splitlines()[-1])
    if spent < 0.02:
        pytest.skip(f"the load took only {spent * 1000:.0f} ms of CPU: too short to tell")
    assert during >= 5, f"{during} ticks during a {spent * 1000:.0f} ms load"
