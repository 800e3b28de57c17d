"""Rules that trim site chrome from scraped articles: breadcrumbs, link lists, comment forms,
copyright and reposting disclaimers. Used by the importer and to prepare the corpus.

Only whole lines are removed, and only at the head or tail of the text (or a line that is
unmistakably chrome anywhere); the article itself is never edited.
"""
from __future__ import annotations

import re

# Lines that are chrome wherever they appear.
_ANYWHERE = [
    re.compile(r"^\s*(您的位置|你的位置|当前位置|當前位置|您现在的位置)\s*[:：]?.*(首页|首頁|>|＞|»)"),
    re.compile(r"^\s*首[页頁]\s*[>＞»].*$"),
    re.compile(r"^\s*(相关文章|相關文章|相关阅读|相關閱讀|热门推荐|熱門推薦|猜你喜欢|猜你喜歡|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀)\s*[:：]?\s*$"),
    re.compile(r"^\s*[•·]?\s*(友情链接|友情鏈接)\s*[:：]?.*$"),
    re.compile(r"(版权所有|版權所有|Copyright|©|All rights reserved)", re.IGNORECASE),
    re.compile(r"^\s*(郑重声明|鄭重聲明|免责声明|免責聲明|版权声明|版權聲明)\s*[:：].*$"),
    re.compile(r"^\s*(Add a Comment|Leave a Reply|Leave a Comment|发表评论|發表評論|发表回复|我要评论)\s*$", re.IGNORECASE),
    re.compile(r"(电子邮件地址不会被公开|電子郵件地址不會被公開|必填项已用|必填項已用)"),
    re.compile(r"^\s*(分享到|分享至|扫一扫|掃一掃|点击分享|返回顶部|返回頂部|上一篇|下一篇)\s*[:：]?.*$"),
    re.compile(r"^\s*(网站地图|網站地圖|技术支持|技術支持)\s*[:：|].*$"),
    re.compile(r"^\s*(首页|首頁|Home)\s*$", re.IGNORECASE),
    re.compile(r"(未经授权|未經授權|未经许可|未經許可|禁止|严禁|嚴禁).{0,12}(转载|轉載)"),
    re.compile(r"(转载请注明|轉載請註明|转载请联系|轉載請聯繫)"),
    re.compile(r"^\s*(字号|字號|字体|字體)\s*[:：]?\s*[大中小 \t\u3000]+$"),
    # A line made only of page actions: 打印 | 收藏 | 举报 ...
    re.compile(r"^\s*((打印|收藏|举报|舉報|分享|评论|評論|点赞|點讚|纠错|糾錯|关闭|關閉|复制链接|複製鏈接"
               r"|在看|转发|轉發|微信|微博|QQ空间|QQ空間)\s*[|｜/·:：]?\s*)+$"),
    re.compile(r"^\s*(评论|評論|网友评论|網友評論)\s*[(（]\s*\d+\s*[)）]\s*$"),
    re.compile(r"^\s*(我来说两句|我來說兩句|已有\s*\d+\s*人(评论|評論|参与|參與)|登录后(发表评论|评论)).*$"),
    re.compile(r"^\s*(点击|點擊)?(阅读原文|閱讀原文)\s*[>＞»]*\s*$"),
    re.compile(r"^\s*(Share this( article| story)?|Share on (Facebook|Twitter|X|LinkedIn)|Tweet"
               r"|Related (articles|stories|posts)|Read more|Advertisement|Subscribe to our newsletter)"
               r"\s*[:：]?\s*$", re.IGNORECASE),
]
# Chrome only when the line is short (a long line saying the same is article text).
_SHORT_ONLY = [
    re.compile(r"(扫描|掃描|扫一扫|掃一掃|长按|長按|识别|識別).{0,8}(二维码|二維碼)"),
    re.compile(r"^\s*(关注我们|關注我們|关注公众号|關注公眾號|欢迎关注|歡迎關注)"),
    re.compile(r"(点击|點擊).{0,6}(分享|关注|關注)"),
]
_SHORT_MAX = 40


def _combined(rules: list[re.Pattern]) -> re.Pattern:
    return re.compile("|".join(
        f"(?i:{rule.pattern})" if rule.flags & re.IGNORECASE else f"(?:{rule.pattern})"
        for rule in rules))


# One call per line instead of one per rule: the rules anchored at the line start are
# tried there only; the others (keyword searches) only on lines holding one of their
# first characters. A 20 MB text is trimmed in well under a second this way.
_ANCHORED = _combined([rule for rule in _ANYWHERE if rule.pattern.startswith("^")])
_FLOATING = _combined([rule for rule in _ANYWHERE if not rule.pattern.startswith("^")])
# Every floating rule needs one of these substrings, found in the whole text with str.find.
_FLOATING_KEYS = ("版权", "版權", "Copyright", "copyright", "COPYRIGHT", "©", "All rights",
                  "all rights", "ALL RIGHTS", "电子邮件", "電子郵件", "必填", "转载", "轉載")
# At the tail only: a short line after the article's source credit is a link to another story.
_SOURCE_CREDIT = re.compile(r"^\s*(来源|來源|出处|出處|文章来源|文章來源)\s*[:：]")
_TAIL_LINK_MAX = 30


def is_chrome(line: str) -> bool:
    """Whether `line` is site chrome by itself."""
    return _line_is_chrome(line)


def _line_is_chrome(line: str) -> bool:
    return bool(_ANCHORED.match(line) or _FLOATING.search(line) or _short_chrome(line))


def _floating_candidates(text: str) -> set[int]:
    """Start offsets of the lines holding a floating rule's keyword."""
    starts = set()
    for key in _FLOATING_KEYS:
        at = text.find(key)
        while at >= 0:
            starts.add(text.rfind("\n", 0, at) + 1)
            at = text.find(key, at + len(key))
    return starts


def _short_chrome(line: str) -> bool:
    return len(line) <= _SHORT_MAX * 2 and len(line.strip()) <= _SHORT_MAX and any(
        rule.search(line) for rule in _SHORT_ONLY)


def _chrome_flags(text: str) -> list[bool]:
    """For each line of `text`, whether it is chrome (fast on 20 MB texts)."""
    candidates = _floating_candidates(text)
    flags = []
    offset = 0
    for line in text.split("\n"):
        flags.append(bool(
            _ANCHORED.match(line)
            or (offset in candidates and _FLOATING.search(line))
            or (len(line) <= _SHORT_MAX * 2 and _short_chrome(line))))
        offset += len(line) + 1
    return flags


def trim(text: str) -> str:
    """Remove chrome lines; drop short orphan link lines after a closing source credit;
    collapse the blank lines that removal leaves at the ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    flags = _chrome_flags(text)
    kept = [line for line, chrome in zip(text.split("\n"), flags, strict=True) if not chrome]
    # Orphan headlines after "来源:..." at the end are links to other stories.
    for k in range(len(kept) - 1, -1, -1):
        if _SOURCE_CREDIT.match(kept[k]):
            tail = [line for line in kept[k + 1 :] if line.strip()]
            if tail and all(len(line.strip()) <= _TAIL_LINK_MAX for line in tail):
                kept = kept[: k + 1]
            break
    # A headline repeated as the next non-empty line (page title, then article title).
    non_empty = [i for i, line in enumerate(kept) if line.strip()]
    if len(non_empty) >= 2:
        first, second = non_empty[0], non_empty[1]
        if kept[first].strip() == kept[second].strip():
            del kept[first : second]
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept) + "\n"
