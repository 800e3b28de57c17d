"""Text: see docs/design/architecture.md."""
