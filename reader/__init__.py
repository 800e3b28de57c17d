"""A bilingual Chinese-English reading aid: Qt-free core, thin Qt views."""

__version__ = "0.1.0"
