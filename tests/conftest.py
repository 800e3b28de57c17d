"""Shared fixtures: every test gets its own READER_HOME; engines and caches are shared."""
from __future__ import annotations

import os
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
    os.environ["READER_CACHE"] = str(path)
    return path


@pytest.fixture(autouse=True)
def reader_home(tmp_path, monkeypatch, shared_cache) -> Path:
    """A fresh user-data folder per test."""
    home = tmp_path / "reader-home"
    monkeypatch.setenv("READER_HOME", str(home))
    monkeypatch.setenv("READER_CACHE", str(shared_cache))
    return home


@pytest.fixture(scope="session")
def services(shared_cache):
    """Core services with the heavy engines loaded once (cache-backed parts only)."""
    from reader.core.services import Services

    services = Services()
    services.annotator.initialize()
    return services


@pytest.fixture(scope="session")
def annotator(services):
    return services.annotator


@pytest.fixture(scope="session")
def dictionary(services):
    return services.dictionary


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
