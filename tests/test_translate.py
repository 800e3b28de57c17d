"""Online translation against a local fake engine, and the real offline failure."""
from __future__ import annotations

import sqlite3
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.settings import Settings
from reader.core.translate import (
    EngineChangedError,
    OfflineError,
    RateLimitedError,
    ServiceError,
    TimedOutError,
    Timeouts,
    TranslationCache,
    TranslationDisabledError,
    Translator,
    split_paragraph,
)
from reader.core.translate.chunking import utf8_bytes
from reader.core.translate.transport import TimeoutAdapter, install_session_router
from tests.translation_server import (
    MYMEMORY_PATH,
    fake_translation,
    sent,
    serve_google,
    serve_mymemory,
    silent_server,
)

SENTENCE = "腾讯云正在加快产业互联网的布局。"


def many_sentences(n: int) -> str:
    return "".join(f"第{i}句话讲腾讯云的布局。" for i in range(n))


@pytest.fixture
def cache(tmp_path):
    cache = TranslationCache(tmp_path / "translations.sqlite3")
    yield cache
    cache.close()


def make_translator(cache, endpoints=None, **kwargs):
    options = {"min_interval": 0.0, "backoff": 0.01, "rate_limit_backoff": 0.01,
               "timeouts": Timeouts(1.0, 2.0)}
    options.update(kwargs)
    return Translator(cache, endpoints=endpoints, **options)


def test_normal_answer(httpserver, cache):
    """A sentence goes to the engine once and its answer comes back as the translation."""
    url = serve_google(httpserver)
    result = make_translator(cache, {"google": url}).translate(SENTENCE)
    assert result.text == fake_translation(SENTENCE)
    assert (result.sent, result.cached, result.engine, result.target) == (1, 0, "google", "en")
    [params] = sent(httpserver)
    assert params["q"] == SENTENCE and params["tl"] == "en"


def test_paragraphs_keep_their_lines(httpserver, cache):
    """Each paragraph is translated on its own; blank lines stay blank, none is sent."""
    url = serve_google(httpserver)
    result = make_translator(cache, {"google": url}).translate("第一段。\n\n第二段。")
    assert result.text == "EN[第一段。]\n\nEN[第二段。]"
    assert [p["q"] for p in sent(httpserver)] == ["第一段。", "第二段。"]


def test_long_text_is_chunked_at_sentence_ends(httpserver, cache):
    """A paragraph over Google's limit is sent in chunks under 5,000 chars, cut after 。."""
    url = serve_google(httpserver)
    paragraph = many_sentences(700)  # about 11,000 characters
    result = make_translator(cache, {"google": url}).translate(paragraph)
    chunks = [p["q"] for p in sent(httpserver)]
    assert len(chunks) == 3
    assert all(len(c) < 5000 and c.endswith("。") for c in chunks)
    assert "".join(chunks) == paragraph
    assert result.text == " ".join(fake_translation(c) for c in chunks)


def test_mymemory_chunks_stay_under_500_bytes(httpserver, cache):
    """MyMemory gets chunks of at most 500 UTF-8 bytes (about 160 Chinese characters)."""
    url = serve_mymemory(httpserver)
    translator = make_translator(cache, {"mymemory": url})
    result = translator.translate(many_sentences(40), engine="mymemory")
    chunks = [p["q"] for p in sent(httpserver, MYMEMORY_PATH)]
    assert len(chunks) >= 3 and all(utf8_bytes(c) <= 500 for c in chunks)
    assert "".join(chunks) == many_sentences(40)
    assert sent(httpserver, MYMEMORY_PATH)[0]["langpair"] == "zh-CN|en-US"
    assert result.text.startswith("EN[第0句")


def test_cache_means_nothing_is_sent_twice(httpserver, cache, tmp_path):
    """A second request, even from a new translator on the same file, sends nothing."""
    url = serve_google(httpserver)
    text = "第一段。\n第二段。"
    first = make_translator(cache, {"google": url}).translate(text)
    second = make_translator(cache, {"google": url}).translate(text)
    reopened = TranslationCache(tmp_path / "translations.sqlite3")
    third = make_translator(reopened, {"google": url}).translate(text)
    reopened.close()
    assert len(sent(httpserver)) == 2
    assert first.text == second.text == third.text
    assert (second.sent, second.cached) == (0, 2)


def test_past_translations_work_offline(httpserver, cache):
    """Once cached, a translation is returned while the engine is unreachable."""
    url = serve_google(httpserver)
    make_translator(cache, {"google": url}).translate(SENTENCE)
    offline = make_translator(cache)  # the real Google hostname: no DNS here
    assert offline.translate(SENTENCE).text == fake_translation(SENTENCE)
    assert offline.cached(SENTENCE) == fake_translation(SENTENCE)
    assert offline.cached(SENTENCE, engine="mymemory") == fake_translation(SENTENCE)
    assert offline.cached("没有翻译过的句子。") is None


def test_silent_server_times_out(cache):
    """A server that accepts and never answers gives 'timed out' within the read timeout."""
    with silent_server() as url:
        translator = make_translator(cache, {"google": url}, timeouts=Timeouts(1.0, 0.5))
        started = time.monotonic()
        with pytest.raises(TimedOutError) as caught:
            translator.translate(SENTENCE)
        elapsed = time.monotonic() - started
    assert caught.value.phase == "read"
    assert str(caught.value) == "Timed out: Google Translate did not answer within 0.5 s."
    assert elapsed < 5  # not retried, never hangs
    assert cache.count() == 0


def test_rate_limited_after_one_retry(httpserver, cache):
    """HTTP 429 is retried once after a backoff, then reported as rate-limited."""
    url = serve_google(httpserver, status=lambda n: 429)
    with pytest.raises(RateLimitedError) as caught:
        make_translator(cache, {"google": url}).translate(SENTENCE)
    assert "HTTP 429" in str(caught.value)
    assert len(sent(httpserver)) == 2


def test_a_passing_429_is_retried(httpserver, cache):
    """A 429 followed by an answer succeeds on the retry."""
    url = serve_google(httpserver, status=lambda n: 429 if n == 1 else 200)
    result = make_translator(cache, {"google": url}).translate(SENTENCE)
    assert result.text == fake_translation(SENTENCE)
    assert len(sent(httpserver)) == 2


def test_server_error_names_the_status(httpserver, cache):
    """HTTP 503 twice becomes a ServiceError that says which status came back."""
    url = serve_google(httpserver, status=lambda n: 503)
    with pytest.raises(ServiceError, match=r"HTTP 503"):
        make_translator(cache, {"google": url}).translate(SENTENCE)
    assert len(sent(httpserver)) == 2


def test_changed_page_is_reported(httpserver, cache):
    """A page without the translation element means the engine changed its page."""
    httpserver.expect_request("/m").respond_with_data("<html><p>new design</p></html>")
    translator = make_translator(cache, {"google": httpserver.url_for("/m")})
    with pytest.raises(EngineChangedError, match="changed its page"):
        translator.translate(SENTENCE)


def test_changed_api_is_reported(httpserver, cache):
    """A MyMemory answer that is not JSON means the engine changed its API."""
    httpserver.expect_request(MYMEMORY_PATH).respond_with_data("<html>maintenance</html>")
    translator = make_translator(cache, {"mymemory": httpserver.url_for(MYMEMORY_PATH)})
    with pytest.raises(EngineChangedError):
        translator.translate(SENTENCE, engine="mymemory")


@pytest.mark.parametrize("engine", ["google", "mymemory"])
def test_real_offline_failure(cache, engine):
    """The real engine hostnames fail DNS on this machine: 'Offline', at once, no retry."""
    started = time.monotonic()
    with pytest.raises(OfflineError) as caught:
        make_translator(cache, timeouts=Timeouts()).translate(SENTENCE, engine=engine)
    assert time.monotonic() - started < Timeouts().connect
    assert str(caught.value).startswith("Offline: could not reach ")
    assert "\n" not in str(caught.value)


def test_disabled_setting_sends_nothing(httpserver, cache, reader_home):
    """With translate.enabled off nothing is sent, but cached translations still show."""
    url = serve_google(httpserver)
    settings_ = Settings(reader_home / "settings.json")
    translator = Translator(cache, settings_, endpoints={"google": url}, min_interval=0)
    translator.translate("已经翻译过。")
    settings_.set("translate.enabled", False)
    assert translator.translate("已经翻译过。").text == "EN[已经翻译过。]"
    with pytest.raises(TranslationDisabledError, match="turned off"):
        translator.translate("新的句子。")
    assert len(sent(httpserver)) == 1


def test_engine_and_target_come_from_settings(httpserver, cache, reader_home):
    """translate.engine and translate.target are read at each request."""
    url = serve_mymemory(httpserver)
    settings_ = Settings(reader_home / "settings.json")
    settings_.set("translate.engine", "mymemory")
    settings_.set("translate.target", "fr")
    translator = Translator(cache, settings_, endpoints={"mymemory": url}, min_interval=0)
    result = translator.translate(SENTENCE)
    assert (result.engine, result.target) == ("mymemory", "fr")
    assert sent(httpserver, MYMEMORY_PATH)[0]["langpair"] == "zh-CN|fr-FR"


def test_requests_are_spaced_by_the_rate_limit(httpserver, cache):
    """Three chunks at a 0.2 s interval arrive spaced out (unspaced ones arrive within a few
    ms; the bound is half the interval because arrival times jitter on a loaded machine)."""
    stamps = []

    def stamp(text):
        stamps.append(time.monotonic())
        return fake_translation(text)

    url = serve_google(httpserver, translate=stamp)
    make_translator(cache, {"google": url}, min_interval=0.2).translate("一。\n二。\n三。")
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= 0.1


def test_deep_translator_is_routed_through_a_timeout_session():
    """After installation deep-translator's engine modules get a session with timeouts."""
    import deep_translator.google
    import deep_translator.mymemory

    router = install_session_router()
    assert install_session_router() is router
    assert deep_translator.google.requests is router is deep_translator.mymemory.requests
    adapter = router.current_session().get_adapter("https://translate.google.com/m")
    assert isinstance(adapter, TimeoutAdapter)
    assert adapter.timeouts.as_requests() == (3.0, 10.0)
    assert router.codes.too_many_requests == 429  # everything else is the real requests


def test_corrupt_cache_is_moved_aside(tmp_path):
    """A cache file that is not SQLite is set aside and a fresh cache works."""
    path = tmp_path / "translations.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = TranslationCache(path)
    cache.put("google", "en", "你好", "hello")
    assert cache.get("google", "en", "你好") == "hello"
    assert "moved to" in cache.notice
    assert list(tmp_path.glob("translations.sqlite3.corrupt-*"))
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    cache.close()


def test_split_prefers_sentence_ends():
    """Chunks end at sentence punctuation when sentences fit the limit."""
    chunks = split_paragraph("一二三。四五六，七八九。十！", 10)
    assert chunks == ["一二三。", "四五六，七八九。十！"]


def test_split_long_sentence_at_commas_then_anywhere():
    """A sentence longer than the limit is cut at commas, and only then anywhere."""
    assert split_paragraph("甲乙丙丁，戊己庚辛，壬癸。", 6) == ["甲乙丙丁，", "戊己庚辛，", "壬癸。"]
    assert split_paragraph("甲" * 13, 5) == ["甲" * 5, "甲" * 5, "甲" * 3]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="腾讯云。，！ ab?\u3000", max_size=300), st.integers(3, 60))
def test_split_never_exceeds_the_limit_and_loses_nothing(text, limit):
    """Every chunk is within the limit (in bytes too) and the chunks keep every character."""
    for measure in (len, utf8_bytes):
        chunks = split_paragraph(text, limit * 3, measure)
        assert all(0 < measure(c) <= limit * 3 for c in chunks)
        assert "".join("".join(c.split()) for c in chunks) == "".join(text.split())
