"""Translation: see docs/design/architecture.md."""
