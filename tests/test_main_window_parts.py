"""The window's parts on their own: library and words models, tasks, options, settings, plain documents."""
from __future__ import annotations

import threading

import pytest

from reader.core.text.scripts import Script, View


@pytest.fixture
def articles(services):
    return services.library.list()


def test_library_model_passes_qtmodeltester(qtmodeltester, articles):
    """The library table model is a consistent Qt model (rows, columns, roles)."""
    from reader.ui.library.model import LibraryModel

    model = LibraryModel(articles)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == len(articles) == 5


def test_library_model_columns_and_badges(articles):
    """Each row shows title, publication, a 繁/简/mixed badge and the length, by named column."""
    from reader.ui.library.model import (
        ARTICLE_ID_ROLE,
        COL_LENGTH,
        COL_SCRIPT,
        COL_TITLE,
        LibraryModel,
    )

    model = LibraryModel(articles)
    badges = {}
    for row, info in enumerate(articles):
        assert model.data(model.index(row, COL_TITLE)) == info.title
        assert model.data(model.index(row, COL_TITLE), ARTICLE_ID_ROLE) == info.id
        assert f"{info.length:,}" in model.data(model.index(row, COL_LENGTH))
        badges[info.script] = model.data(model.index(row, COL_SCRIPT))
    assert badges[Script.TRADITIONAL] == "繁"
    assert badges[Script.SIMPLIFIED] == "简"
    assert badges[Script.MIXED] == "mixed"


def test_library_filter_keeps_matching_rows(qtmodeltester, articles):
    """Typing words in the filter keeps only articles whose metadata holds all of them."""
    from reader.ui.library.model import ARTICLE_ID_ROLE, LibraryFilterModel, LibraryModel

    proxy = LibraryFilterModel()
    proxy.setSourceModel(LibraryModel(articles))
    proxy.set_filter_text("36KR")
    ids = [proxy.data(proxy.index(r, 0), ARTICLE_ID_ROLE) for r in range(proxy.rowCount())]
    assert ids == [a.id for a in articles if "36kr" in a.id]
    proxy.set_filter_text("繁")
    assert proxy.rowCount() == sum(a.script is Script.TRADITIONAL for a in articles)
    proxy.set_filter_text("no-such-article zzz")
    assert proxy.rowCount() == 0
    proxy.set_filter_text("")
    assert proxy.rowCount() == len(articles)
    qtmodeltester.check(proxy, force_py=True)


def test_words_filter_needles_all_and_alternatives_any(qtbot):
    """Every typed needle must be there (and), a needle's alternatives any (or); characters
    a pattern would read specially are plain text; no filter calls no Python per row."""
    from reader.core.gloss.word_list import WordCount
    from reader.core.text.scripts import View
    from reader.ui.words.feature import WordsFilterModel, WordsModel

    words = [WordCount("云计算", "yun2 ji4 suan4", 3, 0, "cloud computing"),
             WordCount("计算", "ji4 suan4", 2, 1, "to compute (c++)"),
             WordCount("发展", "fa1 zhan3", 1, 2, "development.*")]
    model, proxy = WordsModel(), WordsFilterModel()
    proxy.setSourceModel(model)
    model.set_words(None, words, View.SIMPLIFIED)

    def shown(text: str) -> list[str]:
        proxy.set_filter_text(text)
        return [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]

    assert shown("计算") == ["云计算", "计算"]
    assert shown("jisuan") == ["云计算", "计算"]  # pinyin, toneless, no space
    assert shown("(c++)") == ["计算"]
    assert shown(".*") == ["发展"]
    assert shown("[") == []
    calls = []
    original = WordsModel.data
    WordsModel.data = lambda self, index, role=0: calls.append(role) or original(self, index, role)
    try:
        assert len(shown("")) == 3
        model.set_words(None, words, View.SIMPLIFIED)
        assert proxy.rowCount() == 3 and calls == []
    finally:
        WordsModel.data = original


def test_task_runner_delivers_on_gui_thread(qtbot):
    """A task runs off the GUI thread and its result comes back on the GUI thread."""
    from reader.ui.tasks import TaskRunner

    runner = TaskRunner()
    gui = threading.get_ident()
    seen = {}

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    def done(value):
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy, timeout=5000):
        runner.run(work, done, label="Working")
        assert runner.busy and runner.labels() == ["Working"]
    assert seen == {"worker": seen["worker"], "value": 42, "callback": gui}
    assert seen["worker"] != gui
    runner.shutdown()


def test_task_runner_reports_errors(qtbot):
    """An exception goes to on_error, or else to `failed` as one line."""
    from reader.ui.tasks import TaskRunner

    runner = TaskRunner()
    errors = []

    def boom():
        raise ValueError("bad input\nsecond line")

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy,
                          timeout=5000):
        runner.run(boom, lambda _: None, errors.append)
    assert isinstance(errors[0], ValueError)
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.run(boom)
    assert blocker.args == ["bad input"]
    runner.shutdown()
    assert runner.run(lambda: 1) is None  # nothing runs after shutdown


def test_words_model_lists_by_frequency(qtmodeltester, annotator, dictionary):
    """The Words model lists distinct words, most frequent first, with pinyin and gloss, per view."""
    from reader.core.gloss.word_list import word_list
    from reader.ui.words.feature import COL_COUNT, COL_GLOSS, COL_PINYIN, COL_WORD, WordsModel

    document = annotator.annotate("银行的行长说，银行很大。發展銀行。")
    words = word_list(document, dictionary.first_gloss)
    model = WordsModel()
    model.set_words(document, words, View.SIMPLIFIED)
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, COL_WORD)) == "银行"
    assert model.data(model.index(0, COL_COUNT)) == "3"
    assert model.data(model.index(0, COL_PINYIN)) == "yín háng"
    assert "bank" in model.data(model.index(0, COL_GLOSS))
    model.set_view(View.TRADITIONAL)
    assert model.data(model.index(0, COL_WORD)) == "銀行"
    counts = [w.count for w in words]
    assert counts == sorted(counts, reverse=True)


def test_next_view_cycles_original_simplified_traditional():
    """Ctrl+T order: Original → 简 → 繁 → Original; Taiwan and Hong Kong count as 繁."""
    from reader.ui.script_toggle import next_view

    assert next_view(View.ORIGINAL) is View.SIMPLIFIED
    assert next_view(View.SIMPLIFIED) is View.TRADITIONAL
    assert next_view(View.TRADITIONAL) is View.ORIGINAL
    assert next_view(View.TAIWAN) is View.ORIGINAL


def test_window_options_parse_and_reject():
    """Screenshot options parse; bad sizes, names or values give one-line errors."""
    from reader.ui.window_options import OptionsError, parse_options

    options = parse_options(["--screenshot", "x.png", "--article", "004", "--script",
                             "traditional", "--hover", "3", "--ruby", "--dark", "--size", "900x700"])
    assert (options.article, options.script, options.hover, options.ruby, options.dark,
            options.size) == ("004", View.TRADITIONAL, 3, True, True, (900, 700))
    assert parse_options([]).screenshot is None
    for bad in (["--size", "big"], ["--screenshot", "x.jpg"], ["--hover", "2"],
                ["--screenshot", "x.png", "--hover", "-1"], ["--script", "klingon"], ["--nope"]):
        with pytest.raises(OptionsError) as err:
            parse_options(bad)
        assert "\n" not in str(err.value)


def test_plain_document_has_every_view_and_no_words(services):
    """The provisional document shows each view's text at once, with nothing to hover; only
    a character the segmenter shows to be a leftover (公有云 → 公有雲) may change later."""
    from reader.core.text.plain_document import plain_document
    from reader.core.text.scripts import convert
    from reader.core.text.views import FROM_SIMPLIFIED

    for info in services.library.list():
        _, text = services.library.get(info.id)
        document = plain_document(text, info.script)
        annotated = services.annotator.annotate(text, info.script)
        for view in View:
            plain, final = document.text(view), annotated.text(view)
            assert len(plain) == len(final)
            changed = [(a, b) for a, b in zip(plain, final, strict=True) if a != b]
            assert len(changed) <= 10, (view, changed)
            assert all(convert(a, FROM_SIMPLIFIED[view]) == b for a, b in changed), changed
        assert list(document.word_indices()) == []
        assert document.paragraphs == annotated.paragraphs


def test_settings_bridge_clamps_and_debounces(qtbot, services):
    """Font size is clamped; reading positions are written on flush, not on every scroll."""
    import json

    from reader.core.paths import data_dir
    from reader.core.settings import FONT_MAX, Settings
    from reader.ui.settings_bridge import SettingsBridge

    settings = Settings(data_dir() / "settings.json")
    bridge = SettingsBridge(settings)
    bridge.set_font_size(500)
    assert bridge.font_size() == FONT_MAX
    bridge.set_position("a", 120)
    on_disk = json.loads(settings.path.read_text(encoding="utf-8"))
    assert "library.positions" not in on_disk
    bridge.flush()
    on_disk = json.loads(settings.path.read_text(encoding="utf-8"))
    assert on_disk["library.positions"] == {"a": 120}
    off = SettingsBridge(Settings(data_dir() / "other.json"), persist=False)
    off.set_view(View.TAIWAN)
    assert off.view() is View.TAIWAN and not (data_dir() / "other.json").exists()


def test_a_result_for_a_deleted_task_runner_is_dropped_not_delivered(qtbot):
    """A worker finishing after its runner (and window) was deleted neither crashes the
    process nor calls back into the deleted objects."""
    import threading

    import shiboken6

    from reader.ui.tasks import TaskRunner

    gate, got = threading.Event(), []
    runner = TaskRunner()
    runner.run(lambda: gate.wait(5) and "late", got.append)
    shiboken6.delete(runner)
    gate.set()
    qtbot.wait(300)
    assert got == []


def test_many_busy_labels_never_widen_the_window(qtbot):
    """Several tasks' labels at once stay inside the busy indicator's bounded width: the
    status bar asks for no more room than with one label, so the window keeps its size."""
    from PySide6.QtWidgets import QMainWindow

    from reader.ui.status_bar import StatusBar

    window = QMainWindow()
    qtbot.addWidget(window)
    status = StatusBar(window)
    window.setStatusBar(status)
    window.resize(500, 300)
    window.show()
    qtbot.waitExposed(window)
    status.set_busy(True, ["Annotating…"])
    one = status.minimumSizeHint().width()
    labels = [f"Listing glossary terms of part {i}…" for i in range(12)]
    status.set_busy(True, labels)
    assert status.busy_text() == " · ".join(labels)
    assert status.minimumSizeHint().width() <= max(one, status.busy_label.maximumWidth() + 300)
    qtbot.wait(20)
    assert window.width() == 500
