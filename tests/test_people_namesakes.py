"""Directory names in unrelated text: honorific short forms need the full name beside them."""
from __future__ import annotations

import pytest

from reader.core.people.layer import People


@pytest.fixture
def people(services, tmp_path):
    """A directory of one founder with an honorific short form, and a strict namesake."""
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / "directory.toml").write_text('''
[[person]]
id = "lei-jun"
name = "雷军"
pinyin = "Léi Jūn"
role = "Founder, chairman and CEO of Xiaomi"
year = 2024
weak_aliases = ["雷总"]

[[person]]
id = "li-bin"
name = "李斌"
pinyin = "Lǐ Bīn"
role = "Founder of NIO"
year = 2024
strict = true
''', encoding="utf-8")
    return People(folder, tmp_path / "people_user.toml",
                  tokenizer=lambda: services.segmenter.tokenizer,
                  dictionary=lambda: services.dictionary)


def test_honorific_is_linked_only_when_the_full_name_is_in_the_text(people):
    """雷总 alone is nobody; in a text that also names 雷军 it is him."""
    people.use_detector = False
    assert people.mentions("雷总今天又在直播间里回答网友的提问。") == []
    text = "小米创始人雷军今天发布新车。发布会上，雷总回答了价格问题。"
    found = [(m.surface, m.person_id) for m in people.mentions(text)]
    assert ("雷军", "lei-jun") in found and ("雷总", "lei-jun") in found


def test_strict_namesake_needs_a_cue(people):
    """A strict entry's name in an unrelated sentence is not linked; beside a title it is."""
    people.use_detector = False
    assert people.mentions("村里的李斌昨天去镇上买了化肥和种子。") == []
    found = people.mentions("蔚来创始人李斌表示，新车将在下月交付。")
    assert [(m.surface, m.person_id) for m in found] == [("李斌", "li-bin")]


def test_year_is_read(people):
    """The new `year` field is kept with the role."""
    assert people.person("lei-jun").year == "2024"
