"""ArticleSession without a window: plain then annotated, stale results dropped, cache, re-annotation."""
from __future__ import annotations

import pytest

from reader.core.library.corpus import ArticleInfo
from reader.core.text.document import Kind
from reader.core.text.scripts import View
from reader.ui.article_session import ArticleSession
from reader.ui.tasks import TaskRunner


def _info(article_id: str, text: str) -> ArticleInfo:
    return ArticleInfo(id=article_id, title=article_id, source="scratch", script="simplified",
                       length=len(text))


@pytest.fixture
def session(qtbot, services):
    tasks = TaskRunner()
    session = ArticleSession(tasks, lambda: services.annotator, lambda: View.ORIGINAL)
    yield session
    tasks.shutdown()


def test_plain_first_then_annotated_once_engines_are_ready(qtbot, session):
    """Before the engines load only the plain Document comes; engines_ready() annotates it."""
    text = "腾讯云是一家云计算公司。"
    with qtbot.waitSignal(session.plain_ready, timeout=5000) as plain:
        session.open(_info("a", text), text, position=3)
    document, position = plain.args
    assert document.original == text and position == 3
    assert session.document is None
    with qtbot.waitSignal(session.annotated, timeout=20000) as annotated:
        session.engines_ready()
    words = [i for i in range(len(annotated.args[0]))
             if annotated.args[0].kind(i) is Kind.WORD]  # segmented, unlike the plain Document
    assert words and all(document.kind(i) is not Kind.WORD for i in range(len(document)))
    assert session.document is annotated.args[0]


def test_a_result_for_an_older_article_is_dropped(qtbot, session):
    """Opening B while A is annotating: only B's annotation is announced."""
    session.engines_ready()
    first, second = "第一篇文章讲腾讯。", "第二篇文章讲阿里巴巴。"
    seen = []
    session.annotated.connect(lambda document, _pos: seen.append(document.original))
    session.open(_info("a", first), first)
    with qtbot.waitSignal(session.annotated, timeout=20000):
        session.open(_info("b", second), second)
    qtbot.wait(200)
    assert seen == [second]
    assert session.info.id == "b"


def test_reopening_comes_from_the_cache_and_reannotate_clears_it(qtbot, session):
    """A second open of the same text is answered at once; reannotate() builds a new one."""
    session.engines_ready()
    text = "美团外卖的骑手很多。"
    with qtbot.waitSignal(session.annotated, timeout=20000) as first:
        session.open(_info("c", text), text)
    with qtbot.waitSignal(session.annotated, timeout=1000) as again:
        session.open(_info("c", text), text)
    assert again.args[0] is first.args[0]
    with qtbot.waitSignal(session.annotated, timeout=20000) as fresh:
        session.reannotate()
    assert fresh.args[0] is not first.args[0]
    assert fresh.args[0].original == text


def test_a_failing_annotator_emits_one_line(qtbot):
    """An annotation error becomes failed(message), and the session stays usable."""
    class Broken:
        def annotate(self, text, script, article_id=""):
            raise OSError("disk went away")

    tasks = TaskRunner()
    session = ArticleSession(tasks, lambda: Broken(), lambda: View.ORIGINAL)
    session.engines_ready()
    with qtbot.waitSignal(session.failed, timeout=5000) as failed:
        session.open(_info("d", "文本"), "文本")
    assert "disk went away" in failed.args[0] and "\n" not in failed.args[0]
    tasks.shutdown()


def test_other_script_views_are_built_by_a_worker_after_the_hand_over(qtbot, session, monkeypatch):
    """The annotated Document comes with the shown view; the other views follow on a worker."""
    import threading

    from reader.core.text import pipeline

    built = []
    real = pipeline.build_view

    def recording(document, view, **kwargs):  # the real builder, noting the thread it ran on
        built.append((view, threading.current_thread() is threading.main_thread()))
        return real(document, view, **kwargs)

    monkeypatch.setattr(pipeline, "build_view", recording)
    session.engines_ready()
    text = "腾讯云是一家云计算公司，台湾的用户也很多。"
    with qtbot.waitSignal(session.annotated, timeout=20000) as annotated:
        session.open(_info("v", text), text)
    document = annotated.args[0]
    assert document.has_view(View.ORIGINAL)
    qtbot.waitUntil(lambda: all(document.has_view(v) for v in View), timeout=20000)
    assert document.text(View.TRADITIONAL) == "騰訊雲是一家雲計算公司，臺灣的用戶也很多。"
    assert {view for view, _ in built} == set(View) and not any(gui for _, gui in built)
