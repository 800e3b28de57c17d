"""The window's start-up tuning of PySide6's import check answers as PySide6 does."""
from __future__ import annotations

import subprocess
import sys

CHECK = r"""
import sys
import PySide6.QtWidgets
import reader.ui.main_window  # many modules, some using PySide6, some not
from reader.app import faster_pyside_feature_check
assert faster_pyside_feature_check()
assert not faster_pyside_feature_check()  # once
feature = sys.modules["shibokensupport.feature"]
fast, original = feature._mod_uses_pyside, feature._mod_uses_pyside.original
modules = [m for m in list(sys.modules.values()) if m is not None]
answers = [(m.__name__, fast(m), original(m)) for m in modules]
wrong = [a for a in answers if a[1] != a[2]]
assert not wrong, wrong
assert sum(a[1] for a in answers) > 20 and sum(not a[1] for a in answers) > 100
print(len(answers))
"""


def test_fast_pyside_check_agrees_with_pysides_own_on_every_loaded_module():
    """For every module the window loads (ours, the standard library's, PySide6's), the
    bytes check says what `inspect.getsource` says (run in a fresh interpreter)."""
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                         timeout=120, env={"QT_QPA_PLATFORM": "offscreen",
                                           "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.split()[-1]) > 200
