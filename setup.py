"""Packaging beyond pyproject.toml: the top-level assets/ and corpus/ ship in the wheel.

They stay at the top of the repository; in the wheel they become `reader/_assets` and
`reader/_corpus` (every file, subfolders included), read by `reader.core.paths`.
"""
from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["reader", "reader.*"]), "reader._assets", "reader._corpus"],
    package_dir={"reader._assets": "assets", "reader._corpus": "corpus"},
    package_data={"reader._assets": ["**/*"], "reader._corpus": ["**/*"]},
)
