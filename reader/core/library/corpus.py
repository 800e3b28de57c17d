"""The bundled articles: UTF-8 text files with a small front-matter header.

    ---
    id: caijing-2020-to-b
    title: ...
    publication: ...
    date: 2020-11
    script: traditional
    note: ...
    ---
    article text

The loader lists them with that metadata; nothing here writes to `corpus/`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.core.text.scripts import Script


@dataclass(frozen=True)
class ArticleInfo:
    """An article's metadata, without its text."""

    id: str
    title: str
    script: Script
    length: int
    publication: str = ""
    date: str = ""
    note: str = ""
    source: str = "corpus"
    path: Path | None = field(default=None, compare=False)
    extra: dict = field(default_factory=dict, compare=False)


def parse_front_matter(raw: str) -> tuple[dict[str, str], str]:
    """Split '---' front matter (key: value lines) from the body."""
    if not raw.startswith("---\n"):
        return {}, raw
    end = raw.find("\n---\n", 4)
    if end < 0:
        return {}, raw
    meta: dict[str, str] = {}
    for line in raw[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    return meta, raw[end + 5 :]


class Corpus:
    """The read-only bundled articles in a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._articles: dict[str, tuple[ArticleInfo, str]] | None = None

    def _load(self) -> dict[str, tuple[ArticleInfo, str]]:
        if self._articles is None:
            articles: dict[str, tuple[ArticleInfo, str]] = {}
            for path in sorted(self.folder.glob("*.txt")):
                meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
                article_id = meta.get("id") or path.stem
                info = ArticleInfo(
                    id=article_id,
                    title=meta.get("title", path.stem),
                    script=Script(meta.get("script", "simplified")),
                    length=len(body),
                    publication=meta.get("publication", ""),
                    date=meta.get("date", ""),
                    note=meta.get("note", ""),
                    source="corpus",
                    path=path,
                    extra={k: v for k, v in meta.items() if k not in {
                        "id", "title", "script", "publication", "date", "note"}},
                )
                articles[article_id] = (info, body)
            self._articles = articles
        return self._articles

    def list(self) -> list[ArticleInfo]:
        return [info for info, _ in self._load().values()]

    def items(self) -> list[tuple[ArticleInfo, str]]:
        """Every (metadata, text), in file order."""
        return list(self._load().values())

    def get_exact(self, article_id: str) -> tuple[ArticleInfo, str] | None:
        return self._load().get(article_id)

    def get(self, article_id: str) -> tuple[ArticleInfo, str] | None:
        """(metadata, text) of an article by id, or by a unique id prefix."""
        articles = self._load()
        if article_id in articles:
            return articles[article_id]
        matches = [key for key in articles if key.startswith(article_id)]
        return articles[matches[0]] if len(matches) == 1 else None


def format_length(chars: int) -> str:
    """'9,489 chars' under 100k, '1.2M chars' for the very long."""
    if chars >= 1_000_000:
        return f"{chars / 1_000_000:.1f}M chars"
    if chars >= 100_000:
        return f"{chars // 1000}k chars"
    return f"{chars:,} chars"
