"""The offline gloss: every word of every corpus article glossed or marked, right senses."""
from __future__ import annotations

import json

import pytest

from reader.core.gloss.glosser import Glosser, pinyin_name, shorten, term_gloss
from reader.core.text.document import Kind, Span
from reader.core.text.scripts import View

ARTICLES = ["caijing-2020-to-b-two-years", "caijing-2019-dowson-tong", "36kr-2019-81-trials",
            "nbd-2019-anniversary", "zhoutian-2020-third-opening"]


@pytest.fixture(scope="module")
def glosser(shared_services):
    return shared_services.glosser


def _units(glosser, document, view=View.ORIGINAL):
    return [u for s in glosser.sentences(document, view) for u in s.units]


@pytest.mark.parametrize("article", ARTICLES)
def test_every_word_of_the_corpus_is_glossed_or_marked(services, glosser, article):
    """Each word token is in exactly one unit, with a gloss or marked 'none', in order."""
    known = {a.id for a in services.library.list()}
    if article not in known:
        pytest.skip(f"{article} not in the library")
    _info, text = services.library.get(article)
    document = services.annotator.annotate(text)
    units = _units(glosser, document)
    covered = [i for u in units for i in range(u.first, u.last + 1)]
    assert covered == sorted(set(covered))  # no token twice, in document order
    words = [i for i in document.word_indices()]
    assert set(words) <= set(covered)
    for unit in units:
        if unit.is_word:
            assert unit.gloss or unit.source == "none", unit
            assert unit.source in {"glossary", "person", "function", "common", "dictionary", "name",
                                   "parts", "none"}
            assert len(unit.gloss) <= 40
    glossed = sum(1 for u in units if u.is_word and u.gloss)
    han = [u for u in units if u.is_word and document.kind(u.first) is Kind.WORD]
    assert glossed / len([u for u in units if u.is_word]) > 0.9
    assert sum(1 for u in han if u.gloss) / len(han) > 0.98


def test_senses_follow_the_reading_and_the_writing(annotator, glosser):
    """重点 read zhòngdiǎn is a key point; 雲 (cloud) is not 云 'to say'; 了 is a marker."""
    document = annotator.annotate("重點是騰訊雲。天上的雲很白。他來了。")
    glosses = {u.text: u.gloss for u in _units(glosser, document)}
    assert glosses["重點"] == "important point"
    assert glosses["雲"] == "cloud"
    assert glosses["了"] == "(done)"


def test_unknown_names_read_as_pinyin_names(annotator, glosser):
    """A name not in CC-CEDICT that jieba tags as a person becomes its pinyin name."""
    document = annotator.annotate("汤道生表示，腾讯云会继续投入。")
    document.layers.clear()  # no people feature: the glosser's own guess
    unit = next(u for u in _units(glosser, document) if u.text == "汤道生")
    assert (unit.gloss, unit.source) == ("Tang Daosheng", "name")


def test_unknown_compounds_are_glossed_by_parts(annotator, glosser):
    """A word not in the dictionary is glossed from the words inside it."""
    document = annotator.annotate("这次调整很大。")
    unit = next(u for u in _units(glosser, document) if u.text == "这次")
    assert unit.source == "parts" and unit.gloss.startswith("this·")


def test_layers_come_first_and_merge_tokens(annotator, glosser):
    """A glossary span wins over the dictionary; a person span over split tokens is one unit."""
    document = annotator.annotate("汤 道生推动产业互联网。")
    text = document.simplified
    g0 = text.index("产业互联网")
    document.layers["glossary"] = [Span(g0, g0 + 5, "产业互联网",
                                        {"en": "Industrial internet: digital services for "
                                               "traditional industries"})]
    document.layers["people"] = [Span(0, 4, "tang-daosheng", {"english": "Dowson Tong"})]
    units = _units(glosser, document)
    person = units[0]
    assert (person.text, person.gloss, person.source) == ("汤 道生", "Dowson Tong", "person")
    assert person.last > person.first
    term = next(u for u in units if u.source == "glossary")
    assert term.gloss == "industrial internet"  # the bundled entry's quoted phrase


def test_glossary_terms_use_the_entry(annotator, glosser):
    """A bundled glossary term is glossed by its short meaning, not CC-CEDICT's literal sense."""
    document = annotator.annotate("腾讯发力To B市场。")
    unit = next(u for u in _units(glosser, document) if u.text == "To B")
    assert (unit.gloss, unit.source) == ("to Business", "glossary")


def test_person_without_english_name_gets_pinyin(annotator, glosser):
    """A people-layer span with no English name is glossed with its pinyin name."""
    document = annotator.annotate("马化腾说。")
    document.layers["people"] = [Span(0, 3, "not-in-the-directory", {})]
    assert _units(glosser, document)[0].gloss == "Ma Huateng"


def test_people_use_their_english_names(annotator, glosser):
    """Mentions found by the people feature, aliases and garbled forms included, read
    as the person's English name from the directory."""
    document = annotator.annotate("汤道生和马化腾说。唐道生也说。")
    people = [u for u in _units(glosser, document) if u.source == "person"]
    assert [(u.text, u.gloss) for u in people] == [
        ("汤道生", "Dowson Tong"), ("马化腾", "Pony Ma"), ("唐道生", "Dowson Tong")]


def test_without_layers_nothing_breaks(annotator, dictionary):
    """A glosser without a segmenter and a document without layers still glosses."""
    document = annotator.annotate("腾讯To B")
    units = _units(Glosser(dictionary), document)
    assert [u.text for u in units if u.is_word][:1] == ["腾讯"]


def test_shorten():
    """Senses lose remarks, alternatives and company suffixes and fit the limit; glossary
    entries give their expansion or key phrase."""
    assert shorten("Tencent Holdings Limited (developers of the QQ platform)") == "Tencent"
    assert shorten("Huawei Technologies Co., Ltd.") == "Huawei Technologies"
    assert shorten("to adjust; to change") == "to adjust"
    assert shorten("(completed action marker)") == "completed action marker"
    assert len(shorten("a very long sense that never seems to stop going on and on")) <= 24
    assert pinyin_name("ou1 yang2 xiu1") == "Ou Yangxiu"
    assert term_gloss("to Business", "Selling to companies.") == "to Business"
    assert term_gloss("", "The 'industrial internet' in Tencent's sense: …") == "industrial internet"
    assert term_gloss("", "A reorganisation of the business groups, in 2018.") == \
        "reorganisation of the business groups"


def test_gloss_cli_prints_words_over_glosses(run_cli, tmp_path):
    """`gloss FILE` prints each word above its gloss, columns aligned, '–' for none."""
    path = tmp_path / "a.txt"
    path.write_text("腾讯进军产业互联网。XQZW成立。", encoding="utf-8")
    status, out, err = run_cli("gloss", str(path))
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("腾讯") and lines[1].startswith("Tencent")
    column = lines[1].index("to march")
    assert lines[0][:column].count("腾讯") == 1  # 腾讯 is 4 columns wide, padded to align
    assert "–" in lines[4]


def test_gloss_cli_json(run_cli, tmp_path):
    """`gloss --json` gives sentences of words with view offsets, gloss and source."""
    path = tmp_path / "a.txt"
    path.write_text("我看見雲。", encoding="utf-8")
    status, out, _ = run_cli("gloss", str(path), "--json", "--script", "simplified")
    data = json.loads(out)
    words = data["sentences"][0]["words"]
    assert data["view"] == "simplified"
    assert [(w["text"], w["start"], w["end"]) for w in words] == [
        ("我", 0, 1), ("看见", 1, 3), ("云", 3, 4), ("。", 4, 5)]
    assert [w["gloss"] for w in words][2:] == ["cloud", ""]
    assert [w["source"] for w in words][2:] == ["dictionary", "text"]


def test_gloss_cli_bad_input(run_cli, tmp_path):
    """A missing file is one line on stderr and status 2."""
    status, out, err = run_cli("gloss", str(tmp_path / "missing.txt"))
    assert status == 2 and out == "" and err.count("\n") == 1


def test_frequent_words_take_their_usual_sense(glosser):
    """The hand-checked table beats CC-CEDICT's first sense: 开放 is not "to bloom"."""
    wanted = {"开放": "to open up", "一直": "all along", "里": "inside", "时": "time/when",
              "产品": "product"}
    for word, gloss in wanted.items():
        assert glosser.gloss_word(word) == (gloss, "common"), word
    assert glosser.gloss_word("长", "zhang3")[0] != glosser.gloss_word("长", "chang2")[0]


def test_a_noun_takes_its_noun_sense(glosser):
    """A word jieba lists as a noun takes its first sense that is not a verb."""
    assert glosser.gloss_word("架构")[0] == "structure"
    assert not glosser.gloss_word("导向")[0].startswith("to ")


def test_parts_prefer_words_and_the_sense_that_fits(annotator, glosser):
    """零售商|家 regroups as 零售·商家 (merchant, not home); 下结论 is not "under·conclusion";
    第一关 is not "first·mountain pass"."""
    document = annotator.annotate("零售商家都在观望,现在下结论还太早,这是第一关。")
    units = {u.text: u for u in _units(glosser, document)}
    merged = next(u for text, u in units.items() if text.endswith("商家"))
    assert "merchant" in merged.gloss and "home" not in merged.gloss
    conclusion = next(u for text, u in units.items() if "结论" in text)
    assert not conclusion.gloss.startswith("under") and "conclusion" in conclusion.gloss
    first = next(u for text, u in units.items() if "第一" in text)
    assert "mountain" not in first.gloss


def test_common_gloss_table_is_well_formed():
    """Every row of gloss_common.tsv has a word, an optional tone-number reading and a gloss."""
    import re

    from reader.core.gloss.short import common_glosses
    from reader.core.paths import assets_dir

    rows = [line.split("\t") for line in (assets_dir() / "gloss_common.tsv").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert len(rows) >= 300
    for row in rows:
        assert len(row) == 3 and row[0] and row[2].strip(), row
        assert not row[1] or re.fullmatch(r"([a-zü]+[1-5])+", row[1]), row
    assert len(common_glosses()) >= 290
