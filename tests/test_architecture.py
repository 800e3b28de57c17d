"""Design rules that can be checked: the core never imports Qt."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_core_imports_no_pyside6():
    """Importing every core module (and the CLI) loads no PySide6."""
    code = (
        "import importlib, pkgutil, sys, reader.core, reader.cli\n"
        "for m in pkgutil.walk_packages(reader.core.__path__, 'reader.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import reader.cli\n"
        "reader.cli.build_parser()\n"
        "print('PySide6' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
