"""Library versions read from their dist-info equal importlib.metadata's."""
from __future__ import annotations

from importlib import metadata

import pytest

from reader.core.versions import NotInstalled, _from_dist_info, version


@pytest.mark.parametrize("name", ["jieba", "pypinyin", "g2pM", "ToJyutping", "opencc", "numpy"])
def test_version_equals_importlib_metadata(name):
    """Every library our cache stamps name reads the same version both ways."""
    assert _from_dist_info(name) == metadata.version(name)
    assert version(name) == metadata.version(name)


def test_unknown_distribution_raises():
    """A name nothing installs raises NotInstalled (a LookupError), never returns a guess."""
    with pytest.raises(NotInstalled):
        version("no-such-distribution-for-the-reader")
