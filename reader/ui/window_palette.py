"""The application palette (library, menus, panels) for the light and dark themes.

Built from the reading view's own colours (`reader.ui.theme`) so chrome and article match;
Fusion style everywhere, so the palette is honoured on every platform.
"""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reader.ui.theme import theme_for


def window_palette(dark: bool) -> QPalette:
    """A complete palette for the chosen theme."""
    theme = theme_for(dark)
    palette = QPalette()
    role = QPalette.ColorRole
    if dark:
        window, base, alt, button = QColor("#26282d"), QColor("#1d1f23"), QColor("#2b2e34"), QColor("#33363c")
        text, highlight, highlighted_text = theme.text, QColor("#3d6db5"), QColor("#ffffff")
        disabled = QColor("#7b7f86")
    else:
        window, base, alt, button = QColor("#efeee9"), QColor("#ffffff"), QColor("#f6f5f1"), QColor("#e9e8e3")
        text, highlight, highlighted_text = theme.text, QColor("#2f6fd0"), QColor("#ffffff")
        disabled = QColor("#9a9ca1")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, role.Window, window)
        palette.setColor(group, role.WindowText, text)
        palette.setColor(group, role.Base, base)
        palette.setColor(group, role.AlternateBase, alt)
        palette.setColor(group, role.Text, text)
        palette.setColor(group, role.Button, button)
        palette.setColor(group, role.ButtonText, text)
        palette.setColor(group, role.ToolTipBase, theme.popup_background)
        palette.setColor(group, role.ToolTipText, theme.popup_text)
        palette.setColor(group, role.PlaceholderText, theme.muted)
        palette.setColor(group, role.Highlight, highlight)
        palette.setColor(group, role.HighlightedText, highlighted_text)
        palette.setColor(group, role.Link, theme.link)
        palette.setColor(group, role.BrightText, QColor("#ff5252"))
        palette.setColor(group, role.Light, button.lighter(130))
        palette.setColor(group, role.Midlight, button.lighter(115))
        palette.setColor(group, role.Mid, button.darker(130))
        palette.setColor(group, role.Dark, button.darker(160))
        palette.setColor(group, role.Shadow, QColor("#000000"))
    palette.setColor(QPalette.ColorGroup.Inactive, role.Highlight, highlight.lighter(115) if dark else highlight)
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, role.Window, window)
    palette.setColor(QPalette.ColorGroup.Disabled, role.Base, window)
    palette.setColor(QPalette.ColorGroup.Disabled, role.Button, button)
    return palette


def apply_window_palette(dark: bool) -> None:
    """Set the application palette (no-op without a QApplication)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(window_palette(dark))
