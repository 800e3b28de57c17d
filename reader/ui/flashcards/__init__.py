"""Flashcards: see docs/design/architecture.md."""
