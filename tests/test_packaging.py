"""Packaging: bundled data found or named when missing, the desktop entry, the installed wheel."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from reader.core import paths

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "caijing-2019-dowson-tong"


@pytest.fixture
def bundled_from(monkeypatch, tmp_path):
    """Point the bundled-data lookup at a copy of assets/ and corpus/ that a test can break."""
    for kind in ("assets", "corpus"):
        shutil.copytree(ROOT / kind, tmp_path / kind)
    monkeypatch.setattr(paths, "PROJECT_ROOT", tmp_path)
    monkeypatch.setattr(paths, "PACKAGE_DIR", tmp_path / "reader")
    paths._bundled_dir.cache_clear()
    yield tmp_path
    paths._bundled_dir.cache_clear()


def test_bundled_data_found_in_the_checkout():
    """In the source tree the top-level assets/ and corpus/ are the bundled data."""
    assert paths.assets_dir() == ROOT / "assets"
    assert paths.corpus_dir() == ROOT / "corpus"
    assert paths.bundled("glossary/general.toml") == ROOT / "assets" / "glossary" / "general.toml"


def test_missing_bundled_file_is_an_error_naming_it(bundled_from):
    """A missing data file raises MissingDataError whose message names the file."""
    (bundled_from / "assets" / "glossary" / "general.toml").unlink()
    with pytest.raises(paths.MissingDataError, match=r"general\.toml"):
        paths.bundled("glossary/general.toml")


def test_cli_reports_missing_data_file_in_one_line(bundled_from, capsys):
    """The command line prints one line naming the missing file and exits 2 (no traceback)."""
    from reader.cli import run
    from reader.core.services import Services

    (bundled_from / "assets" / "people" / "directory.toml").unlink()
    status = run(["people", "--article", ARTICLE], Services())
    err = capsys.readouterr().err
    assert status == 2
    assert "directory.toml" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_pinyin_table_is_named(bundled_from, tmp_path):
    """The pinyin engine's bundled table missing: the error names it, never an empty set."""
    from reader.core.text.pinyin import PinyinEngine

    (bundled_from / "assets" / "pinyin_stable_chars.txt").unlink()
    with pytest.raises(paths.MissingDataError, match="pinyin_stable_chars.txt"):
        PinyinEngine(tmp_path)


def test_missing_corpus_folder_is_named(bundled_from):
    """No corpus folder at all: the error names the folder."""
    shutil.rmtree(bundled_from / "corpus")
    with pytest.raises(paths.MissingDataError, match="corpus"):
        paths.corpus_dir()


def test_zipped_install_copies_bundled_data_out(tmp_path, monkeypatch):
    """From a zip (zipimport), the bundled folders are copied into the cache once and read."""
    archive = tmp_path / "reader.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (ROOT / "reader").rglob("*.py"):
            zf.write(path, path.relative_to(ROOT).as_posix())
        for kind in ("assets", "corpus"):
            for path in (ROOT / kind).rglob("*"):
                if path.is_file():
                    zf.write(path, f"reader/_{kind}/{path.relative_to(ROOT / kind).as_posix()}")
    code = ("import reader.core.paths as p; print(p.bundled('glossary/general.toml')); "
            "print(len(list(p.corpus_dir().glob('*.txt'))))")
    env = dict(os.environ, PYTHONPATH=str(archive), READER_HOME=str(tmp_path / "home"))
    env.pop("READER_CACHE", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    copied = Path(out[0])
    assert copied.is_relative_to(tmp_path / "home" / "cache")
    assert copied.read_bytes() == (ROOT / "assets" / "glossary" / "general.toml").read_bytes()
    assert int(out[1]) == len(list((ROOT / "corpus").glob("*.txt")))


def test_install_desktop_entry_writes_to_xdg_data_home(tmp_path, monkeypatch, capsys):
    """`reader --install-desktop-entry` writes the entry and icon under $XDG_DATA_HOME."""
    from reader.app import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["--install-desktop-entry"]) == 0
    entry = tmp_path / "xdg" / "applications" / "bilingual-reader.desktop"
    icon = tmp_path / "xdg" / "icons" / "hicolor" / "scalable" / "apps" / "bilingual-reader.svg"
    text = entry.read_text(encoding="utf-8")
    assert f"Exec={sys.executable} -m reader" in text
    assert "Icon=bilingual-reader" in text and "@EXEC@" not in text
    assert icon.read_bytes().startswith(b"<svg")
    assert str(entry) in capsys.readouterr().out


def _checkout_json(env: dict) -> str:
    return subprocess.run([sys.executable, "-m", "reader", "annotate", "--article", ARTICLE,
                           "--json"], env={**env, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_installed_wheel_has_its_data_and_matches_the_checkout(tmp_path, shared_cache):
    """The built wheel, installed in a fresh venv, carries glossary, people, corpus and pinyin
    data, and its `reader annotate --article ID --json` is byte for byte the checkout's."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import wheel_venv
    finally:
        sys.path.remove(str(ROOT / "tools"))
    wheel = wheel_venv.build_wheel(tmp_path / "dist")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("reader/_assets/glossary/general.toml", "reader/_assets/people/directory.toml",
                 "reader/_assets/pinyin_stable_chars.txt",
                 "reader/_assets/desktop/bilingual-reader.desktop"):
        assert name in names
    bundled = {p.relative_to(ROOT / "assets").as_posix() for p in (ROOT / "assets").rglob("*")
               if p.is_file()}
    assert {f"reader/_assets/{name}" for name in bundled} <= names  # every file, subfolders too
    assert sum(n.startswith("reader/_corpus/") for n in names) == len(list(
        (ROOT / "corpus").glob("*.txt")))
    command = wheel_venv.make_venv(tmp_path / "venv", wheel)
    env = wheel_venv.clean_env(READER_HOME=str(tmp_path / "home"),
                               READER_CACHE=str(shared_cache))
    where = subprocess.run([str(command.parent / "python"), "-c",
                            "import reader.core.paths as p; print(p.assets_dir())"],
                           env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv")
    installed = subprocess.run([str(command), "annotate", "--article", ARTICLE, "--json"],
                               env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert installed.stdout == _checkout_json(env)
    document = json.loads(installed.stdout)
    assert any(token["pinyin"] for token in document["tokens"])
    people = subprocess.run([str(command), "people", "--article", ARTICLE], env=env,
                            cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "Dowson" in people.stdout or "汤道生" in people.stdout  # the bundled directory
    glossary = subprocess.run([str(command), "glossary", "list", "--json"], env=env,
                              cwd=tmp_path, capture_output=True, text=True, check=True)
    assert len(json.loads(glossary.stdout)) > 100
    fresh = {**env, "READER_CACHE": str(tmp_path / "fresh-cache")}  # a first run
    again = subprocess.run([str(command), "glossary", "list", "--json"], env=fresh,
                           cwd=tmp_path, capture_output=True, text=True, check=True)
    assert again.stdout == glossary.stdout
    assert not list((tmp_path / "fresh-cache").glob("glossary-*.pickle"))  # shipped, not parsed
    helped = subprocess.run(  # the window's segmentation helper runs from the install too
        [str(command.parent / "python"), "-c",
         "from reader.core.services import Services\n"
         "s = Services()\ns.segment_in_helper()\n"
         "print(s.segmenter.in_helper, '|'.join(s.segmenter.cut('腾讯云的发展很快')))"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert helped.stdout.split() == ["True", "腾讯|云|的|发展|很快"]
