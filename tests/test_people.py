"""The people layer: aliases merged across scripts, names as tokens, JSON, CLI, corrections."""
from __future__ import annotations

import json

import pytest

from reader.core import paths
from reader.core.people.layer import People, install
from reader.core.people.user_file import USER_FILE
from reader.core.text.pipeline import Annotator
from reader.core.text.scripts import View


def make_people(services, home):
    """A People service with its own user file, and an annotator that uses it."""
    people = People(paths.assets_dir() / "people", home / USER_FILE,
                    tokenizer=lambda: services.segmenter.tokenizer,
                    dictionary=lambda: services.dictionary)
    annotator = Annotator(services.segmenter, services.pinyin)
    install(annotator, people)
    return people, annotator


@pytest.fixture(scope="module")
def article(shared_services):
    def _article(prefix):
        return shared_services.annotator.annotate(shared_services.library.get(prefix)[1])
    return _article


def test_garbled_names_in_002_merge_into_one_entry_each(services, article):
    """002 shows 汤道生 once, with 唐道生, 道森 and 唐骏 counted in; 马花藤/花藤 are 马化腾."""
    document = article("36kr")
    entries = {e.person.name: e for e in services.people.in_document(document)}
    tang = entries["汤道生"]
    assert set(tang.surfaces) == {"唐道生", "道森", "唐骏", "汤道生"}
    text = document.simplified
    assert tang.count == sum(text.count(s) for s in ("唐道生", "道森", "唐骏", "汤道生"))
    assert set(entries["马化腾"].surfaces) == {"马花藤", "花藤"}
    assert set(entries["白宇"].surfaces) == {"白宇", "白羽", "怀特"}
    assert len([e for e in services.people.in_document(document)
                if e.person.id == "tang-daosheng"]) == 1


def test_json_gives_names_and_offsets_in_the_view_shown(services, article):
    """000 (Traditional): 湯道生 in the original view, 汤道生 in Simplified; offsets index that text."""
    document = article("caijing-2020")
    for view, name in ((View.ORIGINAL, "湯道生"), (View.SIMPLIFIED, "汤道生"),
                       (View.TRADITIONAL, "湯道生")):
        people = services.people.to_json(document, view)
        tang = next(p for p in people if p["english"] == "Dowson Tong")
        assert tang["name"] == name and tang["source"] == "directory"
        text = document.text(view)
        assert {text[s:e] for s, e in tang["mentions"]} == {name}
        assert len(tang["mentions"]) == 22
    names = [p["name"] for p in services.people.to_json(document, View.ORIGINAL)]
    assert names[:3] == ["謝麗容", "陳瀟瀟", "劉以秦"]  # sorted by first mention


def test_simplified_article_shows_traditional_names_in_traditional_view(services, article):
    """004 (Simplified) switched to Traditional shows 莊文磊 and 湯道生; the aliases list is empty."""
    document = article("zhoutian")
    people = {p["name"]: p for p in services.people.to_json(document, View.TRADITIONAL)}
    assert "莊文磊" in people and "湯道生" in people and "庄文磊" not in people
    assert people["莊文磊"]["aliases"] == []
    assert people["莊文磊"]["mentions"][0][1] - people["莊文磊"]["mentions"][0][0] == 3


def test_names_become_single_tokens(services, article):
    """Every mention is exactly one token, so hovering a name hovers the whole name."""
    document = article("36kr")
    for span in document.layers["people"]:
        index = document.token_index_at(span.start)
        assert document.span(index) == (span.start, span.end), span


def test_weak_aliases_need_the_person_named_plainly(services):
    """道森 and 花藤 alone are not people; beside 唐道生 / 马花藤 they are."""
    people = services.people
    assert people.mentions("道森和花藤都来了。") == []
    text = "唐道生说,道森很谦虚。马花藤表示,花藤很忙。"
    found = [(m.surface, m.person_id) for m in people.mentions(text)]
    assert ("道森", "tang-daosheng") in found and ("花藤", "ma-huateng") in found


def test_strict_entries_need_a_context_cue(services):
    """马克 the Caijing editor is found after 编辑:, not in 德国马克 (the currency)."""
    people = services.people
    assert people.mentions("当时一美元可以兑换两德国马克左右。") == []
    found = people.mentions("(编辑:马克)")
    assert [(m.surface, m.person_id) for m in found] == [("马克", "ma-ke")]


def test_detected_names_are_marked_and_merged_across_scripts(services):
    """A name not in the directory, written in both scripts, is one detected entry."""
    document = services.annotator.annotate("美團CEO孫志航告訴記者,業務仍在增長。美团CEO孙志航表示满意。")
    [entry] = services.people.in_document(document)
    assert entry.person.id == "detected:孙志航" and entry.person.source == "detected"
    assert entry.count == 2
    assert entry.person.pinyin == "Sūn Zhìháng"
    [item] = services.people.to_json(document, View.ORIGINAL)
    assert item["source"] == "detected" and item["name"] == "孫志航"
    assert item["aliases"] == ["孙志航"]


def test_cli_people_prints_one_line_per_person(run_cli):
    """`people --article` lists each person once with mention count and role."""
    status, out, err = run_cli("people", "--article", "36kr")
    assert status == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 12
    tang = next(line for line in lines if line.startswith("汤道生"))
    assert "Dowson Tong" in tang and "27 mentions" in tang and "唐道生" in tang
    assert "President of the Cloud and Smart Industries Group" in tang


def test_cli_people_sorts_by_count_and_reads_stdin(run_cli):
    """--sort count puts the most mentioned first; text can come from standard input."""
    text = "记者王小明报道。副总裁张大伟说:好。张大伟表示满意。张大伟认为可行。"
    status, out, _ = run_cli("people", "-", "--sort", "count", stdin=text.encode())
    assert status == 0
    assert [line.split("\t")[0] for line in out.strip().splitlines()] == ["张大伟", "王小明"]
    assert "detected" in out


def test_cli_people_bad_input_is_one_line(run_cli, tmp_path):
    """A missing file is a one-line error with status 2."""
    status, out, err = run_cli("people", str(tmp_path / "nope.txt"))
    assert status == 2 and err.startswith("error:") and len(err.strip().splitlines()) == 1


def test_annotate_json_has_the_people_layer(run_cli):
    """`annotate --json` gains "people" entries with the documented keys."""
    status, out, _ = run_cli("annotate", "--article", "nbd", "--json")
    assert status == 0
    people = json.loads(out)["people"]
    assert [p["name"] for p in people] == ["郭荣村", "梁枭", "汤道生", "马化腾", "张建"]
    assert set(people[0]) >= {"name", "english", "role", "aliases", "mentions", "source"}


def test_corrections_persist_across_restarts_and_apply_everywhere(services, reader_home):
    """not-a-person, add-as-person and same-person-as survive a restart and override the directory."""
    people, annotator = make_people(services, reader_home)
    text = "记者王小明报道。唐骏说,白羽很能干。副总裁张大伟说:好。老王也来了。"
    before = {e.person.id for e in people.in_document(annotator.annotate(text))}
    assert {"detected:王小明", "detected:张大伟"} <= before
    assert "tang-daosheng" not in before  # 唐骏 is only a weak alias
    people.mark_not_person("王小明")
    people.add_person("老王", english="Old Wang", role="Neighbour")
    people.same_person("唐骏", "tang-daosheng")
    people.same_person("白羽", "detected:张大伟")

    restarted, annotator = make_people(services, reader_home)
    assert restarted.problems == []
    entries = {e.person.id: e for e in restarted.in_document(annotator.annotate(text))}
    assert "detected:王小明" not in entries
    assert entries["user:老王"].person.english == "Old Wang"
    assert entries["tang-daosheng"].surfaces == ["唐骏"]
    assert set(entries["user:张大伟"].surfaces) == {"白羽", "张大伟"}
    assert "detected:张大伟" not in entries
    other = annotator.annotate("王小明和老王见面。")
    assert [e.person.id for e in restarted.in_document(other)] == ["user:老王"]


def test_not_a_person_hides_a_directory_alias(services, reader_home):
    """Marking 道森 as not a person drops that alias but keeps 唐道生."""
    people, _ = make_people(services, reader_home)
    people.mark_not_person("道森")
    found = {m.surface for m in people.mentions("唐道生说,道森很谦虚。")}
    assert found == {"唐道生"}
    people.allow("道森")
    assert {m.surface for m in people.mentions("唐道生说,道森很谦虚。")} == {"唐道生", "道森"}


def test_a_broken_user_file_is_reported_not_fatal(services, reader_home):
    """A malformed user entry is skipped with file:line; the bundled directory still works."""
    (reader_home).mkdir(parents=True, exist_ok=True)
    (reader_home / USER_FILE).write_text(
        'not_person = ["王小明"]\n\n[[person]]\nid = "user:x"\nname = \n', encoding="utf-8")
    people, _ = make_people(services, reader_home)
    assert len(people.problems) == 1 and f"{USER_FILE}:3" in people.problems[0]
    assert "王小明" in people.user.not_person
    assert [m.person_id for m in people.mentions("副总裁汤道生说")] == ["tang-daosheng"]
