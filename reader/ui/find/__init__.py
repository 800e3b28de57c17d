"""Find in the article: the find bar (Ctrl+F)."""
