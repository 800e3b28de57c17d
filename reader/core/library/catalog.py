"""The library: the bundled corpus plus whatever the user imported, as one list.

`Library` lists and opens articles by id, imports files and pasted text (through
`reader.core.library.importer`, stored by `reader.core.library.store` under `data_dir()/library/`),
renames and removes them, gives reading positions and progress (the setting
`library.positions`, which the window writes while you read), and searches titles and full texts
in either script (the Simplified forms of query and text are compared, so 腾讯 finds 騰訊).
Nothing is ever written into `corpus/`.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.filelock import LockTimeout, file_lock
from reader.core.library.corpus import ArticleInfo, Corpus
from reader.core.library.encodings import DEFAULT_MAX_BYTES, MB
from reader.core.library.store import LibraryStore, StoredArticle, now_iso
from reader.core.library.titles import clean_title
from reader.core.sqlite_safe import DatabaseUnavailable
from reader.core.text.scripts import convert_keep_length, to_simplified

if TYPE_CHECKING:  # the importer (and its extractors) load on first import, not at start-up
    from reader.core.library.importer import Prepared, Progress

ON_DUPLICATE = ("ask", "replace", "keep")
SNIPPET_CONTEXT = 40


class LibraryError(ValueError):
    """A library operation that cannot be done; the message is fit to show a user."""


class DuplicateArticle(Exception):
    """The text is already in the library (raised when `on_duplicate="ask"`).

    `existing` is the article already there; `prepared` the new text, ready to pass to
    `Library.store(prepared, "replace"|"keep")` once the user has chosen.
    """

    def __init__(self, existing: ArticleInfo, prepared: Prepared) -> None:
        super().__init__(f"already in the library as {existing.id} ({existing.title})")
        self.existing = existing
        self.prepared = prepared


@dataclass(frozen=True)
class SearchHit:
    """One article matching a search: the first matching line, in the article's script.

    `offset` is the match's base offset in the article (-1 when only the title matched).
    """

    id: str
    title: str
    line: str
    offset: int
    in_title: bool


class Library:
    """Every article the reader can open, by id: bundled and imported."""

    def __init__(self, corpus: Corpus, folder: Path | None = None, settings=None) -> None:
        self.corpus = corpus
        self.store = LibraryStore(folder) if folder is not None else None
        self._settings = settings
        self._corpus_simplified: dict[str, str] = {}
        self._corpus_hashes: dict[str, str] | None = None

    # ------------------------------------------------------------ listing and opening

    def list(self) -> list[ArticleInfo]:
        """Bundled articles first, then imported ones oldest first; with progress."""
        overrides = self.store.title_overrides() if self.store else {}
        positions = self._positions()
        out = []
        for info in self.corpus.list():
            if info.id in overrides:
                info = dataclasses.replace(info, title=overrides[info.id])
            out.append(_with_progress(info, positions))
        if self.store:
            web = self.store.web_pages()
            out.extend(_with_progress(_info(a, web.get(a.id)), positions)
                       for a in self.store.list())
        return out

    def get(self, article_id: str) -> tuple[ArticleInfo, str] | None:
        """(metadata, text) of an article by id, or by a unique id prefix."""
        found = self._get_exact(article_id)
        if found is not None or not article_id:
            return found
        ids = [a.id for a in self.list() if a.id.startswith(article_id)]
        return self._get_exact(ids[0]) if len(ids) == 1 else None

    def get_exact(self, article_id: str) -> tuple[ArticleInfo, str] | None:
        """(metadata, text) of the article with exactly this id (no prefixes)."""
        return self._get_exact(article_id)

    def _get_exact(self, article_id: str) -> tuple[ArticleInfo, str] | None:
        if self.store:
            stored = self.store.get(article_id)
            if stored is not None:
                text = self.store.read_text(article_id)
                web = self.store.web_pages().get(article_id)
                return (_info(stored, web), text) if text is not None else None
        found = self.corpus.get_exact(article_id)
        if found is not None:
            info, text = found
            title = self.store.title_overrides().get(article_id) if self.store else None
            return (dataclasses.replace(info, title=title) if title else info), text
        return None

    def is_imported(self, article_id: str) -> bool:
        return bool(self.store) and self.store.get(article_id) is not None

    # ------------------------------------------------------------ importing

    def max_bytes(self) -> int:
        """The import size limit (setting import.max_mb)."""
        if self._settings is None:
            return DEFAULT_MAX_BYTES
        return int(self._settings.get("import.max_mb")) * MB

    def prepare_file(self, path: Path, title: str | None = None, encoding: str | None = None,
                     progress: Progress | None = None) -> Prepared:
        """Read and clean a file without storing it (the window checks the encoding first)."""
        from reader.core.library.importer import prepare_file

        return prepare_file(Path(path), title, encoding, self.max_bytes(), progress)

    def import_file(self, path: Path, title: str | None = None, encoding: str | None = None,
                    on_duplicate: str = "ask", progress: Progress | None = None) -> ArticleInfo:
        """Import one file; raises TextInputError (bad input) or DuplicateArticle ("ask")."""
        prepared = self.prepare_file(path, title, encoding, progress)
        return self.store_prepared(prepared, on_duplicate, progress)

    def import_text(self, text: str, title: str | None = None, on_duplicate: str = "ask",
                    progress: Progress | None = None) -> ArticleInfo:
        """Import pasted text as a new article."""
        from reader.core.library.importer import prepare_text

        return self.store_prepared(prepare_text(text, title, progress), on_duplicate, progress)

    def store_prepared(self, prepared: Prepared, on_duplicate: str = "ask",
                       progress: Progress | None = None) -> ArticleInfo:
        """Add a prepared text; `on_duplicate` says what to do if its content is known:
        "ask" raises DuplicateArticle, "replace" overwrites the imported copy, "keep" adds
        another entry."""
        if on_duplicate not in ON_DUPLICATE:
            raise ValueError(f"on_duplicate must be one of {ON_DUPLICATE}")
        store = self._require_store()
        store.ensure_open()
        try:  # one import at a time across processes: duplicate check, new id, insert
            with file_lock(store.folder / ".import"):
                article = self._store_locked(store, prepared, on_duplicate, progress)
        except LockTimeout as exc:
            raise LibraryError(str(exc)) from None
        if progress:
            progress(1.0, "Imported")
        return _info(article)

    def clean_up(self) -> str:
        """Start-up tidying of the imports folder (see `LibraryStore.clean_up`); the notice
        is also kept for `store.take_notice()`. Skipped while another process imports."""
        if self.store is None:
            return ""
        try:
            self.store.ensure_open()
            with file_lock(self.store.folder / ".import", timeout=2):
                notice = self.store.clean_up()
        except (OSError, DatabaseUnavailable):
            return ""
        if notice:
            self.store.notice = f"{self.store.notice} {notice}".strip()
        return notice

    def _store_locked(self, store: LibraryStore, prepared: Prepared, on_duplicate: str,
                      progress: Progress | None) -> StoredArticle:
        existing = self._duplicate_of(prepared.sha256)
        replace_id = None
        if existing is not None:
            if on_duplicate == "ask":
                raise DuplicateArticle(existing, prepared)
            if on_duplicate == "replace" and existing.source == "imported":
                replace_id = existing.id
        if progress:
            progress(0.85, "Indexing for search")
        article = StoredArticle(
            id=replace_id or self._new_id(prepared.sha256),
            title=prepared.title, source_file=prepared.source_file, imported=now_iso(),
            script=prepared.script, encoding=prepared.encoding, format=prepared.format,
            length=len(prepared.text), sha256=prepared.sha256, chapters=prepared.chapters)
        simplified = convert_keep_length(prepared.text, "t2s")
        store.add(article, prepared.text, simplified, replace=replace_id is not None)
        return article

    def store_web_page(self, page, on_duplicate: str = "ask") -> ArticleInfo:
        """Store a fetched web page (`reader.core.library.web.WebPage`) with its URL,
        outlet and date."""
        info = self.store_prepared(page.prepared, on_duplicate)
        self._require_store().set_web_page(info.id, page.url, page.outlet, page.published)
        return dataclasses.replace(info, publication=page.outlet,
                                   date=page.published or info.date,
                                   extra={**info.extra, "url": page.url})

    def _duplicate_of(self, sha256: str) -> ArticleInfo | None:
        store = self._require_store()
        same = store.find_by_hash(sha256)
        if same:
            return _info(same[0])
        if self._corpus_hashes is None:
            from reader.core.library.importer import content_hash

            self._corpus_hashes = {content_hash(text): info.id
                                   for info, text in self.corpus.items()}
        corpus_id = self._corpus_hashes.get(sha256)
        return self._get_exact(corpus_id)[0] if corpus_id else None

    def _new_id(self, sha256: str) -> str:
        base = f"lib-{sha256[:8]}"
        taken = self._require_store().ids() | {info.id for info in self.corpus.list()}
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # ------------------------------------------------------------ editing

    def rename(self, article_id: str, title: str) -> ArticleInfo:
        """Give an article a new title (bundled articles keep theirs in the index)."""
        title = clean_title(title)
        if not title:
            raise LibraryError("the title cannot be empty")
        found = self._get_exact(article_id)
        if found is None:
            raise LibraryError(f"no article with id {article_id!r}")
        store = self._require_store()
        if found[0].source == "imported":
            store.rename(article_id, title)
        else:
            store.set_title_override(article_id, title)
        return self._get_exact(article_id)[0]

    def remove(self, article_id: str) -> None:
        """Delete an imported article (bundled ones cannot be removed)."""
        found = self._get_exact(article_id)
        if found is None:
            raise LibraryError(f"no article with id {article_id!r}")
        if found[0].source != "imported":
            raise LibraryError(f"{article_id} is a bundled article and cannot be removed")
        self._require_store().remove(article_id)
        positions = self._positions()
        if self._settings is not None and positions.pop(article_id, None) is not None:
            self._settings.set("library.positions", positions)

    # ------------------------------------------------------------ reading positions

    def _positions(self) -> dict[str, int]:
        if self._settings is None:
            return {}
        return dict(self._settings.get("library.positions"))

    def set_position(self, article_id: str, offset: int) -> None:
        """Remember where the reader is in an article (a base offset)."""
        found = self._get_exact(article_id)
        if found is None:
            raise LibraryError(f"no article with id {article_id!r}")
        if self._settings is None:
            raise LibraryError("this library has no settings to keep positions in")
        positions = self._positions()
        positions[article_id] = max(0, min(int(offset), len(found[1])))
        self._settings.set("library.positions", positions)

    def position(self, article_id: str) -> int:
        """The remembered base offset in an article (0 if never opened)."""
        value = self._positions().get(article_id, 0)
        return value if isinstance(value, int) and value >= 0 else 0

    def progress(self, article_id: str) -> float:
        """How far through an article the reader is, 0.0 to 1.0."""
        found = self._get_exact(article_id)
        return _fraction(self.position(article_id), len(found[1])) if found else 0.0

    # ------------------------------------------------------------ search

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Articles whose title or text contains `query`, in either script, case-insensitive."""
        needle = to_simplified(" ".join(query.split()))
        if not needle:
            return []
        pattern = re.compile(re.escape(needle), re.IGNORECASE)
        overrides = self.store.title_overrides() if self.store else {}
        hits: list[SearchHit] = []
        for info, text in self.corpus.items():
            simplified = self._corpus_simplified.get(info.id)
            if simplified is None:
                simplified = self._corpus_simplified[info.id] = convert_keep_length(text, "t2s")
            title = overrides.get(info.id, info.title)
            hit = _hit(info.id, title, pattern, to_simplified(title), simplified, lambda t=text: t)
            if hit:
                hits.append(hit)
        if self.store:
            for article_id, s_title, s_body in self.store.search_candidates(needle, limit):
                stored = self.store.get(article_id)
                if stored is None:
                    continue
                hit = _hit(article_id, stored.title, pattern, s_title, s_body,
                           lambda i=article_id: self.store.read_text(i) or "")
                if hit:
                    hits.append(hit)
        return hits[:limit]

    def _require_store(self) -> LibraryStore:
        if self.store is None:
            raise LibraryError("this library has no place to store imports")
        return self.store


def _hit(article_id: str, title: str, pattern: re.Pattern, s_title: str, s_body: str,
         original: Callable[[], str]) -> SearchHit | None:
    in_title = bool(pattern.search(s_title))
    found = None
    for count, match in enumerate(pattern.finditer(s_body)):
        start, end = match.span()
        line_start = s_body.rfind("\n", 0, start) + 1
        line_end = s_body.find("\n", end)
        line_end = len(s_body) if line_end < 0 else line_end
        found = found or (start, end, line_start, line_end)
        # The headline repeats the title: show a line of the text instead when there is one.
        if s_body[line_start:line_end].strip() != s_title.strip() or count >= 20:
            found = (start, end, line_start, line_end)
            break
    if found is None:
        return SearchHit(article_id, title, title, -1, True) if in_title else None
    start, end, line_start, line_end = found
    text = original()
    source = text if len(text) == len(s_body) else s_body
    left = max(line_start, start - SNIPPET_CONTEXT)
    right = min(line_end, end + SNIPPET_CONTEXT)
    snippet = ("…" if left > line_start else "") + source[left:right].strip() + (
        "…" if right < line_end else "")
    return SearchHit(article_id, title, snippet, start, in_title)


def _fraction(offset: int, length: int) -> float:
    return min(1.0, offset / length) if length > 0 else 0.0


def _with_progress(info: ArticleInfo, positions: dict[str, int]) -> ArticleInfo:
    offset = positions.get(info.id, 0)
    offset = offset if isinstance(offset, int) and offset >= 0 else 0
    extra = dict(info.extra, position=offset, progress=_fraction(offset, info.length))
    return dataclasses.replace(info, extra=extra)


def _info(article: StoredArticle, web: tuple[str, str, str] | None = None) -> ArticleInfo:
    """An imported article's metadata; `web`: (url, outlet, published) if fetched."""
    url, outlet, published = web or ("", "", "")
    extra = {"source_file": article.source_file, "imported": article.imported,
             "encoding": article.encoding, "format": article.format,
             "chapters": list(article.chapters), "sha256": article.sha256}
    if url:
        extra["url"] = url
    return ArticleInfo(
        id=article.id, title=article.title, script=article.script, length=article.length,
        publication=outlet, date=published or article.imported[:10], source="imported",
        extra=extra,
    )
