"""The core's services, each built once on first use and handed to whoever needs them.

Plain object construction, no registry: `reader.app` creates one `Services` and passes it
(or the parts a view needs) through constructors. `Services(dictionary=d, ...)` injects
ready-made engines (tests share the loaded ones this way); everything else is built from
the user-data and cache folders of `reader.core.paths`.

Each service is built under its own lock, so two threads asking at once build it once; a
service that needs another asks for it through this object, never through a global.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from reader.core import paths

NAMES = ("dictionary", "jieba_words", "segmenter", "pinyin", "annotator", "people", "glossary",
         "corpus", "library", "translator", "glosser", "flashcards", "settings", "study",
         "corrections")


def _service(name: str, doc: str) -> property:
    return property(lambda self: self.get(name), doc=doc)


class Services:
    """Core objects built lazily, once each, sharing one user-data and cache location."""

    def __init__(self, **overrides: Any) -> None:
        unknown = sorted(set(overrides) - set(NAMES))
        if unknown:
            raise TypeError(f"unknown service {unknown[0]!r}; known: {', '.join(NAMES)}")
        self._built: dict[str, Any] = dict(overrides)
        self._locks = {name: threading.RLock() for name in NAMES}
        # Bundled data folders (a benchmark may point them elsewhere before first use).
        self.glossary_dir = paths.assets_dir() / "glossary"
        self.people_dir = paths.assets_dir() / "people"
        # progress(what, fraction) of first-run builds; called from worker threads.
        self.progress: Callable[[str, float], None] | None = None
        self._segment_helper = None
        self._helper_wanted = False

    def segment_in_helper(self) -> None:
        """Cut words in a helper process (the window: rjieba's 0.1 s load, which holds the
        interpreter lock, then runs there, on another core). The helper starts with the
        segmenter, off the GUI thread, and loads while the annotator is put together."""
        self._helper_wanted = True

    @property
    def segment_helper(self):
        """The segmentation helper (a `SegmentHelper`), or None when cutting in-process."""
        return self._segment_helper

    def close(self) -> None:
        """Stop what runs beside this process (the segmentation helper)."""
        if self._segment_helper is not None:
            self._segment_helper.close()

    def report(self, what: str, fraction: float) -> None:
        """A one-off build's progress (first run), for whoever listens (the status bar)."""
        if self.progress is not None:
            self.progress(what, fraction)

    def get(self, name: str) -> Any:
        """The service `name`, built on first use (under its lock: never twice)."""
        try:
            return self._built[name]
        except KeyError:
            pass
        with self._locks[name]:
            if name not in self._built:
                self._built[name] = getattr(self, f"_build_{name}")()
            return self._built[name]

    def is_built(self, name: str) -> bool:
        """Whether `name` exists already (asking does not build it)."""
        return name in self._built

    def provider(self, name: str) -> Callable[[], Any]:
        """A callable that returns the service when called (built then, on that thread)."""
        return lambda: self.get(name)

    dictionary = _service("dictionary", "CC-CEDICT, indexed in the cache folder.")
    jieba_words = _service("jieba_words", "jieba's word frequencies and tags, searched in place.")
    segmenter = _service("segmenter", "Word segmentation (jieba's words, by rjieba).")
    pinyin = _service("pinyin", "Context-correct pinyin.")
    annotator = _service("annotator", "Text → annotated Document, with glossary and people.")
    people = _service("people", "Directory + user corrections + name detector.")
    glossary = _service("glossary", "Bundled + user jargon glossary.")
    corpus = _service("corpus", "The bundled articles.")
    library = _service("library", "Bundled and imported articles as one list.")
    translator = _service("translator", "Online translation on request, cached.")
    glosser = _service("glosser", "The offline word-by-word gloss.")
    study = _service("study", "Word statuses, HSK levels, article coverage.")
    flashcards = _service("flashcards", "Decks, notes and reviews.")
    settings = _service("settings", "User settings (JSON in the data folder).")
    corrections = _service("corrections", "The reader's word and reading corrections.")

    # -- builders -----------------------------------------------------------------------
    def _build_dictionary(self):
        from reader.core.text.dictionary import Dictionary

        return Dictionary(paths.cache_dir() / "cedict.sqlite3", words=self.provider("jieba_words"),
                          progress=lambda f: self.report("Preparing the dictionary", f))

    def _build_jieba_words(self):
        from reader.core.text.jieba_words import WordTable

        return WordTable.open(paths.cache_dir())

    def _build_segmenter(self):
        from reader.core.text.segment import Segmenter

        if self._helper_wanted and self._segment_helper is None:
            from reader.core.text.segment_helper import SegmentHelper

            if SegmentHelper.available():
                self._segment_helper = SegmentHelper().start()
        return Segmenter(paths.cache_dir(), words=self.provider("jieba_words"),
                         helper=self._segment_helper)

    def _build_pinyin(self):
        from reader.core.text.pinyin import PinyinEngine

        return PinyinEngine(paths.cache_dir(),
                            progress=lambda f: self.report("Preparing the pinyin tables", f))

    def _build_annotator(self):
        from reader.core.corrections.store import install as install_corrections
        from reader.core.glossary.store import install as install_glossary
        from reader.core.people.layer import install as install_people
        from reader.core.text.pipeline import Annotator

        annotator = Annotator(self.segmenter, self.pinyin)
        install_glossary(annotator, self.glossary, self.provider("dictionary"))
        install_people(annotator, self.people)
        install_corrections(annotator, self.corrections)
        return annotator

    def _build_people(self):
        from reader.core.people.layer import People
        from reader.core.people.user_file import USER_FILE

        _require(self.people_dir, "directory.toml")  # never silently empty
        return People(self.people_dir, paths.data_dir() / USER_FILE,
                      tokenizer=lambda: self.segmenter.tokenizer,
                      dictionary=self.provider("dictionary"))

    def _build_glossary(self):
        from reader.core.glossary.store import USER_FILE, Glossary

        _require(self.glossary_dir, "general.toml")
        return Glossary(self.glossary_dir, paths.data_dir() / USER_FILE,
                        corpus_texts=lambda: [text for _info, text in self.corpus.items()])

    def _build_corpus(self):
        from reader.core.library.corpus import Corpus

        return Corpus(paths.corpus_dir())

    def _build_library(self):
        from reader.core.library.catalog import Library

        return Library(self.corpus, paths.data_dir() / "library", self.settings)

    def _build_translator(self):
        from reader.core.translate import TranslationCache, Translator

        cache = TranslationCache(paths.data_dir() / "translations.sqlite3")
        return Translator(cache, self.settings)

    def _build_glosser(self):
        from reader.core.gloss.glosser import Glosser

        return Glosser(self.dictionary, self.segmenter, glossary=self.provider("glossary"),
                       people=self.provider("people"))

    def _build_flashcards(self):
        from reader.core.flashcards import DB_NAME, Flashcards, Lookups

        lookups = Lookups(dictionary=self.provider("dictionary"), pinyin=self.provider("pinyin"),
                          glossary=self.provider("glossary"), people=self.provider("people"))
        return Flashcards(paths.data_dir() / DB_NAME, lookups,
                          new_per_day=self.settings.get("flashcards.new_per_day"))

    def _build_study(self):
        from reader.core.study import DB_NAME, Study

        return Study(paths.data_dir() / DB_NAME,
                     frequency=self.provider("jieba_words"))

    def _build_settings(self):
        from reader.core.settings import Settings

        return Settings(paths.data_dir() / "settings.json")

    def _build_corrections(self):
        from reader.core.corrections.store import FOLDER, Corrections

        return Corrections(paths.data_dir() / FOLDER)


def _require(folder, name: str) -> None:
    """The bundled `folder/name` exists, else MissingDataError naming it."""
    if not (folder / name).is_file():
        raise paths.MissingDataError(
            f"bundled data file missing: {folder / name} (reinstall the reader)")
