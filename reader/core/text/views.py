"""A document's script views: the original converted straight to each standard.

Simplified text goes through OpenCC's s2t/s2tw/s2hk, Traditional text through t2tw/t2hk
(its Traditional view is the text itself), so the variants an author wrote survive (擡頭
stays 擡頭). In Traditional or mixed text each character takes the path of its own script:
a character only Traditional writes comes from the original, any other from the converted
Simplified text, where OpenCC sees whole phrases (關系 → 關係, 觀念到 never 觀唸到). Characters the phrase conversion left
Simplified are then converted one by one (`scripts.fix_leftovers`: 公有云 → 公有雲).
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from reader.core.text.document import Document, ViewText
from reader.core.text.scripts import Script, View, convert, fix_leftovers

FROM_SIMPLIFIED = {View.TRADITIONAL: "s2t", View.TAIWAN: "s2tw", View.HONGKONG: "s2hk"}
FROM_TRADITIONAL = {View.TRADITIONAL: None, View.TAIWAN: "t2tw", View.HONGKONG: "t2hk"}


def build_view(document: Document, view: View,
               is_word: Callable[[str], bool] | None = None) -> ViewText:
    """Derive a view's text from the document (used lazily by `Document.view`).

    `is_word` (the segmenter's) checks a phrase inside a long token (see fix_leftovers).
    """
    if view is View.ORIGINAL:
        return ViewText(view, document.original)
    if view is View.SIMPLIFIED:
        return ViewText(view, document.simplified)
    converted = _convert(document.original, document.simplified, document.script, view)
    if len(converted) == len(document.original):
        return ViewText(view, fix_leftovers(converted, document.simplified,
                                            document.token_starts, FROM_SIMPLIFIED[view], is_word))
    return _per_token_view(document, view)


def _convert(original: str, simplified: str, script: Script, view: View,
             s_config: str | None = None) -> str:
    """`original` in the view's standard (not yet fixed for leftovers)."""
    s_config, t_config = s_config or FROM_SIMPLIFIED[view], FROM_TRADITIONAL[view]
    if script is Script.SIMPLIFIED:
        return convert(original, s_config)
    from_original = original if t_config is None else convert(original, t_config)
    from_simplified = convert(simplified, s_config)
    if not len(from_original) == len(from_simplified) == len(original):
        return convert(original, s_config)
    return "".join(t if o != s else c for o, s, t, c in
                   zip(original, simplified, from_original, from_simplified, strict=True))


def _convert_paragraph(document: Document, p0: int, p1: int, view: View,
                       s_config: str | None) -> str:
    para = _convert(document.original[p0:p1], document.simplified[p0:p1], document.script, view,
                    s_config)
    if len(para) != p1 - p0:
        return para
    starts = document.token_starts
    first, last = bisect_left(starts, p0), bisect_right(starts, p1)
    local = [s - p0 for s in starts[first:last]]
    return fix_leftovers(para, document.simplified[p0:p1], local,
                         s_config or FROM_SIMPLIFIED[view])


def _per_token_view(document: Document, view: View, s_config: str | None = None) -> ViewText:
    """A length-changing conversion: convert paragraph-wise, token-wise where lengths differ.

    `s_config` replaces the view's own config for Simplified text (e.g. the phrase-level s2twp).
    """
    base = document.original
    converted: dict[int, str] = {}
    pieces: list[str] = []
    starts = array("l")
    pos = 0
    for index in range(len(document)):
        s, e = document.span(index)
        p = document.paragraph_index_at(s)
        p0, p1 = document.paragraphs[p]
        if p0 <= s < p1:
            para = converted.get(p)
            if para is None:
                para = converted[p] = _convert_paragraph(document, p0, p1, view, s_config)
            piece = (para[s - p0 : e - p0] if len(para) == p1 - p0
                     else _convert(base[s:e], document.simplified[s:e], document.script, view,
                                   s_config))
        else:
            piece = base[s:e]  # the newline between paragraphs
        starts.append(pos)
        pieces.append(piece)
        pos += len(piece)
    starts.append(pos)
    return ViewText(view, "".join(pieces), starts)
