"""Boilerplate trimming: the corpus seeds still come out as the corpus, new rules work."""
from __future__ import annotations

import pytest

from reader.core.library.boilerplate import is_chrome, trim
from reader.core.library.corpus import Corpus
from reader.core.paths import corpus_dir
from tests.conftest import SEEDS


def test_seeds_trim_to_the_corpus():
    """Trimming each raw seed gives exactly the bundled article's text."""
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip("seed files are not beside the project")
    bodies = {info.extra.get("seed"): text for info, text in Corpus(corpus_dir()).items()}
    assert len(seeds) == 5
    for seed in seeds:
        assert trim(seed.read_text(encoding="utf-8")) == bodies[seed.name], seed.name


@pytest.mark.parametrize("line", [
    "首页", "打印 | 收藏 | 举报", "分享 微信 微博", "评论(12)", "我来说两句", "已有 3 人评论",
    "字号：大 中 小", "阅读原文", "点击阅读原文 >", "未经授权，禁止转载", "转载请注明出处：某网",
    "长按识别二维码关注我们", "关注我们", "Share this article", "Related articles:", "Advertisement",
])
def test_chrome_lines(line):
    """Each kind of site chrome is recognised as such."""
    assert is_chrome(line)


@pytest.mark.parametrize("line", [
    "腾讯宣布成立新的事业群。",
    "用户只需要扫描二维码就可以完成支付，这一功能在线下零售场景中得到了广泛应用，腾讯也因此获得了大量商户。",
    "腾讯的分享文化由来已久。", "微信支付", "首页推荐的算法由腾讯自研。",
])
def test_article_lines_kept(line):
    """Ordinary article sentences, even ones that mention QR codes or sharing, are kept."""
    assert not is_chrome(line)
