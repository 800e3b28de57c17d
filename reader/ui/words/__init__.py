"""Words: see docs/design/architecture.md."""
