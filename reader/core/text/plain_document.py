"""A provisional Document built in milliseconds: the text and its views, not yet segmented.

The window shows this while the engines load and the real annotation runs, so an article
is on screen at once. Each paragraph is one non-word token without pinyin (nothing to
hover); the annotated `Document` replaces it as soon as it is ready.
"""
from __future__ import annotations

from array import array

from reader.core.text.document import Document, Kind
from reader.core.text.pipeline import build_view, paragraph_spans
from reader.core.text.scripts import Script, convert_keep_length, detect_script


def plain_document(text: str, script: Script | None = None) -> Document:
    """The text laid out as paragraphs, with every script view, but no words or pinyin."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    script = script or detect_script(text)
    simplified = convert_keep_length(text, "t2s")
    paragraphs = paragraph_spans(simplified)
    starts = array("l")
    for p0, p1 in paragraphs:
        if p1 > p0:
            starts.append(p0)
        if p1 < len(simplified):
            starts.append(p1)  # the newline
    count = len(starts)
    starts.append(len(simplified))
    kinds = bytes(
        Kind.SPACE if simplified[starts[i]:starts[i + 1]] == "\n" else Kind.PUNCTUATION
        for i in range(count)
    )
    return Document(
        original=text,
        script=script,
        simplified=simplified,
        starts=starts,
        kinds=kinds,
        pinyin=[""] * count,
        paragraphs=paragraphs,
        view_builder=build_view,
    )
