"""`annotate`: the annotated document as text or JSON."""
from __future__ import annotations

from reader.cli.common import add_source, print_json, read_source
from reader.core.text.document import Document, Kind
from reader.core.text.romanize import jyutping, zhuyin
from reader.core.text.scripts import View

VIEW_CHOICES = [v.value for v in View]


def register(sub) -> None:
    parser = sub.add_parser("annotate", help="segment, convert and read a text aloud")
    add_source(parser)
    parser.add_argument("--script", choices=VIEW_CHOICES, default="original",
                        help="the view to show (default: as written)")
    parser.add_argument("--json", action="store_true", help="one JSON object (schema in README)")
    parser.set_defaults(handler=run)


def document_json(document: Document, view: View, services) -> dict:
    """The stable JSON form of a document in one view (see README)."""
    dictionary = services.dictionary
    dictionary.prefetch(document.simplified[slice(*document.span(i))]
                        for i in document.word_indices())
    glosses: dict[str, str] = {}
    tokens = []
    hsk_of, status_of = _study_columns(document, services)
    for token in document.tokens(view):
        gloss = ""
        if token.is_word:
            gloss = glosses.get(token.simplified)
            if gloss is None:
                gloss = glosses[token.simplified] = dictionary.first_gloss(token.simplified)
        tokens.append({
            "start": token.start,
            "end": token.end,
            "text": token.text,
            "kind": token.kind.label,
            "pinyin": token.pinyin,
            "pinyin_numbers": token.pinyin_numbers,
            "simplified": token.simplified,
            "traditional": token.traditional,
            "zhuyin": zhuyin(token.pinyin_numbers),
            "jyutping": jyutping(token.traditional) if token.kind is Kind.WORD else "",
            "gloss": gloss,
            "hsk": hsk_of(token),
            "status": status_of(token),
        })
    out = {
        "script": str(document.script),
        "view": str(view),
        "text": document.text(view),
        "tokens": tokens,
    }
    for layer in services.annotator.layers:
        out[layer.name] = layer.to_json(document, view)
    return out


def _study_columns(document: Document, services):
    """Per-token HSK 3.0 level (7: the 7–9 band; None off the list) and reading status."""
    from reader.cli.cmd_known import study_of
    from reader.core.study.coverage import ArticleWords, token_status
    from reader.core.text.document import Kind

    study = study_of(services)
    words = ArticleWords.of(document)
    statuses = study.store.snapshot()
    listed = study.hsk.words()

    def hsk_of(token):
        return study.hsk.level(token.simplified) if token.kind is Kind.WORD else None

    def status_of(token):
        found = token_status(document, token.index, words, statuses, listed)
        return None if found is None else found.value

    return hsk_of, status_of


def run(args, services) -> int:
    text, _title = read_source(args, services)
    view = View(args.script)
    document = services.annotator.annotate(text, None, args.article or "")
    if args.json:
        print_json(document_json(document, view, services))
        return 0
    for token in document.tokens(view):
        if token.is_word and token.pinyin_numbers:
            print(f"{token.text}\t{token.pinyin_word}")
        elif token.kind.label != "space":
            print(token.text)
    return 0
