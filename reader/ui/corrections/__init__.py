"""Corrections in the window: one word, split, change reading (context menu, Tools)."""
