"""Plain text out of the formats the importer accepts: .txt, .md, .html/.htm, .epub, .pdf.

Each extractor returns an `Extracted`: paragraphs one per line, the document's own title
when it has one, the encoding used and, for e-books, the chapter list. Web pages go through
trafilatura (a readability extractor: navigation, scripts, styles and side bars dropped);
e-books through ebooklib, chapter by chapter in spine order with their headings kept as
paragraphs. PDF text needs the optional pure-Python `pypdf` package.

Every failure is a `TextInputError` whose message can be shown to the user as it is.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.library.encodings import DecodedText, TextInputError, decode_bytes

FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".epub": "epub", ".pdf": "pdf",
}
# File-dialog filter: every suffix above.
SUFFIXES: tuple[str, ...] = tuple(FORMATS)


@dataclass
class Extracted:
    """Text pulled out of a document, with what was learnt on the way."""

    text: str
    title: str = ""
    encoding: str = "utf-8"
    confident: bool = True
    alternatives: tuple[str, ...] = ()
    format: str = "text"
    chapters: list[tuple[str, int]] = field(default_factory=list)


def format_of(path: Path) -> str:
    """The format named by a file's suffix; unknown suffixes are tried as plain text."""
    return FORMATS.get(path.suffix.lower(), "text")


def extract_bytes(data: bytes, fmt: str, encoding: str | None = None) -> Extracted:
    """Extract text from a file's bytes in format `fmt` (see FORMATS)."""
    if not data.strip():
        raise TextInputError("the file is empty")
    if fmt == "epub":
        return extract_epub(data)
    if fmt == "pdf":
        return extract_pdf(data)
    if fmt == "html":
        return extract_html(data, encoding)
    decoded = decode_bytes(data, encoding)
    if fmt == "markdown":
        text, title = markdown_to_text(decoded.text)
        return _from_decoded(decoded, text, title, "markdown")
    return _from_decoded(decoded, decoded.text, "", "text")


def _from_decoded(decoded: DecodedText, text: str, title: str, fmt: str) -> Extracted:
    return Extracted(text=text, title=title, encoding=decoded.encoding,
                     confident=decoded.confident, alternatives=decoded.alternatives, format=fmt)


# ---------------------------------------------------------------- Markdown

_MD_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
# Every pattern below fails in time linear in what it scans, and what a failed attempt
# scans ends at the next delimiter, so a line of 100k brackets or asterisks costs
# milliseconds (unbounded `[^\]]+` or `.+?` made such lines quadratic: 48 s for 160 KB).
_MD_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # (url), one level of parentheses inside
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]" + _MD_TARGET)
_MD_EMPHASIS = re.compile(r"(\*\*|__|~~|[*_`])(?=\S)((?:(?!\1).)+?)(?<=\S)\1")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")


def markdown_to_text(source: str) -> tuple[str, str]:
    """Markdown to plain paragraphs; the title from front matter or the first heading."""
    title = ""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    front = _MD_FRONT.match(source)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "title":
                title = value.strip().strip("\"'")
        source = source[front.end():]
    lines = []
    for line in source.split("\n"):
        if _MD_FENCE.match(line) or _MD_RULE.match(line):
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1).rstrip().rstrip("#").rstrip()
            title = title or line
        line = _MD_QUOTE.sub("", line)
        line = _MD_LIST.sub("", line)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line.rstrip())
    return "\n".join(lines), _strip_markup(title)


def _strip_markup(text: str) -> str:
    return _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", text)).strip()


# ---------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
                    "big5": "big5hkscs", "x-big5": "big5hkscs"}


def decode_html(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode a web page: the given encoding, else its <meta charset>, else detection."""
    if encoding:
        return decode_bytes(data, encoding)
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            name = _CHARSET_ALIASES.get(name, name)
            try:
                return decode_bytes(data, name)
            except TextInputError:
                pass  # a wrong declaration is common: fall back to detection
    return decode_bytes(data)


def extract_html(data: bytes, encoding: str | None = None) -> Extracted:
    """The article of a web page, without navigation, scripts, styles or side bars."""
    import trafilatura

    decoded = decode_html(data, encoding)
    html = decoded.text
    if "<" not in html:
        raise TextInputError("this is not a web page (no HTML markup)")
    text = trafilatura.extract(html, include_comments=False, include_tables=True,
                               deduplicate=False)
    if not text or not text.strip():
        raise TextInputError("no article text found in this web page")
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "").strip() if metadata else ""
    first = text.lstrip().split("\n", 1)[0].strip()
    if title and title not in text[: len(title) + 200] and len(title) <= 120:
        text = f"{title}\n{text}"  # the headline is worth reading too
    elif not title:
        title = first
    return _from_decoded(decoded, text, title, "html")


# ---------------------------------------------------------------- EPUB

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div",
           "section", "article", "dd", "dt", "figcaption", "td", "th", "tr", "table",
           "ul", "ol", "dl", "header", "footer", "aside", "main", "body"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \t]*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])")
_BREAK = "\u2028"  # stands for <br> while the text of a block is gathered
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _inline(text: str) -> str:
    """Collapse white space; drop the breaks that source line-wrapping put between CJK."""
    text = _CJK_GAP.sub("", text)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def _block_lines(element) -> list[tuple[str, bool]]:
    """(line, is_heading) for each leaf block under `element`, in document order."""
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.rsplit("}", 1)[-1].lower()
    if tag in ("script", "style", "head", "title", "nav"):
        return []
    children = [c for c in element if isinstance(c.tag, str)]
    has_blocks = any(c.tag.rsplit("}", 1)[-1].lower() in _BLOCKS for c in children)
    if not has_blocks:
        for br in element.iter("{*}br", "br"):
            br.tail = _BREAK + (br.tail or "")
        text = "".join(element.itertext())
        return [(_inline(part), tag in _HEADINGS) for part in text.split(_BREAK) if _inline(part)]
    lines: list[tuple[str, bool]] = []
    if element.text and _inline(element.text):
        lines.append((_inline(element.text), False))
    for child in children:
        lines.extend(_block_lines(child))
        if child.tail and _inline(child.tail):
            lines.append((_inline(child.tail), False))
    return lines


def _toc_titles(toc) -> dict[str, str]:
    """href (without #fragment) -> title, from the book's table of contents."""
    titles: dict[str, str] = {}
    for entry in toc:
        if isinstance(entry, (tuple, list)):
            section, children = entry[0], entry[1]
            titles.update(_toc_titles([section]))
            titles.update(_toc_titles(children))
            continue
        href = getattr(entry, "href", None) or getattr(entry, "file_name", None)
        title = getattr(entry, "title", None)
        if href and title:
            titles.setdefault(href.split("#", 1)[0], title)
    return titles


def extract_epub(data: bytes) -> Extracted:
    """One text from an e-book: its chapters in reading order, each heading a paragraph."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TextInputError("this .epub is not an e-book (an .epub file is a zip archive)")
    _check_expansion(data)
    from ebooklib import ITEM_DOCUMENT, epub
    from lxml import etree
    from lxml import html as lxml_html

    try:
        book = epub.read_epub(io.BytesIO(data), options={"ignore_ncx": True})
    except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted input
        raise TextInputError(f"cannot read the e-book: {_one_line(exc)}") from None
    titles = _toc_titles(book.toc)
    pieces: list[str] = []
    chapters: list[tuple[str, int]] = []
    offset = 0
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ITEM_DOCUMENT or isinstance(item, epub.EpubNav):
            continue
        content = item.get_content()
        if not content.strip():
            continue
        try:
            root = lxml_html.document_fromstring(content)
        except (etree.ParserError, ValueError):
            continue
        lines = _block_lines(root.find("body") if root.find("body") is not None else root)
        if not lines:
            continue
        toc_title = titles.get(item.get_name(), "")
        heading = next((text for text, is_heading in lines if is_heading), "")
        chapter_title = toc_title or heading or lines[0][0][:40]
        text_lines = [text for text, _ in lines]
        if toc_title and toc_title not in text_lines[:3]:
            text_lines.insert(0, toc_title)
        chapter = "\n".join(text_lines)
        chapters.append((chapter_title, offset))
        pieces.append(chapter)
        offset += len(chapter) + 2
    if not pieces:
        raise TextInputError("the e-book has no readable text")
    meta_title = book.get_metadata("DC", "title")
    title = meta_title[0][0].strip() if meta_title and meta_title[0][0] else ""
    return Extracted(text="\n\n".join(pieces), title=title, encoding="utf-8", format="epub",
                     chapters=chapters)


EPUB_MAX_EXPANDED = 200_000_000  # bytes an e-book may unpack to, in all
EPUB_MAX_RATIO = 100  # and at most this many times its own size (past 10 MB)


def _check_expansion(data: bytes) -> None:
    """Refuse a zip bomb before anything is unpacked: the members' declared sizes (which
    Python's zipfile never reads past) must stay under the caps."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TextInputError(f"cannot read the e-book: {_one_line(exc)}") from None
    if expanded > EPUB_MAX_EXPANDED:
        raise TextInputError(f"the e-book unpacks to {expanded / 1e6:,.0f} MB, over the "
                             f"{EPUB_MAX_EXPANDED / 1e6:.0f} MB limit for e-books; refused")
    if expanded > 10_000_000 and expanded > EPUB_MAX_RATIO * len(data):
        raise TextInputError(f"the e-book unpacks to {expanded / len(data):,.0f} times its "
                             f"size ({expanded / 1e6:,.0f} MB); refused as a likely zip bomb")


# ---------------------------------------------------------------- PDF

_PDF_JUNK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffd]")


def extract_pdf(data: bytes) -> Extracted:
    """The text layer of a PDF (needs pypdf; scanned pages without text are refused)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import LimitReachedError
    except ImportError:
        raise TextInputError("PDF import needs the pypdf package (pip install pypdf)") from None
    if not data.startswith(b"%PDF"):
        raise TextInputError("this .pdf is not a PDF file")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise TextInputError("this PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title or "") if reader.metadata else ""
    except TextInputError:
        raise
    except LimitReachedError as exc:
        raise TextInputError(f"the PDF expands beyond the safety limit; not imported "
                             f"({_one_line(exc)})") from None
    except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted input
        raise TextInputError(f"cannot read the PDF: {_one_line(exc)}") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip()).replace("\t", " ")
    text = _PDF_JUNK.sub("", text)  # glyphs without a Unicode mapping
    if not text.strip():
        raise TextInputError("the PDF has no text layer (scanned pages are not supported)")
    return Extracted(text=text, title=str(title).strip(), encoding="pdf", format="pdf")


def _one_line(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()
    return message[0] if message else type(exc).__name__
