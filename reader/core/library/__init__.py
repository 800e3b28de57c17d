"""Library: see docs/design/architecture.md."""
