"""The people directory: the bundled file loads cleanly; malformed entries are reported and skipped."""
from __future__ import annotations

from reader.core import paths
from reader.core.people.directory import load_directory, load_directory_folder

BUNDLED = paths.assets_dir() / "people"


def test_bundled_directory_loads_every_person_without_problems():
    """assets/people/ holds (at least) the 38 people of the corpus, each with both scripts,
    pinyin, role and context; the corpus file's garbles merge into the general entries."""
    loaded = load_directory_folder(BUNDLED)
    assert loaded.problems == []
    assert len(loaded.people) >= 38
    by_name = {p.name: p for p in loaded.people}
    assert by_name["汤道生"].english == "Dowson Tong"
    assert by_name["马化腾"].english == "Pony Ma"
    assert by_name["张小龙"].english == "Allen Zhang"
    assert by_name["刘炽平"].english == "Martin Lau"
    assert by_name["马云"].english == "Jack Ma"
    for person in loaded.people:
        assert person.traditional and person.pinyin and person.role and person.context, person.id


def test_garbled_aliases_of_the_machine_translated_article_are_listed():
    """002's garbled forms point at the right people (strong or weak aliases)."""
    by_name = {p.name: p for p in load_directory_folder(BUNDLED).people}
    expected = {
        "汤道生": {"唐道生", "道森", "唐骏", "Dowson Tong"},
        "马化腾": {"马花藤", "花藤", "Pony"},
        "钟翔平": {"钟湘平", "钟祥平"},
        "林璟骅": {"林继华", "林华英"},
        "张喜安": {"张蔡铣"},
        "白宇": {"白羽", "怀特", "White"},
    }
    for name, aliases in expected.items():
        assert aliases <= set(by_name[name].aliases + by_name[name].weak_aliases), name


def test_malformed_entries_are_reported_with_file_and_line_and_skipped(tmp_path):
    """Bad TOML, a missing name, a wrong type and a duplicate id each skip one entry only."""
    path = tmp_path / "people.toml"
    path.write_text(
        "# header\n"
        "[[person]]\n"           # line 2: fine
        'id = "good-one"\n'
        'name = "王小明"\n'
        "\n"
        "[[person]]\n"           # line 6: broken TOML
        'id = "broken"\n'
        'name = "李四\n'
        "\n"
        "[[person]]\n"           # line 10: no name
        'id = "nameless"\n'
        "\n"
        "[[person]]\n"           # line 13: aliases not a list
        'id = "bad-aliases"\n'
        'name = "张三"\n'
        'aliases = "张老三"\n'
        "\n"
        "[[person]]\n"           # line 18: duplicate id
        'id = "good-one"\n'
        'name = "赵六"\n'
        "\n"
        "[[person]]\n"           # line 22: fine, written in Traditional
        'id = "trad"\n'
        'name = "陳大文"\n'
        'aliases = ["陳生"]\n',
        encoding="utf-8")
    loaded = load_directory(path)
    assert [p.id for p in loaded.people] == ["good-one", "trad"]
    assert len(loaded.problems) == 4
    lines = [problem.split(": entry skipped")[0] for problem in loaded.problems]
    assert lines == [f"{path}:{n}" for n in (6, 10, 13, 18)]
    assert "line 8" in loaded.problems[0]  # the parser's own line, made absolute
    assert "'name'" in loaded.problems[1]
    assert "'aliases'" in loaded.problems[2]
    assert "already used at people.toml:2" in loaded.problems[3]
    trad = loaded.people[1]
    assert trad.name == "陈大文" and trad.aliases == ("陈生",)
    assert trad.name_in(traditional=True) == "陳大文"


def test_unknown_fields_and_bad_ids_are_rejected(tmp_path):
    """A typo in a field name or an id with spaces is reported rather than silently ignored."""
    path = tmp_path / "people.toml"
    path.write_text('[[person]]\nid = "a"\nname = "王小明"\nenglsh = "x"\n'
                    '[[person]]\nid = "Has Space"\nname = "李四"\n', encoding="utf-8")
    loaded = load_directory(path)
    assert loaded.people == []
    assert "unknown field 'englsh'" in loaded.problems[0]
    assert "'id'" in loaded.problems[1]


def test_a_missing_directory_file_is_empty(tmp_path):
    """No file, no people, no problem."""
    loaded = load_directory(tmp_path / "absent.toml")
    assert loaded.people == [] and loaded.problems == []
