"""People: see docs/design/architecture.md."""
