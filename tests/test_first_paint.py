"""What the window's first paint needs, and nothing more (issue 13's warm first paint).

A fresh process is the only place to see it: PySide6 makes each Qt class (and its enums)
on first use, and Python imports each module once, so a test process that already built a
window would see everything made. The child opens the window as `reader` does, notes what
exists when the first article paints, then what was built after it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys
import PySide6.QtWidgets as widgets
from PySide6.QtCore import QEvent, QObject, QTimer
from reader.ui.main import application, build_window
from reader.ui.window_options import parse_options
app = application()
services, window = build_window(parse_options([]), app)
view = window.article_view
found = {}
def place():
    corner = view.mapTo(window, view.rect().topLeft())
    return [corner.x(), corner.y(), view.width(), view.height()]
def done():
    found["after"] = {
        "library_in_dock": type(window.library_dock.widget()).__name__,
        "articles_listed": window.library_panel.model.rowCount(),
        "words_tab": type(window.side_panel.tabs.widget(0)).__name__,
        "tab_titles": window.side_panel.tab_titles(),
        "simplified": view.document().has_simplified,
        "place": place(),
        "style": app.style().name(),
    }
    print(json.dumps(found), flush=True)
    services.close()
    os._exit(0)
class Watch(QObject):
    def eventFilter(self, obj, event):
        if (event.type() == QEvent.Type.Paint and view.document() is not None
                and "first_paint" not in found):
            made = vars(widgets)
            found["first_paint"] = {
                "made": [name for name in ("QWizard", "QCalendarWidget", "QStyle",
                                           "QLineEdit", "QTableView") if name in made],
                "modules": [name for name in ("reader.core.text.opencc_native",
                                              "reader.ui.library.panel",
                                              "reader.ui.words.feature")
                            if name in sys.modules],
                "simplified": view.document().has_simplified,
                "place": place(),
            }
        return False
watch = Watch()
view.viewport().installEventFilter(watch)
window.article_painted.connect(lambda: QTimer.singleShot(200, done))
window.resize(1200, 800)
window.show()
QTimer.singleShot(0, window.start)
QTimer.singleShot(60_000, lambda: os._exit(3))
app.exec()
"""


def test_the_first_paint_makes_only_what_it_shows(tmp_path):
    """At the first article paint: no Qt class the article does not need (not every QWidget
    subclass, no QStyle, no line edit), no OpenCC, no library list or Words tab. Right after:
    those are built, in place, and the article has not moved."""
    env = dict(os.environ, READER_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    first, after = found["first_paint"], found["after"]
    assert first["made"] == []
    assert first["modules"] == []
    assert first["simplified"] is False
    assert after["library_in_dock"] == "LibraryPanel" and after["articles_listed"] >= 5
    assert after["words_tab"] == "WordsTab" and after["tab_titles"][0] == "Words"
    assert after["simplified"] is True  # converted on a worker right after the paint
    assert after["place"] == first["place"]
    assert after["style"] == "fusion"
