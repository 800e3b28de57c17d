"""The core's services, built lazily and handed to whoever needs them (CLI, window, tests).

This is plain object construction, no registry: `reader.app` creates one `Services` and
passes it (or the parts a view needs) through constructors.
"""
from __future__ import annotations

import threading
from functools import cached_property

from reader.core import paths


class Services:
    """Lazily built core objects sharing one user-data and cache location."""

    def __init__(self) -> None:
        self._lock = threading.RLock()

    @cached_property
    def dictionary(self):
        from reader.core.text.dictionary import Dictionary

        with self._lock:
            return Dictionary(paths.cache_dir() / "cedict.sqlite3")

    @cached_property
    def segmenter(self):
        from reader.core.text.segment import Segmenter

        return Segmenter(paths.cache_dir())

    @cached_property
    def pinyin(self):
        from reader.core.text.pinyin import PinyinEngine

        return PinyinEngine(paths.cache_dir())

    @cached_property
    def annotator(self):
        from reader.core.text.pipeline import Annotator

        with self._lock:
            annotator = Annotator(self.segmenter, self.pinyin)
            for extend in self._annotator_extensions():
                extend(annotator)
            return annotator

    def _annotator_extensions(self):
        """Hooks that feature modules (glossary, people) add to the pipeline."""
        from reader.core.glossary.store import install as install_glossary

        extensions = [lambda annotator: install_glossary(annotator, self.glossary)]
        extensions.append(self._install_people)
        return extensions

    def _install_people(self, annotator) -> None:
        from reader.core.people.layer import install

        install(annotator, self.people)

    @cached_property
    def people(self):
        """People directory + user corrections + name detector (reader.core.people.layer)."""
        from reader.core.people.layer import People
        from reader.core.people.user_file import USER_FILE

        with self._lock:
            return People(paths.assets_dir() / "people.toml", paths.data_dir() / USER_FILE,
                          tokenizer=lambda: self.segmenter.tokenizer,
                          dictionary=lambda: self.dictionary)

    @cached_property
    def glossary(self):
        """Bundled + user jargon glossary (reader.core.glossary.store)."""
        from reader.core.glossary.store import USER_FILE, Glossary

        with self._lock:
            return Glossary(paths.assets_dir() / "glossary.toml", paths.data_dir() / USER_FILE)

    @cached_property
    def corpus(self):
        from reader.core.library.corpus import Corpus

        return Corpus(paths.corpus_dir())

    @cached_property
    def library(self):
        from reader.core.library.catalog import Library

        return Library(self.corpus, paths.data_dir() / "library", self.settings)

    @cached_property
    def translator(self):
        """Online translation on request, cached in the data folder (reader.core.translate)."""
        from reader.core.translate import TranslationCache, Translator

        cache = TranslationCache(paths.data_dir() / "translations.sqlite3")
        return Translator(cache, self.settings)

    @cached_property
    def glosser(self):
        """The offline word-by-word gloss (reader.core.gloss.glosser)."""
        from reader.core.gloss.glosser import Glosser

        return Glosser(self.dictionary, self.segmenter,
                       glossary=lambda: getattr(self, "glossary", None),
                       people=lambda: getattr(self, "people", None))

    @cached_property
    def flashcards(self):
        from reader.core.flashcards import DB_NAME, Flashcards, Lookups

        with self._lock:
            lookups = Lookups(
                dictionary=lambda: self.dictionary, pinyin=lambda: self.pinyin,
                glossary=lambda: getattr(self, "glossary", None),
                people=lambda: getattr(self, "people", None))
            return Flashcards(paths.data_dir() / DB_NAME, lookups,
                              new_per_day=self.settings.get("flashcards.new_per_day"))

    @cached_property
    def settings(self):
        from reader.core.settings import Settings

        return Settings(paths.data_dir() / "settings.json")
