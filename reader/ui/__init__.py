"""The window: a thin Qt layer over `reader.core` (it reads annotated Documents, never re-segments)."""
