"""More ways news names people without a speech verb or title: name lists and credits in
parentheses (21视频(王博), (记者、倪雨晴)), and transliterated foreign names (丹·胡奇逊,
雷蒙多).

The name detector (`reader.core.people.detect`) asks these for candidates and cues; its filters
against common words, organisations and places still apply to Chinese-shaped names.
Foreign names are judged here: every character must be one used to transliterate, the run
must not be a dictionary word, and a mention must have a cue (title, verb) or repeat.
"""
from __future__ import annotations

import re
from dataclasses import replace

# Characters Chinese uses to write foreign names (general transliteration tables).
TRANSLIT = frozenset(
    "阿埃艾安昂奥巴班邦保鲍贝本比彼宾波伯博布查达戴丹道德登迪蒂丁东杜多厄恩尔法范菲费芬"
    "弗福富盖甘戈格根古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库拉莱赖兰朗劳勒雷"
    "蕾里理丽利莉连林琳留卢鲁路伦罗洛吕马玛迈麦曼梅门蒙米敏摩莫姆穆纳娜奈南内尼涅宁纽努"
    "诺欧帕潘庞佩彭皮珀普奇齐恰乔切钦琼丘萨塞桑瑟森沙莎尚舍圣施史斯松苏索塔泰坦汤特提"
    "图托瓦万威韦维温沃乌伍西希席夏谢辛休雅亚扬耶伊因英尤于约泽扎詹兹佐茨逊丝琪蓓黛妮歇"
)
# Endings that Chinese given names rarely have but transliterations often do (雷蒙多).
FOREIGN_FINAL = frozenset("多斯尔特克德逊森顿夫基尼娜莎丝姆普兹茨")
_DOT = "·•‧・"
_FOREIGN_DOTTED = re.compile(f"[{''.join(sorted(TRANSLIT))}]{{1,5}}(?:[{_DOT}]"
                             f"[{''.join(sorted(TRANSLIT))}]{{1,6}})+")
_PAREN = re.compile(r"[（(]([^（）()\n]{2,40})[)）]")
_LIST_SPLIT = re.compile(r"[、,，;；:：\s]+")


def foreign_run(text: str, start: int) -> str:
    """A transliterated name of 3-4 characters starting at `start` (雷蒙多), or ''."""
    run = ""
    for ch in text[start:start + 4]:
        if ch not in TRANSLIT:
            break
        run += ch
    for size in (4, 3):
        if len(run) >= size and run[size - 1] in FOREIGN_FINAL:
            return run[:size]
    return ""


def dotted_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of every dotted transliteration (丹·胡奇逊, 史蒂夫·乔布斯)."""
    return [(m.start(), m.end()) for m in _FOREIGN_DOTTED.finditer(text)]


def parenthesised_names(text: str, shaped) -> set[str]:
    """Name-shaped items written alone, or in a 、-list, inside parentheses: credits such
    as 21视频(王博) or (ID:jjbd21、倪雨晴). `shaped(item)` says whether an item looks like
    a Chinese name."""
    found = set()
    for match in _PAREN.finditer(text):
        for item in _LIST_SPLIT.split(match.group(1)):
            if shaped(item):
                found.add(item)
    return found


def drop_nested(names: list) -> list:
    """郭浩 inside 郭浩哲: keep only names with mentions not covered by a longer name."""
    names.sort(key=lambda d: -len(d.name))
    taken: list[tuple[int, int]] = []
    kept: list = []
    for detected in names:
        free = tuple(m for m in detected.mentions
                     if all(m[1] <= s or m[0] >= e for s, e in taken))
        if free:
            kept.append(replace(detected, mentions=free))
            taken.extend(free)
    kept.sort(key=lambda d: d.mentions[0][0])
    return kept
