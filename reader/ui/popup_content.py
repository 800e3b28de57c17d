"""The rich text shown in the word popup: the word header and the CC-CEDICT section.

Plain functions from core data to Qt rich-text HTML (the subset QLabel renders), so the
popup widget stays a thin shell and these can be checked without showing anything.
"""
from __future__ import annotations

from html import escape

from reader.core.text.dictionary import Dictionary, Entry, pretty_sense
from reader.core.text.document import Document, Kind
from reader.core.text.pinyin_marks import syllables_of
from reader.core.text.scripts import View
from reader.ui.theme import Theme

FIRST_SENSES = 3  # senses per entry before "more"
FIRST_ENTRIES = 2  # entries (readings) before "more"
MORE_LINK = "more"



def pinyin_html(numbered: str, theme: Theme, tone_colours: bool, separator: str = " ") -> str:
    """Tone-mark pinyin, each syllable coloured by its tone when asked."""
    parts = []
    for syllable, tone in syllables_of(numbered):
        if tone_colours:
            colour = theme.tone_colour(tone).name()
            parts.append(f'<span style="color:{colour}">{escape(syllable)}</span>')
        else:
            parts.append(escape(syllable))
    return separator.join(parts)


def header_html(document: Document, index: int, view: View, theme: Theme,
                tone_colours: bool, cjk_family: str, romanisation: str = "pinyin") -> str:
    """The word in Simplified and Traditional, its reading in context (in the chosen
    romanisation; pinyin too when that is not pinyin), and a character's components."""
    token = document.token(index, view)
    simplified, traditional = token.simplified, token.traditional
    muted = theme.muted.name()
    if token.kind is Kind.WORD and simplified != traditional:
        shown_first = token.text == traditional and token.text != simplified
        first, second = (traditional, simplified) if shown_first else (simplified, traditional)
        words = (f'{escape(first)}&nbsp;&nbsp;<span style="color:{muted}">{escape(second)}</span>')
    else:
        words = escape(token.text)
    html = (f'<div style="font-family:\'{cjk_family}\'; font-size:20pt">{words}</div>')
    if token.pinyin_numbers:
        html += (f'<div style="font-size:13pt; margin-top:2px">'
                 f'{_reading_html(token, theme, tone_colours, romanisation)}</div>')
    if token.kind is Kind.WORD and len(simplified) == 1:
        from reader.core.text.romanize import components

        parts = components(simplified)
        if parts:
            html += (f'<div style="color:{muted}">Parts: '
                     f'<span style="font-family:\'{cjk_family}\'">{escape(" ".join(parts))}'
                     f'</span></div>')
    return html


def _reading_html(token, theme: Theme, tone_colours: bool, system: str) -> str:
    if system == "pinyin":
        return pinyin_html(token.pinyin_numbers, theme, tone_colours)
    from reader.core.text.romanize import syllables

    parts = []
    for text, tone in syllables(token.simplified, token.pinyin_numbers, system):
        colour = theme.tone_colour(tone).name() if tone_colours and tone else ""
        parts.append(f'<span style="color:{colour}">{escape(text)}</span>' if colour
                     else escape(text))
    pinyin = escape(token.pinyin)
    return (" ".join(parts) + f'&nbsp;&nbsp;<span style="color:{theme.muted.name()};'
            f' font-size:10pt">{pinyin}</span>')


def _same_reading(entry: Entry, numbered: str) -> bool:
    def key(text: str) -> str:
        return text.lower().replace("u:", "ü").replace("v", "ü").replace("5", "")

    return key(entry.pinyin_numbers.replace(" ", "")) == key(numbered.replace(" ", ""))


def ranked_entries(entries: tuple[Entry, ...], traditional: str, numbered: str) -> list[Entry]:
    """Entries with the token's own Traditional form and reading in context first."""
    def rank(item: tuple[int, Entry]) -> tuple[bool, bool, int]:
        position, entry = item
        return (entry.traditional != traditional, not _same_reading(entry, numbered), position)

    return [entry for _, entry in sorted(enumerate(entries), key=rank)]


def _entry_html(entry: Entry, theme: Theme, tone_colours: bool, show_reading: bool,
                senses: int | None, traditional_first: bool, dictionary: Dictionary) -> str:
    shown = entry.senses if senses is None else entry.senses[:senses]
    muted = theme.muted.name()
    items = "".join(f'<div><span style="color:{muted}">{n}.</span> '
                    f'{escape(pretty_sense(sense, traditional_first, dictionary))}</div>'
                    for n, sense in enumerate(shown, start=1))
    html = '<div style="margin-top:4px">'
    if show_reading:
        html += (f'<div style="color:{muted}">{escape(entry.traditional)} · '
                 f'{pinyin_html(_numbered(entry), theme, tone_colours)}</div>')
    return html + items + "</div>"


def _numbered(entry: Entry) -> str:
    """CC-CEDICT readings in our tone-number form ('yin2 hang2', lower case, ü)."""
    out = []
    for syllable in entry.pinyin_numbers.split():
        out.append(syllable.lower().replace("u:", "ü"))
    return " ".join(out)


def dictionary_html(dictionary: Dictionary | None, document: Document, index: int,
                    view: View, theme: Theme, tone_colours: bool, expanded: bool,
                    characters: bool = True) -> str | None:
    """CC-CEDICT senses of the token (first few, then a "more" link), or None.

    A word CC-CEDICT lacks gets its characters' glosses, unless `characters` is False
    (a glossary or people card already explains it)."""
    token = document.token(index, view)
    if token.kind not in (Kind.WORD, Kind.LATIN):
        return None
    if dictionary is None:
        return f'<div style="color:{theme.muted.name()}">Dictionary loading…</div>'
    entries = ranked_entries(dictionary.lookup(token.simplified), token.traditional,
                             token.pinyin_numbers)
    if not entries and token.text != token.simplified:
        entries = list(dictionary.lookup(token.text))
    if not entries:
        if token.kind is not Kind.WORD or not characters:
            return None
        return _characters_html(dictionary, token.simplified, theme, token.text)
    shown = entries if expanded else entries[:FIRST_ENTRIES]
    several = len({e.pinyin_numbers.lower() for e in entries}) > 1
    traditional_first = token.text == token.traditional and token.text != token.simplified
    parts = [_entry_html(e, theme, tone_colours, several, None if expanded else FIRST_SENSES,
                         traditional_first or view.is_traditional, dictionary)
             for e in shown]
    hidden = not expanded and (len(entries) > FIRST_ENTRIES
                               or any(len(e.senses) > FIRST_SENSES for e in shown))
    if hidden:
        parts.append(f'<div><a href="{MORE_LINK}" style="color:{theme.link.name()}">'
                     f'more…</a></div>')
    return "".join(parts)


def _characters_html(dictionary: Dictionary, word: str, theme: Theme,
                     shown: str = "") -> str | None:
    """For a word CC-CEDICT lacks (often a name): each character, as `shown` in the view
    (湯, not 汤, in a Traditional view), with its first gloss."""
    rows = []
    shown = shown if len(shown) == len(word) else word
    for ch, written in dict.fromkeys(zip(word, shown, strict=True)):
        gloss = dictionary.first_gloss(ch)
        if gloss:
            rows.append(f"<div>{escape(written)}: {escape(gloss)}</div>")
    if not rows:
        return None
    note = f'<div style="color:{theme.muted.name()}">Not in CC-CEDICT; by character:</div>'
    return note + "".join(rows)


def entry_card_html(entry: Entry, dictionary: Dictionary | None, theme: Theme,
                    tone_colours: bool, cjk_family: str, traditional_first: bool = False) -> str:
    """A CC-CEDICT entry as the popup shows a word: headword, reading, every sense."""
    muted = theme.muted.name()
    first, second = ((entry.traditional, entry.simplified) if traditional_first
                     else (entry.simplified, entry.traditional))
    words = escape(first) + (f'&nbsp;&nbsp;<span style="color:{muted}">{escape(second)}</span>'
                             if second != first else "")
    return (f'<div style="font-family:\'{cjk_family}\'; font-size:20pt">{words}</div>'
            f'<div style="font-size:13pt; margin-top:2px">'
            f'{pinyin_html(_numbered(entry), theme, tone_colours)}</div>'
            + _entry_html(entry, theme, tone_colours, False, None, traditional_first, dictionary))
