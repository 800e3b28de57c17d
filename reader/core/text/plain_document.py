"""A provisional Document built in milliseconds: the text and its views, not yet segmented.

The window shows this while the engines load and the real annotation runs, so an article
is on screen at once. Each character is one non-word token without pinyin (nothing to
hover), so no token is long: the layout never measures a paragraph-long token for each
line (which made a 100k-character paragraph take 10 s), and lines break where Qt breaks
them. The annotated `Document` replaces it as soon as it is ready.
"""
from __future__ import annotations

from array import array
from functools import partial

from reader.core.text.document import Document, Kind, paragraph_spans
from reader.core.text.scripts import Script, convert_keep_length, detect_script
from reader.core.text.views import build_view


def plain_document(text: str, script: Script | None = None,
                   convert_later: bool = False) -> Document:
    """The text laid out as paragraphs, with every script view, but no words or pinyin.

    With `convert_later`, its Simplified text is converted when first read rather than
    now: the window's first article, shown in its original script, then paints without
    loading OpenCC's tables (~10 ms); the window reads it on a worker right after.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    script = script or detect_script(text)
    paragraphs = paragraph_spans(text)  # the Simplified text's: conversion keeps lengths
    starts = array("l", range(len(text) + 1))
    kinds = bytearray([Kind.PUNCTUATION]) * len(text)
    for _, p1 in paragraphs[:-1]:
        kinds[p1] = Kind.SPACE  # the newline
    count = len(kinds)
    kinds = bytes(kinds)
    simplify = partial(convert_keep_length, text, "t2s")
    return Document(
        original=text,
        script=script,
        simplified=simplify if convert_later else simplify(),
        starts=starts,
        kinds=kinds,
        pinyin=[""] * count,
        paragraphs=paragraphs,
        view_builder=build_view,
    )
