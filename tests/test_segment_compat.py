"""rjieba + our splitting gives jieba's own words; the tables derived for speed equal jieba's
and pypinyin's (the data behind issue 13's faster start)."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))  # beside the repo
CPP_DEV = SHARED / "bench" / "cpp" / "dev.sent"


@pytest.fixture(scope="module")
def jieba_tokenizer():
    """jieba's own tokenizer, dictionary fully loaded (the reference)."""
    from reader.core.text.segment import import_jieba

    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _corpus_texts(services) -> list[str]:
    from reader.core.text.scripts import to_simplified

    texts = [services.corpus.get(info.id)[1] for info in services.corpus.list()]
    return texts + [to_simplified(text) for text in texts]


def test_same_words_as_jieba_on_the_corpus(services, jieba_tokenizer):
    """The five articles, as written and in Simplified: every cut equals jieba's lcut (which
    the segmenter, like before, runs on the text with ASCII letters upper-cased)."""
    from reader.core.text.segment import _ASCII_UPPER

    segmenter = services.segmenter
    for text in _corpus_texts(services):
        for paragraph in text.split("\n"):
            ours = segmenter.cut(paragraph)
            theirs = jieba_tokenizer.lcut(paragraph.translate(_ASCII_UPPER), HMM=True)
            assert "".join(ours) == paragraph
            assert [len(word) for word in ours] == [len(word) for word in theirs]


@pytest.mark.slow
@pytest.mark.skipif(not CPP_DEV.exists(), reason="shared/bench/cpp not present")
def test_same_words_as_jieba_on_cpp_dev_sentences(services, jieba_tokenizer):
    """The CPP dev sentences (9,893, the benchmark's ▁ marks removed): identical cuts."""
    segmenter = services.segmenter
    lines = CPP_DEV.read_text(encoding="utf-8").splitlines()
    differing = [line for line in (raw.replace("▁", "") for raw in lines)
                 if segmenter._cut(line) != jieba_tokenizer.lcut(line, HMM=True)]
    assert len(lines) > 9000 and differing == []


def test_latin_runs_split_as_jieba_splits_them(services, jieba_tokenizer):
    """rjieba alone keeps 0700.HK, To-B and 9-11 whole; the segmenter splits them like jieba."""
    for text in ("腾讯(0700.HK)的To-B业务", "2019-11-09发布", "㺢㹢狓和3.5%的增长", "A股\r\n上涨"):
        assert services.segmenter._cut(text) == jieba_tokenizer.lcut(text, HMM=True)


def test_word_table_equals_jieba_frequencies_and_tags(services, jieba_tokenizer):
    """Every entry of jieba's FREQ (words and their prefixes) and every word tag match."""
    import jieba.posseg

    table = services.jieba_words
    assert table.total == jieba_tokenizer.total
    assert [w for w, f in jieba_tokenizer.FREQ.items() if table.lookup(w) != f] == []
    tags = jieba.posseg.POSTokenizer(jieba_tokenizer).word_tag_tab
    assert [w for w, t in tags.items() if table.tag(w) != t] == []
    assert table.lookup("银行行长的") is None


def test_word_freq_equals_jieba_frequencies_with_rjiebas_fast_check(services, jieba_tokenizer):
    """`word_freq` (misses answered by rjieba's has_word) equals jieba's FREQ on every entry,
    words added at run time included, and is 0 for what is no word."""
    from reader.core.text.jieba_words import JiebaFreq

    freq = services.segmenter.tokenizer.FREQ
    assert [w for w, f in jieba_tokenizer.FREQ.items() if freq.word_freq(w) != f] == []
    added = JiebaFreq(services.jieba_words, services.segmenter._cutter.has_word)
    added["甲乙丙丁戊"] = 7
    assert added.word_freq("甲乙丙丁戊") == 7
    assert freq.word_freq("银行行长的") == 0 and freq.word_freq("") == 0


def test_tagger_over_the_word_table_tags_as_jieba(services, jieba_tokenizer):
    """jieba's part-of-speech tagger gives the same pairs over our table as over its own."""
    import jieba.posseg

    from reader.core.text.postag import make_tagger

    ours = make_tagger(services.segmenter.tokenizer, services.dictionary.jieba_tag)
    theirs = jieba.posseg.POSTokenizer(jieba_tokenizer)
    for text in _corpus_texts(services)[5:]:
        for paragraph in text.split("\n")[:40]:
            assert [tuple(p) for p in ours.cut(paragraph)] == [
                tuple(p) for p in theirs.cut(paragraph)]


def test_tone_numbers_equal_pypinyin_on_every_syllable():
    """Our table-speed tone conversion equals pypinyin's to_tone3 on all its syllables."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
    from pypinyin.contrib.tone_convert import to_tone3

    from reader.core.text.pinyin_data import normalize_numbered, pypinyin_tables, tone_numbers

    syllables = {row[0] for rows in PHRASES_DICT.values() for row in rows}
    syllables |= {s for readings in PINYIN_DICT.values() for s in readings.split(",")}
    assert len(syllables) > 1000
    assert [s for s in syllables if tone_numbers(s) != normalize_numbered(
        to_tone3(s, v_to_u=True, neutral_tone_with_five=True))] == []
    phrases, chars = pypinyin_tables()
    assert phrases == PHRASES_DICT and chars == PINYIN_DICT
