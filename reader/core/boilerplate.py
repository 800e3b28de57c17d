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
    re.compile(r"^.*(版权所有|版權所有|Copyright|©|All rights reserved).*$", re.IGNORECASE),
    re.compile(r"^\s*(郑重声明|鄭重聲明|免责声明|免責聲明|版权声明|版權聲明)\s*[:：].*$"),
    re.compile(r"^\s*(Add a Comment|Leave a Reply|Leave a Comment|发表评论|發表評論|发表回复|我要评论)\s*$", re.IGNORECASE),
    re.compile(r"^.*(电子邮件地址不会被公开|電子郵件地址不會被公開|必填项已用|必填項已用).*$"),
    re.compile(r"^\s*(分享到|分享至|扫一扫|掃一掃|点击分享|返回顶部|返回頂部|上一篇|下一篇)\s*[:：]?.*$"),
    re.compile(r"^\s*(网站地图|網站地圖|技术支持|技術支持)\s*[:：|].*$"),
]
# At the tail only: a short line after the article's source credit is a link to another story.
_SOURCE_CREDIT = re.compile(r"^\s*(来源|來源|出处|出處|文章来源|文章來源)\s*[:：]")
_TAIL_LINK_MAX = 30


def is_chrome(line: str) -> bool:
    """Whether `line` is site chrome by itself."""
    return any(rule.search(line) for rule in _ANYWHERE)


def trim(text: str) -> str:
    """Remove chrome lines; drop short orphan link lines after a closing source credit;
    collapse the blank lines that removal leaves at the ends."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = [line for line in lines if not is_chrome(line)]
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
