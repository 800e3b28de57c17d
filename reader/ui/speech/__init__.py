"""Read aloud in the window: word (R in the popup), sentence (Ctrl+R), paragraph."""
