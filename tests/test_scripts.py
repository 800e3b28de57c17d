"""Script detection and phrase-level conversion (OpenCC)."""
from __future__ import annotations

import pytest

from reader.core.library.corpus import Corpus
from reader.core.paths import corpus_dir
from reader.core.text.scripts import Script, convert, detect_script, to_simplified, to_traditional


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [("胚胎发育", "胚胎發育"), ("头发", "頭髮"), ("干燥", "乾燥"), ("后来", "後來"), ("皇后", "皇后")],
)
def test_phrase_level_conversion_both_ways(simplified, traditional):
    """发育 is 發育 (never 髮育), 头发 is 頭髮, 干燥/乾燥, 后/後 by context."""
    assert to_traditional(simplified) == traditional
    assert to_simplified(traditional) == simplified


def test_taiwan_phrase_view_changes_length():
    """The phrase-level Taiwan standard may change length (隨身碟 <-> U盘)."""
    assert convert("隨身碟", "tw2sp") == "U盘"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("腾讯进入产业互联网。", Script.SIMPLIFIED), ("騰訊進入產業互聯網。", Script.TRADITIONAL)],
)
def test_detect_script_of_plain_text(text, expected):
    """A sentence in one script is recognised as that script."""
    assert detect_script(text) is expected


def test_corpus_scripts_are_detected():
    """Seed 000 is Traditional, 001 mixes scripts, the other three are Simplified."""
    found = {info.extra["seed"][:3]: detect_script(text)
             for info, text in (Corpus(corpus_dir()).get(a.id) for a in Corpus(corpus_dir()).list())}
    assert found == {"000": Script.TRADITIONAL, "001": Script.MIXED, "002": Script.SIMPLIFIED,
                     "003": Script.SIMPLIFIED, "004": Script.SIMPLIFIED}
