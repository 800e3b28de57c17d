"""Gloss: see docs/design/architecture.md."""
