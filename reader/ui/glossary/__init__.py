"""Glossary: see docs/design/architecture.md."""
