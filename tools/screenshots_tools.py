"""Screenshots of the reader's tools: the find bar, the Dictionary tab, the correction dialog.

    python tools/screenshots_tools.py [OUT_DIR]   (default docs/screenshots/)

Runs the real window offscreen in a temporary READER_HOME (never your data).
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ARTICLE = "caijing-2020-to-b-two-years"


def main(out_dir: Path) -> int:
    os.environ.setdefault("READER_HOME", tempfile.mkdtemp(prefix="reader-shots-"))
    from reader.ui.screenshot import prepare_offscreen

    prepare_offscreen((1280, 820))
    from PySide6.QtWidgets import QApplication, QWidget

    from reader.core.services import Services
    from reader.ui.main import install_features
    from reader.ui.main_window import MainWindow
    from reader.ui.screenshot import settle, wait_until

    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    services = Services()
    window = MainWindow(services, persist=False, restore=False)
    window.set_theme("light")
    window.resize(1280, 820)
    window.show()
    install_features(window, services)
    window.start(ARTICLE)
    if not wait_until(lambda: window.current_document() is not None and not window.tasks.busy):
        print("error: the article was not ready in time", file=sys.stderr)
        return 1
    settle(300)
    out_dir.mkdir(parents=True, exist_ok=True)
    find = window.findChild(QWidget, "find-bar")
    window.menu("&Edit")  # (the find action is there)
    next(a for a in window.menu("&Edit").actions() if "Find in Article" in a.text()).trigger()
    find.field.setText("tengxun")
    find.flush()
    wait_until(lambda: "of" in find.count.text(), 30)
    settle(300)
    window.grab().save(str(out_dir / "find-bar.png"))
    find.close_bar()
    lookup = window.findChild(QWidget, "tab-dictionary")
    next(a for a in window.menu("&Tools").actions() if a.text().replace("&", "") == "Look Up…"
         ).trigger()
    lookup.field.setText("yinhang")
    lookup.flush()
    wait_until(lambda: lookup.results.count() > 0, 60)
    settle(300)
    window.grab().save(str(out_dir / "dictionary-tab.png"))
    document = window.current_document()
    view = window.article_view
    index = next(i for i in document.word_indices() if len(document.token(i).text) >= 3)
    view._ensure_token_visible(index)
    menu = view.context_menu_at(view.token_rects(index)[0].center())
    next(a for a in menu.actions() if a.text().replace("&", "") == "Split Here…").trigger()
    dialog = window.findChild(QWidget, "correction-dialog")
    settle(300)
    QWidget.grab(dialog).save(str(out_dir / "correction-dialog.png"))
    for name in ("find-bar.png", "dictionary-tab.png", "correction-dialog.png"):
        print(out_dir / name)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs/screenshots"))
