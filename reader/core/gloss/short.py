"""Short interlinear glosses: function words, the frequent-word table, trimming senses."""
from __future__ import annotations

import re
from functools import cache

from reader.core.paths import assets_dir
from reader.core.text.pinyin_marks import HAN_RANGES

MAX_CHARS = 24

# Function words: a context-free gloss that fits an interlinear line.
FUNCTION_WORDS = {
    "的": "'s/of", "了": "(done)", "着": "(-ing)", "过": "(ever)", "地": "-ly", "得": "(so as)",
    "在": "at/in", "被": "by (passive)", "把": "(object)", "是": "is", "和": "and",
    "与": "and", "及": "and", "也": "also", "都": "all", "就": "then", "还": "still",
    "又": "again", "而": "and/but", "但": "but", "从": "from", "向": "towards", "对": "to/for",
    "为": "for", "以": "with/by", "将": "will", "已": "already", "会": "will/can",
    "让": "let", "使": "make", "于": "at/in", "之": "of", "其": "its", "这": "this",
    "那": "that", "等": "etc.", "个": "(measure)", "中": "in", "上": "on", "下": "under",
    "年": "year", "月": "month", "日": "day", "号": "day (date)", "吗": "(?)", "呢": "(?)",
    "吧": "(suggestion)", "啊": "(ah)", "不": "not", "没": "not", "很": "very", "更": "more",
    "最": "most", "并": "and", "或": "or", "所": "(that which)", "给": "give/to",
    "第": "(ordinal)",
}

_PARENS = re.compile(r"\s*[(\[（][^()\[\]（）]*[)\]）]")
_ABBR = re.compile(r"^(?:abbr\.|lit\.|fig\.|old)\s+(?:for|to)?\s*", re.IGNORECASE)
_COMPANY = re.compile(r"(?<=\w),?\s+(?:(?:Group\s+)?Holdings?\s+)?"
                      r"(?:Limited|Ltd|Inc|Corporation|Corp|Co\.?,? Ltd)\.?$")
NOT_A_SENSE = ("CL:", "variant of", "old variant", "see ", "surname ", "also written")
COUNTERS = set("一二三四五六七八九十两几每这那哪某半多")
HAN = re.compile(f"^[{HAN_RANGES}]+$")


@cache
def common_glosses() -> dict[str, list[tuple[str, str]]]:
    """word → [(reading in tone numbers, or '' for any; gloss)] from gloss_common.tsv."""
    table: dict[str, list[tuple[str, str]]] = {}
    path = assets_dir() / "gloss_common.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, reading, gloss = (line.split("\t") + ["", ""])[:3]
        if word and gloss:
            table.setdefault(word, []).append((reading.strip(), gloss.strip()))
    return table


def common_gloss(word: str, pinyin_numbers: str = "") -> str:
    """The table's gloss of `word` as read (`pinyin_numbers`), or ''."""
    found = common_glosses().get(word)
    if not found:
        return ""
    wanted = "".join(pinyin_numbers.split()).lower()
    for reading, gloss in found:
        if reading and wanted and reading.lower() == wanted:
            return gloss
    for reading, gloss in found:
        if not reading or not wanted:
            return gloss
    return ""


def shorten(sense: str, limit: int = MAX_CHARS) -> str:
    """A dictionary sense cut to an interlinear gloss: no remarks, one alternative, short."""
    text = _ABBR.sub("", sense.strip())
    plain = _PARENS.sub("", text).strip()
    if not plain:  # the sense is all remark: '(completed action marker)'
        plain = text.strip("()（）[] ")
    plain = re.split(r"\s*[;；:：]\s+|\s*[;；]\s*|\s+[—–]\s+", plain)[0].strip(" ,.")
    plain = _COMPANY.sub("", plain) or plain
    if len(plain) > limit:
        head = re.split(r",\s*", plain)[0]
        plain = head if len(head) <= limit else plain
    if len(plain) > limit:
        cut = plain[:limit].rsplit(" ", 1)[0] if " " in plain[:limit] else plain[:limit - 1]
        plain = cut.rstrip(" ,;") + "…"
    return plain


def term_gloss(expansion: str, explanation: str) -> str:
    """A glossary entry's short gloss: its expansion, else the phrase its explanation
    quotes or opens with ("The 'industrial internet' in…" → "industrial internet")."""
    if expansion.strip():
        return expansion.strip()
    first = re.split(r"(?<=[.!?])\s", explanation.strip(), maxsplit=1)[0]
    quoted = re.search(r"(?:^|\s)['‘\"“]([^'’\"”]{3,40})['’\"”]", first)
    if quoted:
        return quoted.group(1)
    head = re.split(r"[:;,(—]", first, maxsplit=1)[0].strip()
    return re.sub(r"^(?:A|An)\s+(?=\w)", "", head)  # 'A reorganisation' → 'reorganisation'


def pinyin_name(pinyin_numbers: str) -> str:
    """'tang1 dao4 sheng1' → 'Tang Daosheng' (surname first, given name joined)."""
    syllables = [re.sub(r"[0-9]", "", s) for s in pinyin_numbers.split()]
    syllables = [s for s in syllables if s]
    if not syllables:
        return ""
    surname, given = syllables[0], "".join(syllables[1:])
    return " ".join(p.capitalize() for p in (surname, given) if p)
