"""The glossary core: data validation, matching rules, pipeline hooks, user entries, CSV."""
from __future__ import annotations

import pytest

from reader.core import paths
from reader.core.glossary.data import CATEGORIES, load_glossary_file
from reader.core.glossary.match import entry_id
from reader.core.glossary.store import Glossary, GlossaryError
from reader.core.services import Services
from reader.core.text.scripts import View

BUNDLED = paths.assets_dir() / "glossary"


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    """The bundled glossary with no user file (read-only use)."""
    return Glossary(BUNDLED, BUNDLED / "no-such-user-file.toml")


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    return [(text[h.start:h.end], h.entry_id) for h in glossary.find(text)]


# -- the bundled data ------------------------------------------------------------------
def test_bundled_file_loads_cleanly_with_enough_entries(bundled):
    """The bundled file has >= 120 entries, no problems, and only declared categories."""
    assert bundled.problems == []
    assert len(bundled) >= 120
    assert {e.category for e in bundled.entries()} <= set(CATEGORIES)
    assert all(e.en and e.zh for e in bundled.entries())


def test_bundled_related_terms_and_surfaces_are_consistent(bundled):
    """Every related term is itself an entry, and no surface belongs to two entries."""
    missing = [(e.term, r) for e in bundled.entries() for r in e.related
               if bundled.match_word(r) is None]
    assert missing == []
    owners: dict[str, str] = {}
    for entry in bundled.entries():
        for surface in entry.surfaces:
            assert owners.setdefault(entry_id(surface), entry.id) == entry.id, surface


# -- variant rules ----------------------------------------------------------------------
@pytest.mark.parametrize("surface", [
    "To B", "ToB", "to B", "TO B", "To-B", "ｔｏ Ｂ", "to b", "To  B", "To - B", "ＴｏＢ", "2B",
])
def test_to_b_variants_match_as_one_term(bundled, surface):
    """Case, width, inner spaces and hyphens (and 2B) all give the To B entry."""
    text = f"公司做{surface}业务"
    assert found(bundled, text) == [(surface, "tob")]


@pytest.mark.parametrize("text, surface, term", [
    ("他们的ToC产品", "ToC", "To C"),
    ("To-C很强大", "To-C", "To C"),
    ("C To B优势", "C To B", "C2B"),
    ("C2B方法论", "C2B", "C2B"),
    ("B2B巨头", "B2B", "B2B"),
    ("C 端增值业务", "C 端", "C端"),
    ("b端的客户", "b端", "B端"),
    ("互联网+医疗", "互联网+", "互联网+"),
    ("互联网＋医疗", "互联网＋", "互联网+"),
    ("“9·30”组织变革", "9·30", "930变革"),
    ("腾讯930调整后", "腾讯930", "930变革"),
])
def test_latin_and_mixed_variants(bundled, text, surface, term):
    """Mixed Latin/Han terms and their variants map to the right entry."""
    assert found(bundled, text)[0] == (surface, entry_id(term))


@pytest.mark.parametrize("text, absent", [
    ("ITEM", "it"), ("SAIC Motor", "ai"), ("PVC pipes", "pv"), ("IMF", "im"),
    ("TOBACCO", "tob"), ("B2B", "tob"), ("C2B", "tob"), ("用2B铅笔", "tob"),
    ("it is", "it"), ("a KPIs b", "kpi"), ("cloudAI", "ai"), ("1996年", "996"),
    ("生态环境保护", "生态"), ("比赛道路", "赛道"), ("3AI", "ai"), ("xGWh", "gwh"),
])
def test_word_boundary_and_exclusion_negatives(bundled, text, absent):
    """No acronym inside a Latin word, no lowercase 'it' as IT, exclude phrases win."""
    assert absent not in [i for _, i in found(bundled, text)]


@pytest.mark.parametrize("text, surface", [
    ("IT部门", "IT"), ("用AI技术", "AI"), ("PV到达2700万", "PV"), ("IM飞书", "IM"),
    ("储能出货12GWh", "GWh"), ("出货１２ＧＷｈ", "ＧＷｈ"),
])
def test_acronyms_match_next_to_han(bundled, text, surface):
    """Acronyms match standing alone next to Chinese text; a mixed-case unit after a number."""
    assert surface in [s for s, _ in found(bundled, text)]


@pytest.mark.parametrize("text, surface, term", [
    ("在私域流量池里", "私域流量池", "私域流量"),
    ("云与智慧产业事业群(CSIG)", "云与智慧产业事业群", "CSIG"),
    ("互联网人口红利见顶", "互联网人口红利", "人口红利"),
    ("SaaS加速器", "SaaS加速器", "加速器"),
])
def test_longest_match_wins(bundled, text, surface, term):
    """Where terms overlap, the longest one is the hit."""
    assert found(bundled, text)[0] == (surface, entry_id(term))


def test_chinese_terms_match_in_both_scripts(bundled):
    """產業互聯網 and 产业互联网 are the same entry; Traditional variants are converted."""
    assert found(bundled, "產業互聯網") == [("產業互聯網", "产业互联网")]
    assert found(bundled, "产业互联网") == [("产业互联网", "产业互联网")]
    assert found(bundled, "雲與智慧產業事業羣") == [("雲與智慧產業事業羣", "csig")]
    assert bundled.match_word("賽道").term == "赛道"


def test_match_word_rules(bundled):
    """Exact lookup folds width and case, but not an all-lowercase short acronym."""
    assert bundled.match_word("ｔｏ ｂ").term == "To B"
    assert bundled.match_word("IT").term == "IT"
    assert bundled.match_word("it") is None
    assert bundled.match_word("不是术语") is None


# -- the pipeline ----------------------------------------------------------------------
def test_terms_become_single_tokens_and_spans(annotator):
    """'To B' and 'C To B' are each one token, and the layer holds their entry ids."""
    document = annotator.annotate("公司殺入To B市場,延展C To B優勢")
    words = [t.text for t in document.tokens(View.ORIGINAL)]
    assert "To B" in words and "C To B" in words
    spans = document.layers["glossary"]
    assert [(s.key, s.data["surface"]) for s in spans][:2] == [("tob", "To B"), ("c2b", "C To B")]
    for span in spans:
        index = document.token_index_at(span.start)
        assert document.span(index) == (span.start, span.end)


@pytest.mark.parametrize("view", list(View))
def test_layer_json_in_every_view(annotator, view):
    """to_json offsets index the text of the view shown, in the view's script."""
    document = annotator.annotate("这家公司产业互联网与To B業務，云计算和私域流量。")
    hooks = next(layer for layer in annotator.layers if layer.name == "glossary")
    items = hooks.to_json(document, view)
    text = document.text(view)
    assert [i["term"] for i in items][:1] in (["产业互联网"], ["產業互聯網"])
    assert len(items) == 4
    for item in items:
        assert text[item["start"]:item["end"]] == item["text"]
        assert set(item) == {"start", "end", "text", "term", "category", "en", "zh"}
    if view.is_traditional:
        assert items[0]["text"] == "產業互聯網" and items[0]["term"] == "產業互聯網"


# -- malformed data -------------------------------------------------------------------
def test_malformed_entries_are_reported_by_line_and_skipped(tmp_path):
    """A syntax error, a missing field and a bad category are reported; the rest loads."""
    path = tmp_path / "glossary.toml"
    path.write_text(
        '# header\n'                                                      # 1
        '[[term]]\nterm = "Good One"\ncategory = "metric"\n'               # 2-4
        'en = "fine"\nzh = "好"\n\n'                                       # 5-7
        '[[term]]\nterm = "Broken"\ncategory = "metric\nen = "x"\n\n'      # 8-12
        '[[term]]\nterm = "NoEnglish"\ncategory = "metric"\nzh = "无"\n\n'  # 13-17
        '[[term]]\nterm = "Odd"\ncategory = "weather"\nen = "x"\nzh = "y"\n\n'  # 18-23
        '[[term]]\nterm = "Good Two"\ncategory = "finance"\nen = "ok"\nzh = "行"\n',  # 24-
        encoding="utf-8")
    parsed = load_glossary_file(path, "bundled")
    assert [e.term for e in parsed.entries] == ["Good One", "Good Two"]
    assert len(parsed.problems) == 3
    assert parsed.problems[0].startswith(f"{path}:10:")  # the unterminated string
    assert parsed.problems[1].startswith(f"{path}:13:") and "'en'" in parsed.problems[1]
    assert parsed.problems[2].startswith(f"{path}:18:") and "weather" in parsed.problems[2]
    glossary = Glossary(path, tmp_path / "user.toml")
    assert len(glossary) == 2 and len(glossary.problems) == 3
    assert found(glossary, "a good two b") == [("good two", "goodtwo")]


def test_cached_matcher_matches_like_a_built_one_and_follows_data_changes(tmp_path,
                                                                         reader_home):
    """The matcher read back from the data cache finds what a fresh one finds, and a
    changed data file is matched anew (the cache is keyed by the files)."""
    folder = tmp_path / "glossary"
    folder.mkdir()
    data = folder / "general.toml"
    entry = '[[term]]\nterm = "{t}"\ncategory = "metric"\nen = "x"\nzh = "y"\n\n'
    data.write_text(entry.format(t="复购率") + entry.format(t="To B"), encoding="utf-8")
    text = "复购率高的 ToB 公司，私域流量"
    first = Glossary(folder, tmp_path / "user.toml")
    assert list(paths.cache_dir().glob("glossary-matcher-*.pickle"))
    second = Glossary(folder, tmp_path / "user.toml")
    assert found(second, text) == found(first, text) == [("复购率", "复购率"), ("ToB", "tob")]
    data.write_text(data.read_text(encoding="utf-8") + entry.format(t="私域流量"),
                    encoding="utf-8")
    third = Glossary(folder, tmp_path / "user.toml")
    assert ("私域流量", "私域流量") in found(third, text)


# -- user entries ---------------------------------------------------------------------
def test_user_entry_overrides_bundled_and_survives_restart(reader_home):
    """A user edit of To B wins over the bundled entry, in a new Services too."""
    first = Services().glossary
    first.save_entry({"term": "TO B", "category": "business model", "en": "My own words.",
                      "zh": "我的解释", "variants": ["B生意"]})
    assert first.get("tob").en == "My own words."
    again = Services().glossary  # a restart: same READER_HOME, fresh objects
    entry = again.get("tob")
    assert (entry.en, entry.source) == ("My own words.", "user")
    assert found(again, "做B生意和To B") == [("B生意", "tob"), ("To B", "tob")]
    assert (reader_home / "data" / "glossary_user.toml").exists()


def test_user_add_edit_delete_and_hide_bundled(reader_home):
    """New terms match at once; deleting a bundled term hides it until restored."""
    glossary = Services().glossary
    calls = []
    glossary.add_listener(lambda: calls.append(1))
    glossary.save_entry({"term": "飞轮效应", "category": "strategy", "en": "Flywheel.",
                         "zh": "飞轮"})
    assert found(glossary, "形成飞轮效应") == [("飞轮效应", "飞轮效应")]
    glossary.save_entry({"term": "飞轮", "category": "strategy", "en": "Flywheel, renamed.",
                         "zh": "飞轮"}, replaces="飞轮效应")
    assert glossary.get("飞轮效应") is None and glossary.get("飞轮") is not None
    assert glossary.delete("赛道") is True
    assert found(glossary, "教育赛道") == []
    assert Services().glossary.get("赛道") is None  # the hiding is saved
    assert glossary.restore("赛道") and found(glossary, "教育赛道") == [("赛道", "赛道")]
    assert len(calls) == 4


def test_invalid_user_entry_is_a_one_line_error(reader_home):
    """A bad category or an empty explanation raises GlossaryError, nothing is saved."""
    glossary = Services().glossary
    with pytest.raises(GlossaryError, match="category"):
        glossary.save_entry({"term": "X1", "category": "nope", "en": "x", "zh": "x"})
    with pytest.raises(GlossaryError, match="'en'"):
        glossary.save_entry({"term": "X1", "category": "metric", "en": " ", "zh": "x"})
    assert glossary.user_entries() == []


def test_hand_edited_user_file_problem_is_reported(reader_home):
    """A broken user file entry is reported with its line; the app still starts."""
    user = reader_home / "data" / "glossary_user.toml"
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text('[[term]]\nterm = "Mine"\ncategory = "metric"\nen = "m"\nzh = "我"\n\n'
                    '[[term]]\nterm = = "Bad"\n', encoding="utf-8")
    glossary = Services().glossary
    assert glossary.get("mine").source == "user"
    assert any(p.startswith(f"{user}:8:") for p in glossary.problems)  # the bad line


def test_csv_round_trip(tmp_path, reader_home, monkeypatch):
    """Exported user entries import into another home with every field intact."""
    glossary = Services().glossary
    glossary.save_entry({"term": "North Star", "category": "metric", "expansion": "NSM",
                         "en": 'The one "key" metric, a team\'s, north star.', "zh": "北极星指标",
                         "variants": ["北极星指标", "NSM"], "related": ["KPI", "OKR"],
                         "example": "第一行\n第二行"})
    glossary.save_entry({"term": "增长黑客", "category": "marketing & growth",
                         "en": "Growth hacking.", "zh": "增长黑客"})
    csv_path = tmp_path / "mine.csv"
    assert glossary.export_user_csv(csv_path) == 2
    monkeypatch.setenv("READER_HOME", str(tmp_path / "other-home"))
    other = Services().glossary
    count, problems = other.import_user_csv(csv_path)
    assert (count, problems) == (2, [])
    assert [e.to_fields() for e in other.user_entries()] == [
        e.to_fields() for e in glossary.user_entries()]
    assert found(other, "我们的NSM") == [("NSM", "northstar")]


def test_csv_bad_rows_are_reported_and_skipped(tmp_path, reader_home):
    """A CSV row with a bad category is reported by line; good rows still import."""
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("term,category,en,zh\nGood,metric,fine,好\nBad,colour,x,y\n"
                        "Also Good,finance,ok,行\n", encoding="utf-8")
    count, problems = Services().glossary.import_user_csv(csv_path)
    assert count == 2
    assert len(problems) == 1 and problems[0].startswith(f"{csv_path}:3:")
    with pytest.raises(GlossaryError, match="no such file"):
        Services().glossary.import_user_csv(tmp_path / "missing.csv")


def test_one_matcher_with_corpus_variants_equals_two_matchers(services):
    """Corpus-only variants held in the same automaton match exactly as a second matcher
    over all surfaces then the variants would (bundled articles), and not at all otherwise;
    a variant over an exclude phrase wins only in corpus mode."""
    from reader.core.glossary.match import TermMatcher

    surfaces = [("腾讯", "tencent"), ("To B", "tob"), ("云", "cloud"), ("云计算", None)]
    corpus = [("鹅厂", "tencent"), ("云计算", "cloud"), ("腾讯", "other")]
    merged = TermMatcher(surfaces, None, corpus)
    plain, both = TermMatcher(surfaces), TermMatcher(surfaces + corpus)
    texts = ["鹅厂做To B的云计算，腾讯云", *(text for _info, text in services.corpus.items())]
    for text in texts:
        assert merged.find(text) == plain.find(text)
        assert merged.find(text, corpus=True) == both.find(text, corpus=True)
    assert [h.entry_id for h in merged.find(texts[0], corpus=True)] == [
        "tencent", "tob", "cloud", "tencent", "cloud"]
    assert [h.entry_id for h in merged.find(texts[0])] == ["tob", "tencent", "cloud"]


def test_whole_file_parse_equals_block_by_block():
    """The one-parse fast path for a valid file gives exactly the entries the block-by-block
    parse gives (forced here by one broken block at the end, which alone is reported)."""
    from reader.core.glossary.data import parse_glossary

    text = (BUNDLED / "general.toml").read_text(encoding="utf-8")
    fast = parse_glossary(text, "general.toml", "bundled")
    broken = text + '\n[[term]]\nterm = "Broken\n'
    slow = parse_glossary(broken, "general.toml", "bundled")
    assert fast.problems == [] and len(slow.problems) == 1
    assert "general.toml:" in slow.problems[0] and "skipped" in slow.problems[0]
    assert fast.entries == slow.entries
    assert [b[0] for b in fast.blocks] == [b[0] for b in slow.blocks[:-1]]
