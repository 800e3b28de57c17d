"""Importing every supported format and encoding, from sample files the tests write."""
from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.library.catalog import Library
from reader.core.library.corpus import Corpus
from reader.core.paths import corpus_dir, data_dir
from reader.core.text.scripts import Script


def _encodable_lines(text: str, encoding: str, count: int) -> list[str]:
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        try:
            line.encode(encoding)
        except UnicodeEncodeError:
            continue
        lines.append(line)
        if len(lines) == count:
            break
    return lines


@pytest.fixture
def library() -> Library:
    return Library(Corpus(corpus_dir()), data_dir() / "library")


@pytest.fixture(scope="module")
def traditional_text() -> str:
    """Ten paragraphs of seed 000 (Traditional) that Big5 can encode."""
    text = Corpus(corpus_dir()).items()[0][1]
    return "\n".join(_encodable_lines(text, "big5", 10)) + "\n"


@pytest.fixture(scope="module")
def simplified_text() -> str:
    """Ten paragraphs of seed 004 (Simplified) that GB2312 can encode."""
    text = Corpus(corpus_dir()).items()[4][1]
    return "\n".join(_encodable_lines(text, "gb2312", 10)) + "\n"


@pytest.mark.parametrize("codec, expected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
])
def test_simplified_encodings(library, tmp_path, simplified_text, codec, expected):
    """A Simplified article written in each encoding imports with the exact text and the
    encoding detected confidently, and is listed as Simplified."""
    path = tmp_path / f"article-{codec}.txt"
    path.write_bytes(simplified_text.encode(codec))
    prepared = library.prepare_file(path)
    assert prepared.encoding == expected
    assert prepared.confident
    info = library.store_prepared(prepared)
    found_info, text = library.get(info.id)
    assert text == simplified_text
    assert found_info.script is Script.SIMPLIFIED
    assert found_info.extra["encoding"] == expected
    assert found_info.extra["source_file"] == str(path.resolve())
    assert found_info.title == simplified_text.split("\n")[0][:80].split("。")[0][:80]


@pytest.mark.parametrize("codec", ["big5", "utf-16-le", "utf-8-sig"])
def test_traditional_encodings(library, tmp_path, traditional_text, codec):
    """A Traditional article in Big5 (and UTF-16/UTF-8) imports exactly and is Traditional."""
    path = tmp_path / f"trad-{codec}.txt"
    path.write_bytes(traditional_text.encode(codec))
    info = library.import_file(path)
    assert library.get(info.id)[1] == traditional_text
    assert info.script is Script.TRADITIONAL
    assert info.extra["encoding"] == codec


def test_encoding_override_and_uncertain_detection(library, tmp_path):
    """Two Big5 characters alone are ambiguous: detection says it is not sure, and the
    user's choice of encoding decodes them correctly."""
    path = tmp_path / "short.txt"
    path.write_bytes("騰訊".encode("big5"))
    guessed = library.prepare_file(path)
    assert not guessed.confident
    assert "big5" in (guessed.encoding, *guessed.alternatives)
    chosen = library.prepare_file(path, encoding="big5")
    assert chosen.text == "騰訊\n"
    assert chosen.encoding == "big5"


def test_markdown(library, tmp_path):
    """Markdown loses its markup but keeps headings as paragraphs; the title comes from the
    first heading."""
    path = tmp_path / "notes.md"
    path.write_text(
        "# 腾讯的 **To B** 之路\n\n"
        "腾讯在[产业互联网](https://example.com)上投入很大。\n\n"
        "![图](pic.png)\n"
        "- 第一点：*云计算*\n"
        "- 第二点：`企业微信`\n\n"
        "```\n```\n"
        "> 汤道生说：要有耐心。\n",
        encoding="utf-8")
    info = library.import_file(path)
    _, text = library.get(info.id)
    assert info.title == "腾讯的 To B 之路"
    assert text.split("\n")[0] == "腾讯的 To B 之路"
    assert "腾讯在产业互联网上投入很大。" in text
    assert "第一点：云计算" in text and "第二点：企业微信" in text
    assert "汤道生说：要有耐心。" in text
    for markup in ("**", "](", "![", "`", "> ", "- 第"):
        assert markup not in text
    assert info.extra["format"] == "markdown"


def _page(charset: str = "utf-8") -> str:
    paragraphs = [
        "腾讯云与智慧产业事业群成立一年以来，核心工作是搭建理解每个行业的专业团队。",
        "汤道生表示，产业互联网是一个长期的过程，需要耐心和投入，腾讯会继续开放能力。",
        "据了解，字节跳动旗下的企业协作平台飞书近期正在国内密切接触一批软件厂商与渠道商。",
        "业内人士认为，企业服务市场的竞争才刚刚开始，谁能赢得客户的信任，谁就能走得更远。",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><meta charset="{charset}"><title>腾讯开荒：产业互联网的81难</title>'
        '<script>var tracker = "不要这段脚本";</script><style>p {color: red}</style></head>'
        '<body><nav><a href="/">首页</a> &gt; <a href="/news">国内新闻</a></nav>'
        '<div class="sidebar"><h3>热门推荐</h3><ul><li><a href="/1">冰雪旅游须转型升级</a></li>'
        '<li><a href="/2">另一条新闻标题在这里</a></li></ul></div>'
        f"<article><h1>腾讯开荒：产业互联网的81难</h1>{body}</article>"
        "<footer>版权所有 © 某某新闻网 <a href='/map'>网站地图</a></footer></body></html>"
    )


@pytest.mark.parametrize("charset, codec", [("utf-8", "utf-8"), ("gb2312", "gb18030")])
def test_html_article_extracted(library, tmp_path, charset, codec):
    """From a web page only the article is kept: title, paragraphs in order, no navigation,
    side bar, script, style or footer; a <meta charset> is honoured."""
    path = tmp_path / "page.html"
    path.write_bytes(_page(charset).encode(codec))
    info = library.import_file(path)
    _, text = library.get(info.id)
    lines = [line for line in text.split("\n") if line.strip()]
    assert info.title == "腾讯开荒：产业互联网的81难"
    assert lines[0] == "腾讯开荒：产业互联网的81难"
    assert lines[1].startswith("腾讯云与智慧产业事业群成立一年以来")
    assert lines[-1].startswith("业内人士认为")
    for chrome in ("不要这段脚本", "color", "国内新闻", "热门推荐", "冰雪旅游", "版权所有", "网站地图"):
        assert chrome not in text
    assert info.extra["format"] == "html"
    assert info.extra["encoding"] == codec


def _epub(path: Path) -> None:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("test-book-1")
    book.set_title("腾讯的企业服务之路")
    book.set_language("zh")
    one = epub.EpubHtml(title="第一章 转身", file_name="one.xhtml", lang="zh")
    one.content = ("<html><body><h1>第一章 转身</h1><p>2018年，腾讯进行了\n组织架构调整。</p>"
                   "<p>云与智慧产业事业群<br/>由此成立。</p></body></html>")
    two = epub.EpubHtml(title="第二章 生态", file_name="two.xhtml", lang="zh")
    two.content = ("<html><body><h2>第二章 生态</h2><div><p>腾讯说要做连接器。</p>"
                   "<ul><li>企业微信</li><li>腾讯会议</li></ul></div></body></html>")
    for item in (one, two):
        book.add_item(item)
    book.toc = [one, two]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", one, two]
    epub.write_epub(str(path), book)


def test_epub_one_entry_with_chapters(library, tmp_path):
    """An e-book becomes one entry: its title, chapters in order with headings kept as
    paragraphs, and a chapter list whose offsets point at each heading."""
    path = tmp_path / "book.epub"
    _epub(path)
    info = library.import_file(path)
    assert [a.id for a in library.list()].count(info.id) == 1
    _, text = library.get(info.id)
    assert info.title == "腾讯的企业服务之路"
    assert text.split("\n")[:4] == ["第一章 转身", "2018年，腾讯进行了组织架构调整。",
                                    "云与智慧产业事业群", "由此成立。"]
    assert "企业微信\n腾讯会议" in text
    chapters = info.extra["chapters"]
    assert [title for title, _ in chapters] == ["第一章 转身", "第二章 生态"]
    for title, offset in chapters:
        assert text[offset : offset + len(title)] == title
    assert info.extra["format"] == "epub"


def test_pdf_text_layer(library, tmp_path, qapp):
    """A PDF with a text layer (written by Qt) imports its Chinese and English text."""
    from PySide6.QtCore import QMarginsF, QRectF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    path = tmp_path / "report.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                     QMarginsF(20, 20, 20, 20)))
    painter = QPainter(writer)
    painter.setFont(QFont("Noto Sans CJK SC", 12))
    painter.drawText(QRectF(0, 0, 8000, 400), "腾讯云与智慧产业 Tencent cloud report")
    painter.end()
    info = library.import_file(path)
    text = library.get(info.id)[1]
    assert "腾讯云与智慧产业" in text and "Tencent cloud report" in text
    assert info.extra["format"] == "pdf"


def test_pasted_text(library):
    """Pasted text becomes an article whose source is "pasted", titled by its first line."""
    info = library.import_text("  \n湯道生的第一年\n\n騰訊雲與智慧產業事業群成立一年。\n")
    found, text = library.get(info.id)
    assert found.title == "湯道生的第一年"
    assert found.extra["source_file"] == "pasted"
    assert text == "湯道生的第一年\n\n騰訊雲與智慧產業事業群成立一年。\n"
    assert found.script is Script.TRADITIONAL


def test_boilerplate_trimmed_on_import(library, tmp_path):
    """Breadcrumbs, related-article lists, share prompts and copyright lines are trimmed,
    the paragraphs between them kept."""
    path = tmp_path / "scraped.txt"
    path.write_text(
        "您的位置:首页 > 科技\n\n腾讯的新战略\n\n腾讯宣布成立新的事业群。\n\n"
        "分享到：微信 微博\n打印 | 收藏 | 举报\n相关文章\n"
        "未经授权禁止转载\nCopyright © 2019 某网站\n", encoding="utf-8")
    info = library.import_file(path)
    assert library.get(info.id)[1] == "腾讯的新战略\n\n腾讯宣布成立新的事业群。\n"
    assert info.title == "腾讯的新战略"


def test_explicit_title_wins(library, tmp_path):
    """--title / the title argument overrides the document's own title."""
    path = tmp_path / "a.txt"
    path.write_text("第一行\n正文。\n", encoding="utf-8")
    assert library.import_file(path, title="  我的 标题 ").title == "我的 标题"
