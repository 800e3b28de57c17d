"""Look up anything: the Dictionary side tab (Ctrl+D)."""
