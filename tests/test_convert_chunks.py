"""Long texts are converted in newline-cut chunks (so the window never stalls) with no change in output."""
from __future__ import annotations

from reader.core.text import scripts
from tests.conftest import ROOT


def test_chunked_conversion_equals_whole_conversion():
    """Converting a text longer than a chunk gives exactly what one OpenCC call gives."""
    from reader.core.library.corpus import parse_front_matter

    texts = [parse_front_matter(p.read_text(encoding="utf-8"))[1]
             for p in sorted((ROOT / "corpus").glob("*.txt"))]
    text = "\n".join(texts * 3)
    assert len(text) > 2 * scripts.CONVERT_CHUNK
    for config in ("t2s", "s2t", "s2tw", "s2hk"):
        assert scripts.convert(text, config) == scripts._converter(config).convert(text)
