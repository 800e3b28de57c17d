"""The annotated document: tokens tile every view, offsets map, kinds, the terms hook."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.text.document import Kind
from reader.core.text.scripts import View

ALL_VIEWS = list(View)

_alphabet = st.sampled_from(
    list("腾讯银行行长重庆長大發育头发乾燥後來的了地得着")
    + list("ABCxyz 0123ＡＢｃ１２。，、！？「」“”\n\n\t")
    + ["😀", "👍🏽", "🇨🇳", "\u3000", "To B", "ToC", "C2B"]
)
mixed_text = st.lists(_alphabet, min_size=0, max_size=60).map("".join)


def assert_tiles(document, view):
    text = document.text(view)
    pos = 0
    for index in range(len(document)):
        start, end = document.span(index, view)
        assert start == pos, (view, index, start, pos)
        assert end > start
        pos = end
    assert pos == len(text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mixed_text)
def test_tokens_tile_every_view(annotator, text):
    """For arbitrary mixed text, tokens cover each view with no gap or overlap."""
    text = text.replace("\r", "")
    document = annotator.annotate(text)
    for view in ALL_VIEWS:
        assert_tiles(document, view)
        for index in range(len(document)):
            start, end = document.span(index, view)
            assert document.token_index_at(start, view) == index
            assert document.token_index_at(end - 1, view) == index


def test_corpus_article_tiles_and_offsets_agree(annotator, services):
    """On a real article every view tiles and a token's text matches its view slice."""
    info, text = services.library.get("caijing-2020")
    document = annotator.annotate(text)
    for view in ALL_VIEWS:
        assert_tiles(document, view)
    token = document.token_at(text.index("騰訊"), View.ORIGINAL)
    assert token.text == "騰訊" and token.simplified == "腾讯"
    assert document.token_at(token.start, View.SIMPLIFIED).text == "腾讯"


def test_token_kinds(annotator):
    """Words, Latin, numbers, punctuation and spaces get their own kinds."""
    document = annotator.annotate("腾讯2020年, QQ很好 。")
    kinds = {t.text: t.kind for t in document.tokens()}
    assert kinds["腾讯"] is Kind.WORD
    assert kinds["2020"] is Kind.NUMBER
    assert kinds[","] is Kind.PUNCTUATION
    assert kinds["QQ"] is Kind.LATIN
    assert kinds[" "] is Kind.SPACE


def test_multiword_hook_keeps_latin_terms_whole(annotator):
    """Terms passed to the hook, even with inner spaces, become single tokens."""
    from reader.core.text.pipeline import Annotator

    local = Annotator(annotator.segmenter, annotator.pinyin)
    local.add_terms(["To B"])
    document = local.annotate("騰訊殺入To B市場,to b很難")
    texts = [t.text for t in document.tokens()]
    assert "To B" in texts and "to b" in texts


def test_length_changing_view_keeps_offsets(annotator):
    """A view whose text changes length still maps every token to the right place."""
    from reader.core.text.views import _per_token_view

    document = annotator.annotate("我买了一个U盘。\n鼠标和软件")
    view = _per_token_view(document, View.TAIWAN, "s2twp")
    document._views[View.TAIWAN] = view
    assert view.starts is not None
    assert_tiles(document, View.TAIWAN)
    for index in range(len(document)):
        start, end = document.span(index, View.TAIWAN)
        assert view.text[start:end]  # non-empty slice for every token
    assert "隨身碟" in view.text or "隨身" in view.text


def test_sentence_bounds(annotator):
    """The sentence around an offset ends at the sentence's closing punctuation."""
    document = annotator.annotate("第一句。第二句很长！第三句")
    start, end = document.sentence_bounds(document.simplified.index("很"))
    assert document.simplified[start:end] == "第二句很长！"
