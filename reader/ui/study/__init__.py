"""The study feature in the window: statuses from the reader, adaptive ruby, tints, Study tab."""
