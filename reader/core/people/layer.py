"""People in an article: the directory, the user's corrections, the detector, one layer.

`People` merges the bundled directory (`assets/people/`), the user's file
(`people_user.toml`: added people, "not a person", "same person as") and the name detector
(`people_detect`). For a text it finds every mention, merged per person across aliases and
scripts (matching runs on the Simplified view, so 湯道生 and 汤道生 are one name):

    directory names and aliases (Aho-Corasick; Latin names on word boundaries)
      ─▶ weak aliases only where the person is also named plainly (道森 beside 唐道生)
      ─▶ strict entries only beside a title or speech verb (编辑:马克)
      ─▶ detected names not in the directory ("detected:<name>")
      ─▶ longest match wins where mentions overlap

`install(annotator, people)` plugs it into the pipeline: as a term source (every mention
becomes one token) and as the "people" layer (Span key = person id).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from reader.core.people.corrections import DETECTED, UserCorrections
from reader.core.people.detect import NameDetector
from reader.core.people.directory import Person, load_directory_folder
from reader.core.people.name_shape import surname_of
from reader.core.people.user_file import load_user_people
from reader.core.text.document import Document, Span
from reader.core.text.pinyin_marks import join_syllables, to_tone_marks
from reader.core.text.scripts import Script, View, convert
from reader.core.userfile import stamp

_VIEW_CONFIG = {View.TRADITIONAL: "s2t", View.TAIWAN: "s2tw", View.HONGKONG: "s2hk"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a person is named: base (Simplified) offsets and the form used."""

    start: int
    end: int
    person_id: str
    surface: str


@dataclass
class PersonInDocument:
    """A person as one article shows them: mentions (base offsets) and the forms used."""

    person: Person
    mentions: list[tuple[int, int]]
    surfaces: list[str]

    @property
    def first(self) -> int:
        return self.mentions[0][0]

    @property
    def count(self) -> int:
        return len(self.mentions)


def _latin_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def name_pinyin(numbered: str, name: str) -> str:
    """'tang1 dao4 sheng1' for 汤道生 -> 'Tāng Dàoshēng' (surname, then the given name)."""
    syllables = to_tone_marks(numbered).split()
    if len(syllables) != len(name):
        return join_syllables(to_tone_marks(numbered)).capitalize()
    cut = len(surname_of(name) or name[:1])
    family = "".join(syllables[:cut]).capitalize()
    given = "".join(syllables[cut:])
    return f"{family} {given.capitalize()}" if given else family


class People(UserCorrections):
    """The people service: directory + user corrections + detector (see module docstring).

    `tokenizer` is a callable returning the pipeline's jieba tokenizer and `dictionary` one
    returning the `Dictionary`; both are asked for only when the detector first runs.
    `use_directory` / `use_detector` switch the two sources (the benchmark measures each).
    """

    name = "people"

    def __init__(self, bundled_path: Path, user_path: Path,
                 tokenizer: Callable[[], object] | None = None,
                 dictionary: Callable[[], object] | None = None) -> None:
        self.bundled_path = Path(bundled_path)
        self.user_path = Path(user_path)
        self._tokenizer = tokenizer
        self._dictionary = dictionary
        self._detector: NameDetector | None = None
        self._lock = threading.RLock()
        self._listeners: list[Callable[[], None]] = []
        self._cache: OrderedDict[tuple[str, int], list[Mention]] = OrderedDict()
        self._detected: dict[str, Person] = {}
        self.use_directory = True
        self.use_detector = tokenizer is not None
        self.version = 0
        bundled = load_directory_folder(self.bundled_path)
        self._bundled = {p.id: p for p in bundled.people}
        self._bundled_problems = list(bundled.problems)
        self.reload()

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the user's file and rebuild the matcher."""
        with self._lock:
            self.file_stamp = stamp(self.user_path)
            self._user = load_user_people(self.user_path)
            self.problems = self._bundled_problems + self._user.problems
            self._rebuild()

    def _rebuild(self) -> None:
        people = dict(self._bundled)
        people.update(self._user.people)
        self._people = people
        blocked = self._user.not_person
        automaton = ahocorasick.Automaton()
        owners: dict[str, tuple[str, bool]] = {}

        def add(surface: str, person_id: str, strong: bool) -> None:
            if surface and surface not in owners and surface not in blocked:
                owners[surface] = (person_id, strong)

        for alias, target in self._user.aliases.items():
            if target in people:
                add(alias, target, True)
        ordered = sorted(people.values(), key=lambda p: p.source != "user")
        for person in ordered:
            for surface in (person.name, *person.aliases):
                add(surface, person.id, True)
        for person in ordered:
            for surface in person.weak_aliases:
                add(surface, person.id, False)
        for surface, owner in owners.items():
            automaton.add_word(surface, (surface, *owner))
        if owners:
            automaton.make_automaton()
        self._automaton = automaton if owners else None
        self.version += 1
        self._cache.clear()

    def add_listener(self, callback: Callable[[], None]) -> None:
        """`callback()` runs after every correction (e.g. to re-annotate the open article)."""
        self._listeners.append(callback)

    # -- reading ------------------------------------------------------------------------
    def people(self) -> list[Person]:
        """Every directory and user person (bundled entries overridden by the user's)."""
        return list(self._people.values())

    def person(self, person_id: str) -> Person | None:
        if person_id.startswith(DETECTED):
            name = person_id[len(DETECTED):]
            found = self._detected.get(name)
            if found is None:
                found = self._detected[name] = Person(
                    id=person_id, name=name, traditional=convert(name, "s2t"), source="detected")
            return found
        return self._people.get(person_id)

    @property
    def detector(self) -> NameDetector:
        with self._lock:
            if self._detector is None:
                dictionary = self._dictionary() if self._dictionary else None
                self._detector = NameDetector(self._tokenizer(), dictionary)
            return self._detector

    # -- matching -------------------------------------------------------------------------
    def mentions(self, simplified: str) -> list[Mention]:
        """Every mention in a Simplified text, sorted, non-overlapping (cached per text)."""
        key = (simplified, self.version)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
            automaton = self._automaton
            blocked = set(self._user.not_person)
        found = self._compute(simplified, automaton, blocked)
        with self._lock:
            self._cache[key] = found
            while len(self._cache) > 8:
                self._cache.popitem(last=False)
        return found

    def _compute(self, text: str, automaton, blocked: set[str]) -> list[Mention]:
        hits: list[tuple[int, int, str, str, bool]] = []
        if self.use_directory and automaton is not None:
            for last, (surface, person_id, strong) in automaton.iter(text):
                start, end = last + 1 - len(surface), last + 1
                if surface.isascii():
                    if not _latin_boundary(text, start, end):
                        continue
                elif self._tokenizer is not None and self.detector.inside_word(text, start, end):
                    continue
                hits.append((start, end, surface, person_id, strong))
            hits = self._confirmed(text, hits)
        mentions = [Mention(s, e, pid, surface) for s, e, surface, pid, _ in hits]
        if self.use_detector:
            known = {h[2] for h in hits} | blocked
            for detected in self.detector.detect(text, exclude=known):
                if detected.name in blocked:
                    continue
                mentions.extend(Mention(s, e, DETECTED + detected.name, detected.name)
                                for s, e in detected.mentions)
        return _longest_first(mentions)

    def _confirmed(self, text: str, hits: list) -> list:
        """Drop weak aliases of people not otherwise named, and strict ones without a cue."""
        named = {pid for _, _, _, pid, strong in hits if strong}
        kept = [h for h in hits if h[4] or h[3] in named]
        strict = {pid for pid in {h[3] for h in kept} if self._people[pid].strict}
        for pid in strict:
            cued = self._tokenizer is not None and any(
                self.detector.cues(text, s, e) for s, e, _, p, _ in kept if p == pid)
            if not cued:
                kept = [h for h in kept if h[3] != pid]
        return kept

    # -- pipeline hooks ---------------------------------------------------------------------
    def find_terms(self, simplified: str) -> list[tuple[int, int]]:
        """TermSource: every mention becomes one token."""
        return [(m.start, m.end) for m in self.mentions(simplified)]

    def annotate(self, document: Document) -> list[Span]:
        """Layer: one span per mention, keyed by person id."""
        return [Span(m.start, m.end, m.person_id, {"surface": m.surface})
                for m in self.mentions(document.simplified)]

    def in_document(self, document: Document) -> list[PersonInDocument]:
        """The people of a document, each once, in order of first mention."""
        spans = document.layers.get(self.name)
        if spans is None:
            spans = self.annotate(document)
        grouped: dict[str, PersonInDocument] = {}
        for span in spans:
            person = self.person(span.key)
            if person is None:
                continue
            entry = grouped.get(span.key)
            if entry is None:
                entry = grouped[span.key] = PersonInDocument(person, [], [])
            entry.mentions.append((span.start, span.end))
            surface = span.data.get("surface", document.simplified[span.start:span.end])
            if surface not in entry.surfaces:
                entry.surfaces.append(surface)
        for entry in grouped.values():
            if entry.person.source == "detected" and not entry.person.pinyin:
                entry.person = self._with_pinyin(entry.person, document, entry.mentions[0])
        return sorted(grouped.values(), key=lambda e: e.first)

    def _with_pinyin(self, person: Person, document: Document, mention) -> Person:
        index = document.token_index_at(mention[0])
        if index is None or document.span(index) != mention:
            return person
        from dataclasses import replace

        named = replace(person, pinyin=name_pinyin(document.pinyin_numbers(index), person.name))
        self._detected[person.name] = named
        return named

    def display_name(self, person: Person, document: Document, view: View,
                     mentions: list[tuple[int, int]] = ()) -> str:
        """The person's name in the script `view` shows."""
        view = View(view)
        if view is View.SIMPLIFIED:
            return person.name
        if view is View.ORIGINAL:
            text = document.text(view)
            traditional = person.name_in(traditional=True)
            for s, e in mentions:  # as first written by its canonical name (mixed texts)
                if text[s:e] in (traditional, person.name):
                    return text[s:e]
            return traditional if document.script is Script.TRADITIONAL else person.name
        if person.traditional and view is View.TRADITIONAL:
            return person.traditional
        return convert(person.name, _VIEW_CONFIG[view])

    def in_view(self, document: Document, view: View):
        """Each person of the document as shown in `view`: (entry, name in the view's
        script, mentions as view offsets, the other forms the text uses)."""
        view = View(view)
        text = document.text(view)
        for entry in self.in_document(document):
            mentions = [(document.to_view_offset(s, view), document.to_view_offset(e, view))
                        for s, e in entry.mentions]
            name = self.display_name(entry.person, document, view, mentions)
            aliases = tuple(dict.fromkeys(text[s:e] for s, e in mentions if text[s:e] != name))
            yield entry, name, mentions, aliases

    def to_json(self, document: Document, view: View) -> list[dict]:
        """The people of a document for `annotate --json` (offsets and names in `view`)."""
        return [
            {
                "id": entry.person.id,
                "name": name,
                "pinyin": entry.person.pinyin,
                "english": entry.person.english,
                "role": entry.person.role,
                "aliases": list(aliases),
                "mentions": [[s, e] for s, e in mentions],
                "source": "detected" if entry.person.source == "detected" else "directory",
            }
            for entry, name, mentions, aliases in self.in_view(document, view)
        ]


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Resolve overlaps: longer mentions win, then earlier ones, then directory ones."""
    order = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start,
                                            m.person_id.startswith(DETECTED)))
    taken = bytearray(max((m.end for m in mentions), default=0))
    kept = []
    for m in order:
        if taken.find(1, m.start, m.end) == -1:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def install(annotator, people: People) -> People:
    """Plug the people service into an annotator: term source + "people" layer."""
    annotator.add_term_source(people)
    annotator.add_layer(people)
    return people
