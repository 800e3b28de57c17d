"""The Qt-free core: text pipeline, dictionaries, glossary, people, flashcards, storage."""
