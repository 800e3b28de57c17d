"""The name detector: real names it finds in unseen sentences, and the false names it must drop."""
from __future__ import annotations

import pytest

from reader.core.people.detect import NameDetector
from reader.core.people.name_shape import shaped_like_name, surname_of


@pytest.fixture(scope="module")
def detector(shared_services):
    return NameDetector(shared_services.segmenter.tokenizer, shared_services.dictionary)


def names(detector, text):
    return [d.name for d in detector.detect(text)]


def test_surnames_include_two_character_ones():
    """欧阳 and 司马 are surnames; 智 and 梦 are not on the list."""
    assert surname_of("欧阳晓娟") == "欧阳"
    assert surname_of("司马南") == "司马"
    assert surname_of("王兴") == "王"
    assert surname_of("智慧") is None and surname_of("梦洁") is None


def test_name_shape_rules():
    """Length 2-4, surname first, no function characters in the given name."""
    assert shaped_like_name("何文武") and shaped_like_name("欧阳晓娟")
    assert not shaped_like_name("王") and not shaped_like_name("董鹏泰因")
    assert not shaped_like_name("和梦洁") and not shaped_like_name("张的")


@pytest.mark.parametrize("sentence, expected", [
    ("阿里巴巴集团董事会主席兼CEO张勇表示,阿里云将继续加大投入。", ["张勇"]),
    ("百度创始人李彦宏在大会上说,人工智能是未来十年的主题。", ["李彦宏"]),
    ("字节跳动创始人张一鸣在内部信中提到,他将卸任。", ["张一鸣"]),
    ("美团CEO王兴告诉记者,外卖业务仍在增长。", ["王兴"]),
    ("据新华社记者欧阳晓娟报道,深圳的投资大幅增加。", ["欧阳晓娟"]),
    ("海尔集团总裁周云杰对《第一财经》记者说,平台已服务上万家企业。", ["周云杰"]),
    ("京东集团首席执行官徐雷称,京东云将向社会开放。", ["徐雷"]),
    ("文/记者 周立新 编辑 李晓\n正文从这里开始。", ["周立新", "李晓"]),
    ("在谈到未来时,司马南笑称自己不懂技术。", ["司马南"]),
])
def test_finds_new_names_from_context_cues(detector, sentence, expected):
    """Names nobody listed are found from a title, a credit line or a speech verb."""
    assert names(detector, sentence) == expected


def test_two_character_names_stop_before_the_verb(detector):
    """郭平称 is 郭平 + 称 and 黄翔更直接 is 黄翔 + 更: the boundary follows the cue."""
    text = "华为轮值董事长郭平称,增速很快。法大大CEO黄翔更直接:「可以」。"
    assert names(detector, text) == ["郭平", "黄翔"]


def test_every_mention_of_a_found_name_is_returned(detector):
    """Once a cue confirms a name, later mentions without cues are counted too."""
    text = "小米集团董事长雷军认为,市场已经饱和。雷军还透露了新计划。大家都在等雷军的消息。"
    found = detector.detect(text)
    assert [d.name for d in found] == ["雷军"]
    assert [text[s:e] for s, e in found[0].mentions] == ["雷军"] * 3


def test_words_jieba_tags_as_names_never_reach_the_panel(detector):
    """美颜, 麦克风, 顾客, 明星, 智慧, 一劳永逸, 友情链接 are words, even next to cues."""
    text = ("腾讯又增加了美颜强化功能。会议会帮客户断掉麦克风的拾音。顾客说好。"
            "明星表示支持。智慧零售负责人称赞。这样就一劳永逸了,他说。友情链接说明如下。"
            "超级明星产品奠定了成功。害怕顾客投诉。")
    assert names(detector, text) == []


def test_organisations_and_brands_are_not_people(detector):
    """华为, 梦洁, 蒙牛, 沃尔玛, 宝马, 高通 and garbled 董鹏泰因 stay out, with cues around them."""
    text = ("华为表示将继续投入。华为轮值董事长郭平说,华为云增长很快。梦洁集团副总裁程艳回忆道。"
            "以家纺品牌‘梦洁’的合作为例,梦洁表示满意。蒙牛表示同意。沃尔玛称合作顺利。"
            "宝马表示关注。他们筛选出了董鹏泰因,董鹏泰因表示感谢。高通表示不予置评。")
    assert names(detector, text) == ["郭平", "程艳"]


def test_a_name_inside_another_word_is_not_a_mention(detector):
    """于凡 in 对于凡事 and 华可以 in 东华可以说 are not names."""
    text = "东华可以说是老成员了。对于凡事都要问的人,记者于凡说这很正常。"
    found = detector.detect(text)
    assert [d.name for d in found] == ["于凡"]
    assert [text[s:e] for s, e in found[0].mentions] == ["于凡"]
    assert found[0].mentions[0][0] == text.index("记者于凡") + 2


def test_directory_names_can_be_excluded(detector):
    """Names already known (from the directory) are left to the directory."""
    text = "腾讯高级执行副总裁汤道生表示,CSIG将继续投入。"
    assert names(detector, text) == ["汤道生"]
    assert detector.detect(text, exclude={"汤道生"}) == []


def test_names_in_a_list_with_a_known_name_are_people(detector):
    """A 、-list that holds a name found by its title makes the other names people, the
    first and last items cut from the text around them."""
    text = ("董事长谢继茂表示满意。会中选出新任董事，包括谢继茂、郭水义、张信一、陈信宏等"
            "4席代表人董事。")
    names = {d.name for d in detector.detect(text)}
    assert {"谢继茂", "郭水义", "张信一", "陈信宏"} <= names


def test_a_list_of_three_unknown_names_needs_no_cue(detector):
    """Three or more name-shaped items that are no dictionary word are names; a list of
    companies, places or common words is not."""
    names = {d.name for d in detector.detect("独立董事为林玉芬、吕忠津、杜奕瑾、陈嘉钟等5席。")}
    assert {"林玉芬", "吕忠津", "杜奕瑾", "陈嘉钟"} <= names
    assert detector.detect("比亚迪、吉利、长城、奇瑞等车企销量增长，北京、上海、广州也是。") == []
    assert detector.detect("王小明、李大伟参加了会议。") == []  # two items, no known name


def test_a_news_agency_reporter_is_found_without_a_separator(detector):
    """中央社记者赖言曦台北15日电: the name between 社记者 and the place."""
    names = {d.name for d in detector.detect("(中央社记者赖言曦台北15日电)总裁今天谈到景气。")}
    assert "赖言曦" in names


@pytest.mark.parametrize("sentence, expected", [
    ("董事会宣布,林振宇出任集团首席执行官,任期三年。", "林振宇"),
    ("去年底,韩立群接任公司董事长一职。", "韩立群"),
    ("该片由周文涛执导,预计暑期上映。", "周文涛"),
])
def test_appointment_and_credit_verbs_are_cues(detector, sentence, expected):
    """出任, 接任 and film credits (执导, 主演) after a name are cues like a speech verb."""
    assert expected in names(detector, sentence)


def test_a_list_whose_last_item_is_known_may_end_in_any_word(detector):
    """吴某、李某、刘某出演的…: the last name is followed by a verb, not 等/和; the list
    still counts once that name is found."""
    found = set(names(detector, "由周文涛执导,谢雨桐、高志远、韩立群出演的电影票房领先。"))
    assert {"周文涛", "谢雨桐", "高志远", "韩立群"} <= found
