"""The reader's corrections of segmentation and readings: "one word", "split", "reading".

    rules.py   Rules (one scope's corrections), validation, applying them to a Document
    store.py   Corrections: the global files and per-article rules, locked atomic writes, CSV
"""
