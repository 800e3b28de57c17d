"""The `translate` command: fake engine for answers, the real network for the offline exit."""
from __future__ import annotations

import time

import pytest

from reader.cli import run
from reader.core.services import Services
from reader.core.translate import Timeouts, TranslationCache, Translator
from tests.translation_server import sent, serve_google


@pytest.fixture
def local_services(reader_home, httpserver):
    """Fresh services whose translator talks to the local fake Google."""
    settings = Services().settings
    cache = TranslationCache(reader_home / "translations.sqlite3")
    translator = Translator(cache, settings, min_interval=0,
                            endpoints={"google": serve_google(httpserver)})
    yield Services(settings=settings, translator=translator)
    cache.close()


def test_translate_text_prints_the_translation(local_services, capsys, httpserver):
    """`translate TEXT` prints the engine's answer, one line per paragraph."""
    status = run(["translate", "腾讯云。"], local_services)
    out, err = capsys.readouterr()
    assert (status, out, err) == (0, "EN[腾讯云。]\n", "")
    assert len(sent(httpserver)) == 1


def test_translate_file_and_cached_only(local_services, capsys, httpserver, tmp_path):
    """`translate FILE` reads the file; `--cached-only` then answers without the network."""
    path = tmp_path / "a.txt"
    path.write_text("第一段。\n\n第二段。\n", encoding="utf-8")
    assert run(["translate", str(path)], local_services) == 0
    assert capsys.readouterr().out == "EN[第一段。]\n\nEN[第二段。]\n"
    assert run(["translate", str(path), "--cached-only"], local_services) == 0
    assert capsys.readouterr().out == "EN[第一段。]\n\nEN[第二段。]\n"
    assert len(sent(httpserver)) == 2
    assert run(["translate", "没见过。", "--cached-only"], local_services) == 1


def test_translate_offline_exits_3_with_one_line(run_cli):
    """With no network, `translate` exits 3 with one plain line, well within the timeout."""
    started = time.monotonic()
    status, out, err = run_cli("translate", "腾讯正在拥抱产业互联网。")
    assert time.monotonic() - started < Timeouts().connect
    assert status == 3 and out == ""
    assert err.startswith("error: Offline: could not reach Google Translate")
    assert err.count("\n") == 1


def test_translate_offline_mymemory(run_cli):
    """The second engine fails the same way, naming itself."""
    status, _out, err = run_cli("translate", "你好", "--engine", "mymemory")
    assert status == 3 and "could not reach MyMemory" in err


def test_translate_bad_input(run_cli, tmp_path):
    """A missing file, an empty text and an unknown engine are one-line errors, status 2."""
    for argv in (["translate", str(tmp_path / "nope.txt")], ["translate", "  "],
                 ["translate", "你好", "--engine", "babel"], ["translate"]):
        status, out, err = run_cli(*argv)
        assert status == 2 and out == "" and err.count("\n") == 1, argv


def test_translate_turned_off(local_services, capsys, httpserver):
    """With translate.enabled off, nothing is sent and the reason is one line (status 2)."""
    local_services.settings.set("translate.enabled", False)
    status = run(["translate", "腾讯云。"], local_services)
    _out, err = capsys.readouterr()
    assert status == 2 and "turned off" in err
    assert sent(httpserver) == []
