"""The glossary's sense rules: context for everyday words, boundaries, corpus-only garbles."""
from __future__ import annotations

import pytest

from reader.core import paths
from reader.core.glossary.store import Glossary, GlossaryTerms
from reader.core.glossary.store import install as install_glossary
from reader.core.text.pipeline import Annotator


def marked(annotator, text: str) -> list[str]:
    document = annotator.annotate(text)
    return [document.original[s.start:s.end] for s in document.layers["glossary"]]


def tokens(annotator, text: str) -> list[str]:
    document = annotator.annotate(text)
    return [document.original[s:e] for s, e in (document.span(i) for i in range(len(document)))]


def hooks_of(annotator) -> GlossaryTerms:
    return next(layer for layer in annotator.layers if isinstance(layer, GlossaryTerms))


@pytest.fixture(scope="module")
def custom(shared_services, tmp_path_factory):
    """An annotator with a small glossary whose surfaces are ambiguous on purpose:
    东华 as a general variant, 矩阵 as an everyday word, 基因 as one."""
    folder = tmp_path_factory.mktemp("glossary")
    (folder / "general.toml").write_text('''
[[term]]
term = "东华软件"
variants = ["东华"]
category = "company & product"
short = "DHC Software"
en = "DHC Software, a Chinese IT services company."
zh = "东华软件公司。"

[[term]]
term = "矩阵"
category = "org unit"
short = "product matrix"
en = "A set of related products covering a market."
zh = "覆盖市场的一组产品。"
ordinary = true

[[term]]
term = "基因"
category = "idiom & metaphor"
short = "corporate genes"
en = "A company's inborn character."
zh = "企业天生的特质。"
ordinary = true
''', encoding="utf-8")
    glossary = Glossary(folder, folder / "no-user.toml")
    annotator = Annotator(shared_services.segmenter, shared_services.pinyin)
    install_glossary(annotator, glossary, lambda: shared_services.dictionary)
    plain = Annotator(shared_services.segmenter, shared_services.pinyin)
    return annotator, plain


def test_everyday_word_is_marked_only_in_business_context(annotator):
    """矩阵 in a maths sentence is not marked; 生态 in a business sentence is."""
    assert "矩阵" not in marked(annotator, "矩阵的行列式等于其所有特征值的乘积。")
    assert "生态" in marked(annotator, "这家公司正在打造开放的生态，吸引更多用户和开发者入驻平台。")
    assert "场景" not in marked(annotator, "电影的开场场景设在雨夜的车站。")


def test_everyday_word_outside_business_is_ordinary_not_protected(custom):
    """Outside business writing 矩阵 is left to the dictionary: reported as ordinary, and
    the text is segmented exactly as without a glossary."""
    annotator, plain = custom
    text = "矩阵的行列式等于其所有特征值的乘积。"
    document = annotator.annotate(text)
    judged = hooks_of(annotator).judged(document.simplified)
    assert [text[h.start:h.end] for h in judged.ordinary] == ["矩阵"]
    assert document.layers["glossary"] == []
    assert tokens(annotator, text) == tokens(plain, text)
    business = "公司推出产品矩阵，覆盖更多用户和商家，营收同比增长。"
    assert "矩阵" in marked(annotator, business)


@pytest.mark.parametrize("text, absent", [
    ("米格战斗机是苏联设计的喷气式战斗机。", "米格"),
    ("商代甲骨文是中国已知最早的成熟文字。", "甲骨文"),
    ("东华大学位于上海市松江区。", "东华"),
    ("基因突变是生物进化的原材料。", "基因"),
])
def test_negatives_are_not_marked_by_the_bundled_glossary(annotator, text, absent):
    """A transliteration, a historical term, a university and a biology term are not jargon."""
    assert not any(absent in m for m in marked(annotator, text))


def test_match_inside_a_longer_dictionary_word_is_dropped_without_changing_tokens(custom):
    """东华 (a listed variant) inside 东华大学 and 基因 inside 基因突变 are dropped, and the
    segmentation is the same as with no glossary at all."""
    annotator, plain = custom
    for text in ("东华大学的校园很大。", "基因突变是生物进化的原材料。"):
        assert marked(annotator, text) == []
        assert tokens(annotator, text) == tokens(plain, text)
    assert marked(annotator, "东华软件公司与东华签约，合作拓展政企客户市场。") == ["东华软件", "东华"]


def test_company_name_with_generic_suffix_is_kept(annotator):
    """甲骨文公司 (the term plus a generic head noun) still marks 甲骨文 in business text."""
    assert "甲骨文" in marked(annotator, "甲骨文公司发布新的数据库产品，股价上涨，客户增多。")


def test_corpus_only_garbles_match_only_in_the_bundled_articles(services):
    """尚超, 到乙, 米格 and 'Shoma Purchase' are matched in article 002, never elsewhere."""
    glossary = Glossary(paths.assets_dir() / "glossary", paths.assets_dir() / "none.toml")
    _info, text = services.library.get("36kr-2019-81-trials")
    in_article = {text[h.start:h.end] for h in glossary.find(text)}
    assert {"尚超", "米格", "Shoma Purchase"} <= in_article
    other = "尚超和到乙出现在别的文章里，米格与Shoma Purchase也一样，这是一篇新的报道。" * 3
    assert {other[h.start:h.end] for h in glossary.find(other)} & {
        "尚超", "到乙", "米格", "Shoma Purchase"} == set()
    assert glossary.match_word("尚超") is None
    assert glossary.match_word("商超") is not None


def test_new_fields_short_and_ordinary_are_read(services):
    """`short` is the short meaning; `ordinary` marks everyday words; both round-trip."""
    glossary = services.glossary
    entry = glossary.match_word("后台")
    assert entry.short == "back end; background" and entry.short_meaning == entry.short
    assert entry.ordinary and not entry.en.startswith("Here")
    assert entry.to_fields()["ordinary"] is True


def test_magnitudes_and_jieba_only_compounds_keep_the_term(shared_services):
    """港元 in 亿港元 and 财报 in 季财报 are marked in business text, though jieba joins
    them into longer words; 基因 in 基因突变 (a CC-CEDICT word) still is not."""
    annotator = shared_services.annotator
    text = ("公司公布第三季财报，营收增长，净利润为12亿港元，股价上涨。"
            "用户和商家数量创新高，平台业务持续扩张。")
    document = annotator.annotate(text)
    marked = {document.simplified[s.start:s.end] for s in document.layers.get("glossary", [])}
    assert {"港元", "财报"} <= marked
    biology = annotator.annotate("公司研究发现基因突变会影响用户的健康，营收增长。")
    assert "基因" not in {biology.simplified[s.start:s.end]
                         for s in biology.layers.get("glossary", [])}
