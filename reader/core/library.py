"""The library: the bundled corpus plus whatever the user imported.

This first version lists the corpus only; imports are added by `reader.core.importer`.
"""
from __future__ import annotations

from reader.core.corpus import ArticleInfo, Corpus


class Library:
    """Every article the reader can open, by id."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus

    def list(self) -> list[ArticleInfo]:
        return self.corpus.list()

    def get(self, article_id: str) -> tuple[ArticleInfo, str] | None:
        return self.corpus.get(article_id)
