"""Colours and fonts of the reading view and its popup: light and dark palettes, CJK fonts.

The reading font is chosen per view: a Song/Ming serif (Noto Serif CJK, or Source Han
Serif, the same design) in the regional variant that matches the script shown, so 骨/將/
說 get the glyph shapes their readers expect; sans-serif CJK families and the platform's
own CJK fonts follow as fallbacks. Pinyin uses a sans-serif with tone-mark coverage.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication

from reader.core.text.scripts import Script, View

# Regional variants: the first family that is installed wins; Qt falls back through the rest.
_SERIF = {
    "SC": ["Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN"],
    "TC": ["Noto Serif CJK TC", "Source Han Serif TC", "Source Han Serif TW"],
    "HK": ["Noto Serif CJK HK", "Noto Serif CJK TC", "Source Han Serif HK"],
}
_SANS = {
    "SC": ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
           "WenQuanYi Micro Hei"],
    "TC": ["Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"],
    "HK": ["Noto Sans CJK HK", "Noto Sans CJK TC", "PingFang HK", "Microsoft JhengHei"],
}
_LAST_RESORT = ["Noto Sans CJK SC", "Songti SC", "SimSun", "AR PL UMing CN", "Droid Sans Fallback"]
PINYIN_FAMILIES = ["Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", "Segoe UI", "Helvetica Neue"]

PINYIN_MIN_POINTS = 6.0  # no pinyin is drawn smaller

CJK_FONT_PACKAGE = "fonts-noto-cjk"


def region_for(view: View, script: Script) -> str:
    """'SC', 'TC' or 'HK': the glyph standard matching the text shown in `view`."""
    if view is View.HONGKONG:
        return "HK"
    if view.is_traditional:
        return "TC"
    if view is View.ORIGINAL and script is Script.TRADITIONAL:
        return "TC"
    return "SC"


def reading_families(view: View, script: Script) -> list[str]:
    """Font families for the article text in `view`, best first."""
    region = region_for(view, script)
    return [*_SERIF[region], *_SANS[region], *_LAST_RESORT]


def reading_font(view: View, script: Script, points: int) -> QFont:
    """The article font for `view` at `points`."""
    font = QFont()
    font.setFamilies(reading_families(view, script))
    font.setPointSizeF(float(points))
    font.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    return font


def pinyin_font(points: float) -> QFont:
    """The font for ruby pinyin and the popup's pinyin line."""
    font = QFont()
    font.setFamilies(PINYIN_FAMILIES)
    font.setPointSizeF(max(PINYIN_MIN_POINTS, points))
    return font


def ruby_font(points: float) -> QFont:
    """The pinyin above words: the pinyin font's semi-condensed face where the family has
    one (DejaVu Sans Condensed, Noto Sans SemiCondensed): ~10 % narrower, so the words
    below need less spacing."""
    font = pinyin_font(points)
    font.setStretch(QFont.Stretch.SemiCondensed)
    return font


def popup_font() -> QFont:
    """The popup's running text: a UI sans-serif, a little larger than the default."""
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", *_SANS["SC"]])
    font.setPointSizeF(10.5)
    return font


def has_cjk_font() -> bool:
    """Whether any CJK family we know of is installed."""
    installed = set(QFontDatabase.families())
    every = {f for group in (*_SERIF.values(), *_SANS.values()) for f in group}
    return bool(installed & (every | set(_LAST_RESORT)))


def missing_font_notice() -> str | None:
    """A one-line notice when no CJK font is installed (None when one is)."""
    if has_cjk_font():
        return None
    return ("No Chinese font is installed, so characters would show as boxes. Install "
            f"'{CJK_FONT_PACKAGE}' (Debian/Ubuntu) or any Noto CJK / Source Han font.")


def system_prefers_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme (False when unknown)."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is None:
        return False
    from PySide6.QtCore import Qt

    return scheme() == Qt.ColorScheme.Dark


@dataclass(frozen=True)
class Theme:
    """The colours of the reading view and popup in one palette."""

    name: str
    background: QColor
    text: QColor
    muted: QColor
    hover: QColor  # whole-word hover tint
    cursor: QColor  # keyboard word cursor outline
    selection: QColor
    glossary: QColor  # dotted underline
    person: QColor  # light tint
    highlight: QColor  # strong tint
    search: QColor
    ruby: QColor
    popup_background: QColor
    popup_border: QColor
    popup_text: QColor
    link: QColor
    tones: tuple[QColor, QColor, QColor, QColor, QColor]  # tones 1-4, then neutral
    study: QColor = field(default_factory=lambda: _rgba("#e57373", 60))  # tinted words

    def tone_colour(self, tone: int) -> QColor:
        """Colour of tone 1-4; anything else is the neutral tone."""
        return self.tones[tone - 1] if 1 <= tone <= 4 else self.tones[4]

    def mark_colour(self, style: str) -> QColor:
        return {"glossary": self.glossary, "person": self.person, "study": self.study,
                "highlight": self.highlight, "search": self.search}[style]


def _rgba(hex_rgb: str, alpha: int = 255) -> QColor:
    colour = QColor(hex_rgb)
    colour.setAlpha(alpha)
    return colour


LIGHT = Theme(
    name="light",
    background=QColor("#fbfaf6"),
    text=QColor("#1d1d1f"),
    muted=QColor("#5f6368"),
    hover=_rgba("#ffd54f", 150),
    cursor=QColor("#1a73e8"),
    selection=_rgba("#1a73e8", 70),
    glossary=QColor("#9c4dcc"),
    person=_rgba("#4fc3f7", 55),
    highlight=_rgba("#ff9800", 120),
    search=_rgba("#cddc39", 150),
    ruby=QColor("#4a4f57"),
    popup_background=QColor("#ffffff"),
    popup_border=QColor("#b9bcc2"),
    popup_text=QColor("#1d1d1f"),
    link=QColor("#1a5fb4"),
    tones=(QColor("#d32f2f"), QColor("#d9480f"), QColor("#2b8a3e"), QColor("#1864ab"),
           QColor("#6c737a")),
)

DARK = Theme(
    name="dark",
    background=QColor("#1d1f23"),
    text=QColor("#e8e4dc"),
    muted=QColor("#a4a7ad"),
    hover=_rgba("#ffca28", 70),
    cursor=QColor("#8ab4f8"),
    selection=_rgba("#8ab4f8", 80),
    glossary=QColor("#ce93d8"),
    person=_rgba("#4fc3f7", 45),
    highlight=_rgba("#ff9800", 95),
    search=_rgba("#cddc39", 90),
    ruby=QColor("#b8bcc4"),
    popup_background=QColor("#2b2e34"),
    popup_border=QColor("#555a63"),
    popup_text=QColor("#ece8e1"),
    link=QColor("#8ab4f8"),
    tones=(QColor("#ff6b6b"), QColor("#ffa94d"), QColor("#69db7c"), QColor("#74c0fc"),
           QColor("#adb5bd")),
    study=_rgba("#ef9a9a", 45),
)


def theme_for(dark: bool) -> Theme:
    return DARK if dark else LIGHT
