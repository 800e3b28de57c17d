"""`deck`: flashcard decks; and `glossary save`, the "save glossary to flashcards" flow.

    deck list [--json]                                   decks with note and due counts
    deck show NAME [--search TEXT] [--json]              the notes of a deck
    deck export NAME --format apkg|csv|pleco -o FILE     write a deck for Anki or Pleco
    deck send NAME [--url U] [--model M --map A=B,...]   send a deck to a running Anki
    glossary save FILE|-|--article ID [--deck NAME] [--people]
"""
from __future__ import annotations

import sys

from reader.cli import CliError
from reader.cli.common import add_source, print_json, read_source


def register(sub) -> None:
    from reader.cli.cmd_anki import register_deck_send

    parser = sub.add_parser("deck", help="flashcard decks: list, show, export, send")
    actions = parser.add_subparsers(dest="deck_action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    listing = actions.add_parser("list", help="decks with their note and due counts")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="the notes of one deck")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--search", default="", help="only notes matching this text or pinyin")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    export = actions.add_parser("export", help="write a deck as .apkg, Anki CSV or Pleco text")
    export.add_argument("name", metavar="NAME")
    export.add_argument("--format", required=True, choices=("apkg", "csv", "pleco"))
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the file to write, or - for standard output")
    export.set_defaults(handler=run_export)
    register_deck_send(actions)


def register_glossary_save(actions) -> None:
    """Adds `glossary save` to the glossary command group (called by cmd_glossary)."""
    save = actions.add_parser("save", help="save the text's glossary terms as flashcards")
    add_source(save)
    save.add_argument("--deck", metavar="NAME", help="deck to save to (default: the title)")
    save.add_argument("--people", action="store_true", help="save the people mentioned too")
    save.set_defaults(handler=run_glossary_save)


def _flashcards(services):
    from reader.core.flashcards import StoreError

    try:
        flashcards = services.flashcards
    except StoreError as exc:
        raise CliError(str(exc)) from None
    notice = flashcards.take_notice()
    if notice:
        print(f"note: {notice}", file=sys.stderr)
    return flashcards


def _deck(flashcards, name: str):
    deck = flashcards.store.deck(name)
    if deck is None:
        names = ", ".join(d.name for d in flashcards.store.decks()) or "none yet"
        raise CliError(f"no deck called {name!r} (decks: {names})")
    return deck


def run_list(args, services) -> int:
    flashcards = _flashcards(services)
    due = flashcards.review.due_by_deck()
    decks = flashcards.store.decks()
    if args.json:
        print_json([{"name": d.name, "notes": d.note_count, "new": due[d.name].new,
                     "learning": due[d.name].learning, "review": due[d.name].review}
                    for d in decks])
        return 0
    if not decks:
        print("no decks yet (save words in the app, or: glossary save --article ID)")
        return 0
    for d in decks:
        counts = due[d.name]
        print(f"{d.name}\t{d.note_count} notes\t{counts.new} new\t{counts.learning} learning"
              f"\t{counts.review} to review")
    return 0


def _note_json(note) -> dict:
    return {"id": note.id, "simplified": note.simplified, "traditional": note.traditional,
            "pinyin": note.pinyin, "pinyin_numbers": note.pinyin_numbers,
            "meaning": note.meaning, "meaning_source": note.meaning_source,
            "tags": list(note.tags), "kind": note.kind, "source": note.source,
            "sentences": [{"simplified": s.simplified, "traditional": s.traditional,
                           "article_id": s.article_id, "article_title": s.article_title}
                          for s in note.sentences]}


def run_show(args, services) -> int:
    flashcards = _flashcards(services)
    deck = _deck(flashcards, args.name)
    notes = flashcards.store.notes(deck.name, search=args.search)
    if args.json:
        print_json([_note_json(n) for n in notes])
        return 0
    for note in notes:
        meaning = note.meaning.splitlines()[0] if note.meaning else ""
        sentence = note.sentences[0].simplified if note.sentences else ""
        print(f"{note.headword}\t{note.pinyin}\t{meaning}\t{sentence}")
    return 0


def run_export(args, services) -> int:
    from reader.core.flashcards import ExportError

    flashcards = _flashcards(services)
    deck = _deck(flashcards, args.name)
    try:
        count = flashcards.export(deck.name, args.format, args.output,
                                  services.settings.get("view.romanisation"))
    except ExportError as exc:
        raise CliError(str(exc)) from None
    print(f"exported {count} notes of {deck.name} to {args.output}",
          file=sys.stderr if args.output == "-" else sys.stdout)
    return 0


def run_glossary_save(args, services) -> int:
    from reader.core.flashcards import StoreError, deck_name_for
    from reader.core.library.corpus import ArticleInfo

    text, title = read_source(args, services)
    flashcards = _flashcards(services)
    document = services.annotator.annotate(text)
    if "glossary" not in document.layers:
        raise CliError("the glossary is not available, nothing to save")
    if args.article:
        info = services.library.get(args.article)[0]
    else:
        info = ArticleInfo(id="", title=title, script=document.script, length=len(text))
    deck = args.deck or deck_name_for(info)
    try:
        added, already = flashcards.save_glossary(document, info, deck, args.people)
    except (StoreError, ValueError) as exc:
        raise CliError(str(exc)) from None
    print(f"{added} added, {already} already saved (deck: {deck})")
    return 0
