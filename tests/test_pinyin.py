"""Context-correct pinyin, in both scripts."""
from __future__ import annotations

import pytest


def reading_of(document, offset: int, length: int) -> str:
    """Tone-mark pinyin of `length` characters at `offset`, whatever the token boundaries."""
    syllables = []
    for k in range(offset, offset + length):
        token = document.token_at(k)
        syllables.append(token.pinyin.split(" ")[k - token.start])
    return " ".join(syllables)


CASES = [
    ("我去银行取钱", "银行", "yín háng"),
    ("他是这家银行的行长", "行长", "háng zhǎng"),
    ("我在重庆长大", "重庆", "chóng qìng"),
    ("我在重庆长大", "长大", "zhǎng dà"),
    ("她扮演的角色很重要", "角色", "jué sè"),
    ("我吃了饭", "了", "le"),
    ("这件事我了解", "了解", "liǎo jiě"),
]


@pytest.mark.parametrize(("sentence", "word", "expected"), CASES)
def test_polyphones_in_simplified(annotator, sentence, word, expected):
    """Each polyphonic word gets the reading its context calls for."""
    document = annotator.annotate(sentence)
    assert reading_of(document, sentence.index(word), len(word)) == expected


@pytest.mark.parametrize(("sentence", "word", "expected"), CASES)
def test_polyphones_in_traditional(annotator, sentence, word, expected):
    """The same words written in Traditional read the same (read via the Simplified view)."""
    from reader.core.text.scripts import to_traditional

    trad_sentence = to_traditional(sentence)
    trad_word = to_traditional(word)
    document = annotator.annotate(trad_sentence)
    assert reading_of(document, trad_sentence.index(trad_word), len(trad_word)) == expected


def test_tone_numbers_and_marks(annotator):
    """Tokens carry tone numbers (neutral 5, ü) and tone marks."""
    document = annotator.annotate("绿色的")
    words = {t.text: t for t in document.tokens()}
    assert words["绿色"].pinyin_numbers == "lü4 se4"
    assert words["绿色"].pinyin == "lǜ sè"
    assert words["的"].pinyin_numbers == "de5"


def test_polyphone_model_beats_single_reading_on_a_sample(annotator):
    """Readings differ by context for the same character (还: hái vs huán)."""
    a = annotator.annotate("他还没来")
    b = annotator.annotate("他把书还给图书馆")
    assert reading_of(a, 1, 1) == "hái"
    assert reading_of(b, 3, 1) == "huán"
