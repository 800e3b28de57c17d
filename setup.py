"""Packaging beyond pyproject.toml: the top-level assets/ and corpus/ ship in the wheel.

They stay at the top of the repository; in the wheel they become `reader/_assets` and
`reader/_corpus` (every file, subfolders included), read by `reader.core.paths`. Each
subfolder is listed as a data package of its own, so setuptools neither warns about it nor
guesses.
"""
from pathlib import Path

from setuptools import find_packages, setup

DATA = {"reader._assets": "assets", "reader._corpus": "corpus"}
package_dir = {}
for package, folder in DATA.items():
    package_dir[package] = folder
    for sub in sorted(p for p in Path(folder).rglob("*") if p.is_dir()):
        package_dir[package + "." + ".".join(sub.relative_to(folder).parts)] = sub.as_posix()

setup(
    packages=[*find_packages(include=["reader", "reader.*"]), *package_dir],
    package_dir=package_dir,
    package_data={package: ["*"] for package in package_dir},
)
