"""The segmentation helper process cuts exactly as rjieba does in-process, and whatever it
does wrong (cannot start, dies, hangs, answers nonsense) the segmenter falls back to
cutting in-process, with the words it was taught."""
from __future__ import annotations

import os
import signal
import sys

import pytest

from reader.core.text import segment_helper
from reader.core.text.segment import Segmenter
from reader.core.text.segment_helper import SegmentHelper

TAUGHT = "甲乙丙丁戊"  # no such word: only a taught word keeps it whole


def _paragraphs(shared_services) -> list[str]:
    texts = [shared_services.corpus.get(info.id)[1] for info in shared_services.corpus.list()]
    return [p for text in texts for p in text.split("\n") if p.strip()]


@pytest.fixture
def helped(shared_cache):
    """A segmenter cutting in a real helper process (stopped after the test)."""
    helper = SegmentHelper().start()
    segmenter = Segmenter(shared_cache, helper=helper)
    yield segmenter, helper
    helper.close()


def test_helper_cuts_the_corpus_as_rjieba_does_here(helped, shared_services):
    """Every paragraph of the five articles, with and without protected spans: the same
    words from the helper as from rjieba in this process."""
    segmenter, _helper = helped
    local = shared_services.segmenter
    paragraphs = _paragraphs(shared_services)
    assert segmenter.in_helper
    assert segmenter.cut_many(paragraphs) == local.cut_many(paragraphs)
    items = [(p, [(2, 5)] if len(p) > 8 else []) for p in paragraphs]
    assert segmenter.spans_many(items) == local.spans_many(items)
    assert segmenter.cut("t恤和To-B的0700.HK") == local.cut("t恤和To-B的0700.HK")


def test_annotation_with_the_helper_equals_annotation_in_process(helped, shared_services):
    """Whole documents (token starts and pinyin, with the glossary's and the people's
    terms kept whole) are the same either way."""
    from reader.core.services import Services

    segmenter, _helper = helped
    annotator = Services(segmenter=segmenter, pinyin=shared_services.pinyin,
                         dictionary=shared_services.dictionary).annotator
    for info in shared_services.corpus.list():
        text = shared_services.corpus.get(info.id)[1]
        ours = annotator.annotate(text)
        theirs = shared_services.annotator.annotate(text)
        assert list(ours.token_starts) == list(theirs.token_starts), info.id
        assert [ours.token(i).pinyin for i in range(len(ours))] == \
            [theirs.token(i).pinyin for i in range(len(theirs))]


def test_taught_words_reach_the_helper(helped):
    """A word taught to the segmenter stays whole in the helper's cuts."""
    segmenter, _helper = helped
    assert TAUGHT not in segmenter.cut(f"他说{TAUGHT}很好")
    segmenter.add_words([TAUGHT])
    assert segmenter.in_helper and TAUGHT in segmenter.cut(f"他说{TAUGHT}很好")


def test_a_killed_helper_is_replaced_by_cutting_here(helped):
    """The helper dies mid-session: the next cut is made in-process, taught words kept."""
    segmenter, helper = helped
    segmenter.add_words([TAUGHT])
    before = segmenter.cut(f"他说{TAUGHT}很好，公有云发展")
    os.kill(helper.pid, signal.SIGKILL)
    after = segmenter.cut(f"他说{TAUGHT}很好，公有云发展")
    assert after == before and not segmenter.in_helper


def test_a_helper_that_cannot_start_means_cutting_here(shared_cache, monkeypatch, shared_services):
    """No Python to run the helper with: the segmenter cuts in-process from the start."""
    monkeypatch.setattr(sys, "executable", str(shared_cache / "no-such-python"))
    helper = SegmentHelper().start()
    segmenter = Segmenter(shared_cache, helper=helper)
    assert segmenter.cut("公有云发展很快") == shared_services.segmenter.cut("公有云发展很快")
    assert not segmenter.in_helper


def test_a_helper_answering_nonsense_is_dropped(shared_cache, shared_services):
    """A process that prints text instead of frames is not believed; it is stopped."""
    helper = SegmentHelper([sys.executable, "-c", "print('hello, I am not a helper' * 9)"])
    segmenter = Segmenter(shared_cache, helper=helper.start())
    assert segmenter.cut("公有云发展很快") == shared_services.segmenter.cut("公有云发展很快")
    assert not segmenter.in_helper and helper.pid is None


def test_a_hung_helper_is_killed_after_the_limit(shared_cache, monkeypatch, shared_services):
    """A helper that never says it is ready is killed after READY_SECONDS."""
    monkeypatch.setattr(segment_helper, "READY_SECONDS", 0.5)
    helper = SegmentHelper([sys.executable, "-c", "import time; time.sleep(60)"]).start()
    process = helper._process
    segmenter = Segmenter(shared_cache, helper=helper)
    assert segmenter.cut("公有云发展很快") == shared_services.segmenter.cut("公有云发展很快")
    assert not segmenter.in_helper
    assert process.wait(timeout=5) is not None  # killed, not left running


def test_closing_ends_the_helper_process(shared_cache):
    """close() ends the process; a segmenter then refuses to cut rather than start over."""
    helper = SegmentHelper().start()
    segmenter = Segmenter(shared_cache, helper=helper)
    segmenter.initialize()
    process = helper._process
    helper.close()
    assert process.wait(timeout=5) is not None
    with pytest.raises(segment_helper.HelperFailed):
        segmenter.cut("公有云")


def test_long_texts_go_in_bounded_frames(helped, monkeypatch, shared_services):
    """More text than one frame holds is sent in several; the words are the same."""
    monkeypatch.setattr(segment_helper, "MAX_BATCH_CHARS", 300)
    segmenter, _helper = helped
    paragraphs = _paragraphs(shared_services)[:40]
    assert sum(map(len, paragraphs)) > 3 * 300
    assert segmenter.cut_many(paragraphs) == shared_services.segmenter.cut_many(paragraphs)


def test_the_window_cuts_in_a_helper_and_ends_it_on_close(qtbot):
    """The app's window starts the helper with its segmenter (off the GUI thread: nothing
    before the first paint), annotates through it, and the helper ends with the window."""
    from reader.ui.main import build_window
    from reader.ui.window_options import parse_options

    services, window = build_window(parse_options([]))
    qtbot.addWidget(window)
    assert services.segment_helper is None and not services.is_built("segmenter")
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.current_document() is not None, timeout=120_000)
    helper = services.segment_helper
    assert helper is not None and services.segmenter.in_helper
    process = helper._process
    window.close()
    assert process.wait(timeout=10) is not None


def test_features_still_to_install_are_dropped_with_the_window(qtbot):
    """A window deleted while its features wait to install: no install runs on it after
    (each waits for the window's tasks; those timers die with the window)."""
    import shiboken6

    from reader.ui import main
    from reader.ui.window_options import parse_options

    _services, window = main.build_window(parse_options([]))
    window.show()
    window.start()
    qtbot.waitUntil(lambda: "Glossary" in window.side_panel.tab_titles(), timeout=120_000)
    assert not window.features_ready  # the first feature is in, the others wait
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=10_000)
    qtbot.wait(main.QUIET_WAIT_MS + 300)  # an exception in a timer would fail the test here
