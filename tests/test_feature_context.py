"""Features see a narrow context and only the services they declare."""
from __future__ import annotations

import pytest

from reader.ui.feature_context import DeclaredServices, FeatureContext


def test_a_feature_reads_only_the_services_it_declared(services):
    """An undeclared service is an AttributeError that names what was declared."""
    declared = DeclaredServices(services, ("glossary",))
    assert declared.glossary is services.glossary
    with pytest.raises(AttributeError, match="'library' was not declared.*glossary"):
        _ = declared.library


def test_installed_features_hold_a_context_not_the_window(qtbot, services):
    """Every installed feature keeps a FeatureContext, which exposes none of the window's
    internals (its article session, its private methods)."""
    from reader.ui.main import feature_modules, install_features
    from reader.ui.main_window import MainWindow

    window = MainWindow(services, persist=False, restore=False)
    qtbot.addWidget(window)
    assert install_features(window, services) == []
    features = [child for child in window.children() if hasattr(child, "context")]
    assert len(features) >= len(feature_modules())
    for feature in features:
        assert isinstance(feature.context, FeatureContext)
        assert not hasattr(feature.context, "session")
        assert not hasattr(feature.context, "_announce")
