"""The romanisation setting in the window (View › Romanisation)."""
