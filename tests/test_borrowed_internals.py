"""Guards on third-party internals we rely on: g2pM's weights (re-packed by us) and
deep-translator's module layout. Each fails with a message saying what changed."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT

CPP_DEV = ROOT.parent / "shared" / "bench" / "cpp" / "dev.sent"
MARK = "\u2581"


def _cpp_sample(count: int) -> list[tuple[str, int]]:
    """(sentence, position of the marked character) for `count` CPP dev sentences."""
    out = []
    for line in CPP_DEV.read_text(encoding="utf-8").splitlines()[:count]:
        before, _, rest = line.partition(MARK)
        char, _, after = rest.partition(MARK)
        out.append((before + char + after, len(before)))
    return out


@pytest.mark.slow
@pytest.mark.skipif(not CPP_DEV.exists(), reason="needs ../shared/bench/cpp (CI has it)")
def test_our_batched_g2pm_inference_equals_g2pm_on_200_cpp_sentences(engines):
    """Our float32, batched, fused bi-LSTM picks the same reading as g2pM's own model."""
    from g2pM import G2pM

    from reader.core.text.pinyin import PolyphoneTagger
    from reader.core.text.pinyin_data import PinyinData

    reference = G2pM()
    ours = PolyphoneTagger(PinyinData.load(engines["pinyin"]._cache_dir))
    differ = []
    for sentence, position in _cpp_sample(200):
        theirs = reference(sentence, char_split=True, tone=True)[position]
        mine = ours.read(sentence, [position], [(0, len(sentence))])[0]
        if mine.replace("ü", "u:") != theirs.replace("ü", "u:"):
            differ.append((sentence, sentence[position], mine, theirs))
    assert not differ, f"our g2pM inference differs from g2pM's on {len(differ)}: {differ[:5]}"


def test_deep_translator_still_has_the_module_layout_we_patch():
    """reader.core.translate.engines swaps deep-translator's module-level `requests` and sets
    `_base_url`; if either goes away, the translation transport would silently bypass us."""
    import importlib

    from deep_translator import GoogleTranslator, MyMemoryTranslator

    from reader.core.translate.transport import ENGINE_MODULES

    for name in ENGINE_MODULES:
        assert hasattr(importlib.import_module(name), "requests"), (
            f"{name} no longer uses a module-level `requests`: the timeout router in "
            "reader/core/translate/transport.py would not see its calls")
    for engine in (GoogleTranslator(source="zh-CN", target="en"),
                   MyMemoryTranslator(source="zh-CN", target="en-GB")):
        assert "_base_url" in vars(engine), (
            f"{type(engine).__name__} has no `_base_url` any more: the endpoint override in "
            "reader/core/translate/translator.py would not apply")
