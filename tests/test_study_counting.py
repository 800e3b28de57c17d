"""Counting an article's words from integer token keys gives the token-by-token answer."""
from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.study.coverage import ArticleWords, splits_into
from reader.core.text.document import Document, Kind
from reader.core.text.pinyin_marks import han_char

_alphabet = st.sampled_from(
    list("腾讯银行行长重庆長大發育头发的了地得着马化腾说汤道生")
    + list("ABCxyz 0123ＡＢｃ１２。，、！？「」\n\n")
    + ["かな", "한국", "〇", "𠀋", "To B", "C2B", "马化腾", "\u3000"]
)
mixed_text = st.lists(_alphabet, min_size=0, max_size=60).map("".join)
_SETTINGS = settings(max_examples=80, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])


def reference_counts(document: Document) -> tuple[dict[str, int], dict[int, str], int]:
    """(counts, positions, names left out) the slow, obvious way: one token at a time."""
    names: set[int] = set()
    for span in document.layers.get("people", ()):
        first = document.token_index_at(span.start)
        last = document.token_index_at(max(span.start, span.end - 1))
        if first is not None and last is not None:
            names.update(range(first, last + 1))
    counts: dict[str, int] = {}
    positions: dict[int, str] = {}
    named = 0
    for token in document.tokens():
        word = token.simplified
        if token.kind is not Kind.WORD or not han_char().search(word):
            continue
        if token.index in names:
            named += 1
            counts.setdefault(word, 0)  # keeps its place in the order of first occurrence
            continue
        counts[word] = counts.get(word, 0) + 1
        positions[token.index] = word
    return {w: c for w, c in counts.items() if c}, positions, named


def assert_counts_match(document: Document) -> None:
    words = ArticleWords.of(document)
    counts, positions, named = reference_counts(document)
    assert list(words.counts.items()) == list(counts.items())  # order of first occurrence too
    assert words.positions() == positions
    assert words.excluded["names"] == named
    assert words.first == {w: min(i for i, x in positions.items() if x == w) for w in counts}


@_SETTINGS
@given(text=mixed_text)
def test_token_keys_name_equal_texts(annotator, text):
    """Two tokens share a key exactly when their Simplified texts are equal, the key is the
    first such token, and the annotator's keys equal the ones a document computes itself."""
    document = annotator.annotate(text)
    keys, texts = document.token_keys()
    starts = document.token_starts
    pieces = [document.simplified[starts[i]:starts[i + 1]] for i in range(len(document))]
    assert len(keys) == len(pieces)
    for index, key in enumerate(keys):
        assert key == pieces.index(pieces[index])
        assert texts[key] == pieces[index]
    starts_column, kinds = document.token_columns()
    bare = Document(document.original, document.script, document.simplified, starts_column,
                    kinds, [""] * len(kinds), document.paragraphs, lambda d, v: None)
    assert bare.token_keys() == (keys, texts)


@_SETTINGS
@given(text=mixed_text)
def test_article_words_count_like_token_by_token(annotator, text):
    """On mixed text (kana, hangul, Latin, numbers, names), the array count equals the
    token-by-token count: same words, same order, same positions, same names left out."""
    assert_counts_match(annotator.annotate(text))


def test_article_words_on_a_real_article_with_names(annotator, services):
    """On a corpus article with people in it, names are left out exactly as counted by hand."""
    _, text = services.library.get("caijing-2020")
    document = annotator.annotate(text)
    assert document.layers.get("people"), "the article should mention people"
    assert_counts_match(document)
    assert ArticleWords.of(document).excluded["names"] > 0


def test_splits_into_agrees_with_its_definition():
    """The unrolled fast form equals 'splits into two or more known pieces', for every set of
    known pieces of words of 2–5 characters."""
    def splits(word: str, known: set[str], whole: bool = False) -> bool:
        if not word:
            return True
        return any(word[:end] in known and splits(word[end:], known)
                   for end in range(1, len(word) + (0 if whole else 1)))

    for word in ("ab", "abc", "abcd", "abcde"):
        pieces = sorted({word[i:j] for i in range(len(word))
                         for j in range(i + 1, len(word) + 1)} - {word})
        subsets = itertools.chain.from_iterable(
            itertools.combinations(pieces, r) for r in range(len(pieces) + 1))
        for known in itertools.islice(subsets, 5000):
            assert splits_into(word, set(known)) == splits(word, set(known), whole=True), (
                word, known)
