"""Names in 、-lists: news lists board members, speakers or founders one after another
(包括谢继茂、郭水义、张信一等8席董事), with a cue beside none of them.

A list is a run of items separated by 、 inside one clause. Its items are people when the
list already holds a known person (a directory name or one the detector accepted), or when
it has at least three items and every one of them is shaped like a Chinese name and is no
dictionary word, organisation or place. The first item is cut from the end of the text
before the first 、 (包括|谢继茂), the last from the start of the text after the last
(曾世宏|等8席); middle items must be whole names.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection

from reader.core.people.cues import CLAUSE_BREAK

_HAN = "\u4e00-\u9fff"
# A clause: text between breaks other than 、 (a list never spans a comma or a full stop).
_CLAUSE = re.compile("[^" + re.escape(CLAUSE_BREAK.replace("、", "")) + "]+")
# What may follow the last item of a list of names (等8席, 和..., 两位, 三人).
_AFTER_LAST = re.compile(f"(?:等|和|及|与|以及|两|三|四|五|六|七|八|九|十|共|分别|均|都|也|"
                         f"先生|女士|$|[^{_HAN}])")
MIN_UNCUED_ITEMS = 3


def list_names(text: str, known: Collection[str],
               is_name: Callable[[str], bool]) -> set[str]:
    """Names found only by sitting in a 、-list with other names.

    `known` holds names already found in the text; `is_name(item)` says whether an item is
    shaped like a Chinese name and is no common word, organisation or place.
    """
    found: set[str] = set()
    for clause in _CLAUSE.finditer(text):
        parts = clause.group(0).split("、")
        if len(parts) < 2:
            continue
        items = _items(parts, known, is_name)
        if items is None:
            continue
        has_known = any(item in known for item in items)
        if has_known or (len(items) >= MIN_UNCUED_ITEMS
                         and all(item in known or is_name(item) for item in items)):
            found.update(item for item in items if item not in known and is_name(item))
    return found


def _items(parts: list[str], known: Collection[str],
           is_name: Callable[[str], bool]) -> list[str] | None:
    """The list's items as names, or None when a middle item is not a whole short name."""
    first = _cut(parts[0], known, is_name, from_end=True)
    last = _cut(parts[-1], known, is_name, from_end=False)
    middle = [p.strip() for p in parts[1:-1]]
    if first is None or last is None or any(not 2 <= len(p) <= 4 for p in middle):
        return None
    return [first, *middle, last]


def _cut(part: str, known: Collection[str], is_name: Callable[[str], bool],
         from_end: bool) -> str | None:
    """The name at the end (first item) or start (last item) of a list's outer part: a
    known name first (at the start, whatever follows it), else the first name-shaped one
    (three characters, then two, four) before a word that may end a list."""
    part = part.strip()
    pieces = [part[-size:] if from_end else part[:size] for size in (3, 2, 4)
              if len(part) >= size]
    # a known name at the start may be followed by anything (刘德华出演的…): longest first
    known_order = pieces if from_end else sorted(pieces, key=len, reverse=True)
    hit = next((piece for piece in known_order if piece in known), None)
    if hit is not None:
        return hit
    items = [piece for piece in pieces if from_end or _AFTER_LAST.match(part, len(piece))]
    return next((item for item in items if is_name(item)), None)
