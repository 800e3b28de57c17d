"""Shared fixtures: every test gets its own READER_HOME and its own `Services`.

Only the loaded engines are shared across the run (`engines`: the segmenter, the pinyin
model and the dictionary index, which hold no user data), plus a read-only `annotator`
over the bundled data alone. Anything that writes user data comes from the per-test
`services`, built in the test's own READER_HOME.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.core.text.pinyin_data import single_threaded_blas

single_threaded_blas()  # as the app does, before numpy loads

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """One cache folder (dictionary index, jieba cache) for the whole run."""
    path = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("READER_CACHE", str(path))
        yield path


@pytest.fixture(autouse=True)
def reader_home(tmp_path, monkeypatch, shared_cache) -> Path:
    """A fresh user-data folder per test."""
    home = tmp_path / "reader-home"
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.setenv("READER_CACHE", str(shared_cache))
    return home


ENGINES = ("segmenter", "pinyin", "dictionary")


@pytest.fixture(scope="session")
def engines(shared_cache, tmp_path_factory) -> dict:
    """The loaded engines, shared by every test (read-only: they hold no user data)."""
    from reader.core.services import Services

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("READER_HOME", str(tmp_path_factory.mktemp("engines-home")))
        loaded = Services()
        loaded.annotator.initialize()
        yield {"_services": loaded, **{name: loaded.get(name) for name in ENGINES}}


@pytest.fixture
def services(engines, reader_home):
    """Fresh core services in this test's READER_HOME, over the shared loaded engines."""
    from reader.core.services import Services

    return Services(**{name: engines[name] for name in ENGINES})


@pytest.fixture(scope="session")
def shared_services(engines):
    """Read-only services over the bundled data (for module-scoped fixtures): never write
    user data through them; use `services` for that."""
    return engines["_services"]


@pytest.fixture(scope="session")
def annotator(engines):
    """A read-only annotator with the bundled glossary and people (never write through it)."""
    return engines["_services"].annotator


@pytest.fixture(scope="session")
def dictionary(engines):
    return engines["dictionary"]


@pytest.fixture
def run_cli(services, capsys):
    """Run a CLI command in-process; returns (status, stdout, stderr)."""
    from reader.cli import run

    def _run(*argv: str, stdin: bytes | None = None):
        if stdin is not None:
            import io

            fake = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
            old = sys.stdin
            sys.stdin = fake
            try:
                status = run(list(argv), services)
            finally:
                sys.stdin = old
        else:
            status = run(list(argv), services)
        out, err = capsys.readouterr()
        return status, out, err

    return _run
