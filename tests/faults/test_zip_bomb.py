"""E-book zip bombs (issue 12 §4): an .epub that unpacks past the size or ratio cap is
refused with one line before anything is unpacked, and the library stays as it was."""
from __future__ import annotations

import zipfile

import pytest

from reader.core.library.encodings import TextInputError
from reader.core.library.extract import EPUB_MAX_EXPANDED
from reader.core.services import Services

MB = 1_000_000


def deflated_zeros_epub(path, megabytes: int) -> None:
    """A zip with an e-book's mimetype and one deflated member of `megabytes` MB."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        info = zipfile.ZipInfo("OEBPS/big.xhtml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            block = b"<p>" + b"\0" * (MB - 3)
            for _ in range(megabytes):
                member.write(block)


def refused(path) -> str:
    services = Services()
    before = [a.id for a in services.library.list()]
    with pytest.raises(TextInputError) as caught:
        services.library.import_file(path)
    assert [a.id for a in services.library.list()] == before
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.slow
def test_epub_over_the_total_cap_is_refused(tmp_path):
    """250 MB of zeros in a ~250 KB e-book: refused by its declared size, not unpacked."""
    path = tmp_path / "bomb.epub"
    deflated_zeros_epub(path, EPUB_MAX_EXPANDED // MB + 50)
    assert path.stat().st_size < 2 * MB
    message = refused(path)
    assert "unpacks to" in message and "limit for e-books" in message


def test_epub_over_the_ratio_cap_is_refused(tmp_path):
    """20 MB from a few KB (a ratio of thousands) is a likely bomb even under 200 MB."""
    path = tmp_path / "ratio.epub"
    deflated_zeros_epub(path, 20)
    message = refused(path)
    assert "times its size" in message and "zip bomb" in message


def test_a_real_small_epub_still_imports(tmp_path):
    """The caps leave an ordinary e-book alone."""
    from tests.test_import_formats import _epub  # the suite's e-book builder

    path = tmp_path / "book.epub"
    _epub(path)
    info = Services().library.import_file(path)
    assert info.length > 0
