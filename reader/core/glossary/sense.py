"""Which glossary matches are jargon in this text: boundary and business-context rules.

A raw match of the glossary's automaton is only a candidate:

* **boundaries** — a Han match whose first or last character belongs to a longer word the
  segmenter's dictionary knows is something else (东华 in 东华大学, 基因 in 基因突变): it is
  dropped, and since only kept matches become protected spans, the text is segmented as if
  the glossary had never seen it. Latin terms are exempt (their own boundary rules apply).
  Not dropped: a magnitude before the term (亿港元); and a longer word that only jieba
  lists, not CC-CEDICT (季财报), makes the match "weaker" (it needs context) instead.
* **context** — business writing is recognised by cue words (公司, 用户, 融资...): a
  document with at least `BUSINESS_DOC_CUES` per 1,000 characters is business writing
  throughout; elsewhere each paragraph is judged by its cue words and its other glossary
  matches. Latin terms are always marked. Han terms are marked in a business document, and
  elsewhere with one other signal in their paragraph. "Weaker" Han matches need one signal
  more: entries marked `ordinary = true` (场景, 矩阵, 生态, 甲骨文), words CC-CEDICT already
  has (芯片, 百度: it explains them), and two-character matches cut by a commoner word.
  An ordinary-word match left unmarked is "ordinary": not marked, not protected; the
  popup shows the dictionary sense first and the business sense below it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core.glossary.match import Hit

# General words of business and tech writing (not from any one article). A paragraph with
# two of them (or one, in a jargon-dense document) reads as business or tech writing.
BUSINESS_CUES = (
    "公司 企业 集团 市场 用户 客户 平台 业务 行业 商业 投资 融资 营收 利润 亏损 营业额 "
    "亿元 万元 美元 港元 上市 股价 股东 市值 估值 电商 互联网 数字化 创业 品牌 零售 消费者 "
    "商家 运营 战略 季度 财报 总裁 董事长 创始人 首席 高管 员工 团队 销售 营销 广告 服务商 "
    "供应链 物流 门店 渠道 商业模式 竞争对手 份额 合作伙伴 转型 管理层 投资人 资本 订单 毛利 "
    "净利润 增速 同比 环比 App APP CEO CTO CFO IPO 腾讯 阿里 阿里巴巴 京东 美团 拼多多 "
    "字节跳动 百度 华为 小米 网易 滴滴 快手 抖音 微信 淘宝 天猫 支付宝 网店 直播 主播 带货 "
    "下单 开发者 程序员 产品经理 创业者 投资者 资本市场 商户 流量 用户数 付费"
).split()
_CUES = re.compile("|".join(re.escape(c) for c in sorted(set(BUSINESS_CUES), key=len,
                                                          reverse=True)))
# Words jieba may join to a term that keep its sense (甲骨文公司, 微信群, 生态化).
GENERIC_SUFFIXES = frozenset(
    "公司 集团 股份 控股 科技 平台 群 号 码 版 网 端 店 圈 用户 业务 市场 模式 产品 服务 系统 "
    "化 建设 体系 伙伴 链 战略 布局 能力 企业".split())
_HAN = re.compile("[\u3400-\u9fff]")
_MAGNITUDES = re.compile("[十百千万亿兆]+")
_HAN_TAIL = re.compile("[\u3400-\u9fff]*$")
_HAN_HEAD = re.compile("[\u3400-\u9fff]*")
BUSINESS_DOC_CUES = 6.0    # cue words per 1,000 characters of a business document
MIN_DOC = 200              # ... counted over at least this many characters
# Signals (cue words, other terms) a paragraph needs for a Han match of level 1 (plain) or
# 2 (everyday word, CC-CEDICT word, cut by a commoner word), in business writing or not.
BUSINESS_BAR = {1: 0.0, 2: 1.0}
GENERAL_BAR = {1: 5.0, 2: 6.0}
WINDOW = 4                 # characters either side the boundary check segments
MAX_WORD = 6               # the longest dictionary word the boundary check looks for


@dataclass
class Judged:
    """Matches split by the rules: jargon here (marked), everyday words here, dropped."""

    marked: list[Hit] = field(default_factory=list)
    ordinary: list[Hit] = field(default_factory=list)
    dropped: list[Hit] = field(default_factory=list)


class SenseRules:
    """Applies the rules (see the module docstring) to a glossary's raw matches.

    `entry` maps an entry id to its entry (`.ordinary`); `tokenizer` returns the jieba
    tokenizer (None: no boundary rule).
    """

    def __init__(self, entry: Callable[[str], object | None],
                 tokenizer: Callable[[], object] | None = None,
                 dictionary: Callable[[], object] | None = None) -> None:
        self._entry = entry
        self._tokenizer = tokenizer
        self._dictionary = dictionary
        self._known: dict[str, bool] = {}

    def judge(self, text: str, hits: list[Hit]) -> Judged:
        out = Judged()
        kept, level = [], []
        tokenizer = self._tokenizer() if self._tokenizer is not None and hits else None
        for hit in hits:
            where = self.boundary(text, hit.start, hit.end, tokenizer)
            if where == "inside":
                out.dropped.append(hit)
                continue
            kept.append(hit)
            if not _HAN.search(text, hit.start, hit.end):
                level.append(0)  # Latin terms: their own boundary rules suffice
            elif where == "across" or self._ordinary(hit) or self._in_dictionary(
                    text[hit.start:hit.end]):
                level.append(2)
            else:
                level.append(1)
        if not any(level):
            out.marked = kept
            return out
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        scores = [0.0] * len(line_starts)
        cue_at: list[int] = []
        for match in _CUES.finditer(text):
            scores[bisect_right(line_starts, match.start()) - 1] += 1
            cue_at.append(match.start())
        cues = len(cue_at)
        paragraph = [bisect_right(line_starts, hit.start) - 1 for hit in kept]
        signal_sum: dict[int, float] = {}
        entry_sum: dict[tuple[int, str], float] = {}
        for k, hit in enumerate(kept):
            weight = 0.5 if level[k] == 2 else 1.0
            signal_sum[paragraph[k]] = signal_sum.get(paragraph[k], 0.0) + weight
            key = (paragraph[k], hit.entry_id)
            entry_sum[key] = entry_sum.get(key, 0.0) + weight
        business = cues * 1000 >= BUSINESS_DOC_CUES * max(len(text), MIN_DOC)
        for i, hit in enumerate(kept):
            if level[i] == 0 or (business and level[i] == 1):
                out.marked.append(hit)
                continue
            p = paragraph[i]
            own = bisect_right(cue_at, hit.end - 1) - bisect_right(cue_at, hit.start - 1)
            score = (scores[p] - own + signal_sum[p] - entry_sum[(p, hit.entry_id)])
            if business:  # headings and short quotes: the paragraphs around count at half
                score += 0.5 * (sum(scores[max(0, p - 2):p + 3]) - scores[p])
            if score >= (BUSINESS_BAR if business else GENERAL_BAR)[level[i]]:
                out.marked.append(hit)
            elif level[i] == 2 and self._ordinary(hit):
                out.ordinary.append(hit)
            else:
                out.dropped.append(hit)
        return out

    def _in_dictionary(self, word: str) -> bool:
        """Whether CC-CEDICT has the word: it explains it already, so outside business
        writing the glossary waits for stronger evidence (芯片, 算法, 百度)."""
        known = self._known.get(word)
        if known is None:
            dictionary = self._dictionary() if self._dictionary is not None else None
            known = bool(dictionary.lookup(word)) if dictionary is not None else False
            if len(self._known) > 20_000:
                self._known.clear()
            self._known[word] = known
        return known

    def _ordinary(self, hit: Hit) -> bool:
        entry = self._entry(hit.entry_id)
        return bool(getattr(entry, "ordinary", False))

    def boundary(self, text: str, start: int, end: int, tokenizer=None) -> str | None:
        """"inside" when a Han match lies inside a longer dictionary word (东华 in 东华大学;
        not the term plus a generic suffix: 甲骨文公司, 生态建设); "across" when a
        two-character match is cut by a commoner word crossing one of its ends (营收 in
        国营收购: jieba's guess on a short window, so it only needs business context,
        like an ordinary word); else None. Longer matches are never "across": a crossing
        word there is mostly jieba's guess (池里 after 私域流量池)."""
        if tokenizer is None:
            if self._tokenizer is None:
                return None
            tokenizer = self._tokenizer()
        if not _HAN.match(text, start) or not _HAN.match(text, end - 1):
            return None
        w0 = start - len(_HAN_TAIL.search(text, max(0, start - WINDOW), start).group(0))
        w1 = end + len(_HAN_HEAD.match(text, end, end + WINDOW).group(0))
        if w0 == start and w1 == end:
            return None
        freq = tokenizer.FREQ
        own = freq.get(text[start:end]) or 0
        if not self._could_cut(text, start, end, w0, w1, freq, own):
            return None  # no dictionary word could cut it: skip segmenting (most matches)
        pos = w0
        for piece in tokenizer.lcut(text[w0:w1], HMM=False):
            p0, pos = pos, pos + len(piece)
            if p0 <= start and end <= pos and pos - p0 > end - start:  # a longer word
                if p0 == start and text[end:pos] in GENERIC_SUFFIXES:
                    return None
                if pos == end and _MAGNITUDES.fullmatch(text, p0, start):
                    return None  # 亿港元, 万美元: a magnitude before a currency or unit
                if not self._in_dictionary(piece):
                    return "across"  # 季财报: a compound only jieba lists; needs context
                return "inside"
            if end - start == 2 and len(piece) >= 2 and (p0 < start < pos or p0 < end < pos) \
                    and (tokenizer.FREQ.get(piece) or 0) > own:
                return "across"  # 营收 in 国营|收购, 飞书 in 腾飞|书院
        return None

    @staticmethod
    def _could_cut(text: str, start: int, end: int, w0: int, w1: int, freq, own: int) -> bool:
        """Whether a dictionary word (of at most `MAX_WORD` characters) in the window
        contains the match, or (for two characters) crosses one of its ends with a higher
        frequency: only then is the window segmented."""
        get = getattr(freq, "word_freq", freq.get)  # word_freq: misses answered fast
        for a in range(max(w0, end - MAX_WORD), start + 1):  # words containing the match
            for b in range(end, min(w1, a + MAX_WORD) + 1):
                if (a != start or b != end) and get(text[a:b]):
                    return True
        if end - start == 2:
            middle = start + 1
            for a in range(max(w0, middle - MAX_WORD), start):  # words ending inside it
                if (get(text[a:middle]) or 0) > own:
                    return True
            for b in range(end + 1, min(w1, middle + MAX_WORD) + 1):  # words starting inside
                if (get(text[middle:b]) or 0) > own:
                    return True
        return False
