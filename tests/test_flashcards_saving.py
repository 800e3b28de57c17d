"""Saving words and an article's glossary from real annotated corpus articles."""
from __future__ import annotations

import pytest

from reader.core.flashcards import FlashcardStore, Lookups, Saver, deck_name_for
from reader.core.glossary.store import Glossary, install
from reader.core.paths import assets_dir
from reader.core.text.pipeline import Annotator
from reader.core.text.scripts import View


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    return Glossary(assets_dir() / "glossary", tmp_path_factory.mktemp("g") / "user.toml")


@pytest.fixture(scope="module")
def glossary_annotator(shared_services, glossary):
    """An annotator with the real glossary and people layers."""
    from reader.core.people.layer import install as install_people

    annotator = Annotator(shared_services.segmenter, shared_services.pinyin)
    install(annotator, glossary)
    install_people(annotator, shared_services.people)
    return annotator


@pytest.fixture(scope="module")
def article(shared_services, glossary_annotator):
    info, text = shared_services.library.get("caijing-2020")
    return info, glossary_annotator.annotate(text)


@pytest.fixture
def saver(tmp_path, services, glossary):
    store = FlashcardStore(tmp_path / "cards.sqlite3")
    yield Saver(store, Lookups(dictionary=lambda: services.dictionary,
                               pinyin=lambda: services.pinyin, glossary=lambda: glossary,
                               people=lambda: services.people))
    store.close()


def _indices(document, word):
    text = document.simplified
    return [i for i in document.word_indices() if text.startswith(word, document.span(i)[0])
            and document.span(i)[1] - document.span(i)[0] == len(word)]


def test_save_word_keeps_reading_meaning_and_sentence(saver, article):
    """A saved 行业 has the reading used in the text (háng, not xíng), the matching CC-CEDICT
    senses, and its sentence in both scripts with the word located in each."""
    info, document = article
    index = _indices(document, "行业")[0]
    result = saver.save_word(document, index, info)
    note = result.note
    assert result.added and note.deck == deck_name_for(info) == info.title
    assert (note.simplified, note.traditional) == ("行业", "行業")
    assert (note.pinyin_numbers, note.pinyin) == ("hang2 ye4", "háng yè")
    assert "industry" in note.meaning.lower() and note.meaning_source == "cedict"
    (sentence,) = note.sentences
    s0, s1 = document.sentence_bounds(document.span(index)[0])
    assert sentence.simplified == document.text(View.SIMPLIFIED)[s0:s1].strip()
    assert sentence.simplified[slice(*sentence.simplified_range)] == "行业"
    assert sentence.traditional[slice(*sentence.traditional_range)] == "行業"
    assert sentence.article_id == info.id


def test_same_word_from_another_sentence_adds_the_sentence_only(saver, article):
    """Saving 腾讯 from three places: one note, one card, one sentence per distinct sentence."""
    info, document = article
    sentences = {}
    for index in _indices(document, "腾讯"):
        bounds = document.sentence_bounds(document.span(index)[0])
        sentences.setdefault(bounds, index)
    picks = list(sentences.values())[:3]
    assert len(picks) == 3
    results = [saver.save_word(document, i, info) for i in picks]
    results.append(saver.save_word(document, picks[0], info))
    assert [r.added for r in results] == [True, False, False, False]
    assert [r.sentence_added for r in results] == [True, True, True, False]
    note = saver.store.find("腾讯")
    assert len(note.sentences) == 3 and saver.store.count() == 1
    assert "Tencent" in note.meaning and not note.meaning.startswith("see ")


def test_word_inside_a_glossary_term_is_saved_as_the_term(saver, article, glossary):
    """Saving the token 'To B' saves the glossary entry: canonical term, English explanation."""
    info, document = article
    span = next(s for s in document.layers["glossary"] if s.key == glossary.match_word("To B").id)
    index = document.token_index_at(span.start)
    note = saver.save_word(document, index, info, deck="Jargon").note
    entry = glossary.get(span.key)
    assert note.simplified == entry.term and note.kind == "term"
    assert note.meaning_source == "glossary" and entry.en in note.meaning
    assert "glossary" in note.tags and note.deck == "Jargon"
    sentence = note.sentences[0]
    assert sentence.simplified[slice(*sentence.simplified_range)] == document.simplified[
        span.start:span.end]


def test_a_variant_hit_highlights_the_saved_word_only(saver, article, glossary):
    """B端 saved from the hit 「B端市場」 highlights B端 in its sentence, not the whole hit."""
    info, document = article
    entry = glossary.match_word("B端")
    span = next(s for s in document.layers["glossary"] if s.key == entry.id
                and document.simplified[s.start:s.end] == "B端市场")
    note = saver.save_word(document, document.token_index_at(span.start), info).note
    sentence = note.sentences[0]
    assert note.simplified == "B端"
    assert sentence.simplified[slice(*sentence.simplified_range)] == "B端"
    assert sentence.traditional[slice(*sentence.traditional_range)] == "B端"


def test_punctuation_is_not_saved(saver, article):
    """Pointing at punctuation or past the end gives a clear ValueError, nothing saved."""
    _, document = article
    comma = next(i for i in range(len(document)) if document.token(i).text in "，,。")
    with pytest.raises(ValueError, match="not a word"):
        saver.save_word(document, comma, None)
    with pytest.raises(ValueError):
        saver.save_word(document, len(document) + 5, None)
    assert saver.store.count() == 0


def test_save_glossary_counts_and_no_duplicates(saver, article):
    """Save glossary adds every distinct term once, to the article's deck; a second run adds
    none and reports them all as already saved; every note has its sentence."""
    info, document = article
    terms = {s.key for s in document.layers["glossary"]}
    assert len(terms) > 30
    added, already = saver.save_glossary(document, info)
    assert added + already == len(saver.glossary_drafts(document, info)) == saver.store.count()
    assert added > 30 and already == 0
    assert saver.save_glossary(document, info) == (0, added)
    (deck,) = saver.store.decks()
    assert deck.name == info.title and deck.note_count == added
    for note in saver.store.notes():
        assert note.meaning and note.sentences, note.simplified
        s = note.sentences[0]
        assert s.simplified[slice(*s.simplified_range)], note.simplified


def test_save_glossary_counts_words_saved_before_as_already(saver, article, services):
    """A term saved by hand earlier counts as already saved and gets no second note."""
    info, other_document = article
    span = other_document.layers["glossary"][0]
    saver.save_word(other_document, other_document.token_index_at(span.start), info, "Mine")
    added, already = saver.save_glossary(other_document, info, deck="Chosen")
    assert already == 1 and added == saver.store.count() - 1
    assert {d.name for d in saver.store.decks()} == {"Mine", "Chosen"}


def test_save_glossary_with_people(saver, article, services):
    """With people included, each person is one note (canonical name, English name and role
    as meaning, tagged person), whatever alias the text used."""
    info, document = article
    added_terms, _ = saver.save_glossary(document, info)
    added, already = saver.save_glossary(document, info, include_people=True)
    assert already == added_terms
    people = {s.key for s in document.layers["people"]}
    assert added >= len(people) - 2 and added > 3
    tong = saver.store.find("汤道生")
    assert tong is not None and tong.kind == "person" and "person" in tong.tags
    assert tong.traditional == "湯道生" and tong.pinyin == "Tāng Dàoshēng"
    assert "Dowson Tong" in tong.meaning and tong.sentences
