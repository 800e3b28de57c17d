"""Bad input is refused with a clear one-line message, and the library stays as it was."""
from __future__ import annotations

import zipfile

import pytest

from reader.core.library.catalog import DuplicateArticle, LibraryError
from reader.core.library.encodings import TextInputError
from reader.core.services import Services


@pytest.fixture
def fresh():
    """Services over this test's own READER_HOME (library and settings only are used)."""
    return Services()


def _snapshot(services):
    folder = services.library.store.folder
    files = sorted(p.name for p in folder.glob("*.txt")) if folder.exists() else []
    return [a.id for a in services.library.list()], files


def _refused(services, path, fragment, **kwargs):
    before = _snapshot(services)
    with pytest.raises(TextInputError) as caught:
        services.library.import_file(path, **kwargs)
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message and "Traceback" not in message
    assert _snapshot(services) == before
    return message


def test_empty_files(fresh, tmp_path):
    """A zero-byte file and a file of blanks are both refused as empty."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b" \n\r\n\t  \n")
    _refused(fresh, empty, "empty")
    _refused(fresh, blank, "empty")


def test_binary_file(fresh, tmp_path):
    """Binary data (a PNG header and random-looking bytes) is refused as not text."""
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    _refused(fresh, path, "binary")


def test_file_over_the_limit(fresh, tmp_path):
    """A file above import.max_mb is refused with a message naming the limit."""
    fresh.settings.set("import.max_mb", 1)
    path = tmp_path / "big.txt"
    path.write_bytes("腾讯云。\n".encode() * 120_000)  # ~1.6 MB
    message = _refused(fresh, path, "over the 1 MB import limit")
    assert "big.txt" in message


def test_html_without_article(fresh, tmp_path):
    """A page of navigation and scripts only has no article text to import."""
    path = tmp_path / "nav.html"
    path.write_text(
        "<html><head><script>var a = '腾讯';</script><style>b{}</style></head>"
        "<body><nav><a href='/'>首页</a></nav></body></html>", encoding="utf-8")
    _refused(fresh, path, "no article text found in this web page")


def test_epub_that_is_not_a_zip(fresh, tmp_path):
    """A text file named .epub is refused: an e-book must be a zip archive."""
    path = tmp_path / "fake.epub"
    path.write_text("腾讯的书\n第一章", encoding="utf-8")
    _refused(fresh, path, "not an e-book")


def test_epub_zip_that_is_not_an_ebook(fresh, tmp_path):
    """A zip archive without an e-book inside is refused with a message, no traceback."""
    path = tmp_path / "archive.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _refused(fresh, path, "cannot read the e-book")


def test_pdf_that_is_not_a_pdf(fresh, tmp_path):
    """A .pdf holding text is refused as not a PDF."""
    path = tmp_path / "fake.pdf"
    path.write_text("腾讯", encoding="utf-8")
    _refused(fresh, path, "not a PDF")


def test_missing_file_and_folder(fresh, tmp_path):
    """A missing path and a folder are refused by name."""
    _refused(fresh, tmp_path / "nope.txt", "no such file")
    _refused(fresh, tmp_path, "is a folder")


def test_wrong_encoding_override(fresh, tmp_path):
    """Forcing UTF-8 on a GB18030 file says the file does not decode as UTF-8."""
    path = tmp_path / "gb.txt"
    path.write_bytes("腾讯产业互联网".encode("gb18030"))
    _refused(fresh, path, "does not decode as utf-8", encoding="utf-8")


def test_only_punctuation(fresh, tmp_path):
    """A file of punctuation alone has no readable text."""
    path = tmp_path / "dots.txt"
    path.write_text("。。。\n——\n", encoding="utf-8")
    _refused(fresh, path, "no readable text")


def test_empty_paste(fresh):
    """Pasting nothing (or blanks) is refused."""
    with pytest.raises(TextInputError, match="no text to import"):
        fresh.library.import_text("  \n ")


def test_duplicate_asks_then_replace_or_keep(fresh, tmp_path):
    """Importing the same file twice raises DuplicateArticle (nothing stored); "replace"
    keeps one entry under the old id, "keep" adds a second one."""
    path = tmp_path / "a.txt"
    path.write_text("腾讯进入企业服务市场。\n", encoding="utf-8")
    first = fresh.library.import_file(path)
    before = _snapshot(fresh)
    with pytest.raises(DuplicateArticle) as caught:
        fresh.library.import_file(path)
    assert caught.value.existing.id == first.id
    assert _snapshot(fresh) == before
    replaced = fresh.library.store_prepared(caught.value.prepared, "replace")
    assert replaced.id == first.id
    assert _snapshot(fresh) == before
    kept = fresh.library.import_file(path, on_duplicate="keep")
    assert kept.id != first.id
    assert [a.id for a in fresh.library.list()][-2:] == [first.id, kept.id]


def test_bundled_articles_cannot_be_removed(fresh):
    """Removing a bundled article is refused; an unknown id too."""
    with pytest.raises(LibraryError, match="bundled"):
        fresh.library.remove("caijing-2020-to-b-two-years")
    with pytest.raises(LibraryError, match="no article"):
        fresh.library.remove("lib-00000000")
    assert len(fresh.library.list()) == 5
