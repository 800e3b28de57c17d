"""`anki check`, `deck send` and `known import-anki`: talk to a running Anki (AnkiConnect).

    anki check [--url U] [--key K]                        AnkiConnect's version, or why not
    deck send NAME [--url U] [--model M --map ours=theirs,...]
                                                          added / updated / unchanged / failed
    known import-anki --deck D [--deck D2] --field F [--url U]
                                                          word statuses from card intervals

A non-loopback --url needs --allow-remote once (recorded in the settings). Errors are one
line on stderr, exit status 1.
"""
from __future__ import annotations

import sys

from reader.cli import CliError


def _connection_options(parser) -> None:
    parser.add_argument("--url", metavar="U", help="AnkiConnect address (default: settings, "
                        "http://127.0.0.1:8765)")
    parser.add_argument("--key", metavar="K", help="AnkiConnect API key (default: settings)")
    parser.add_argument("--allow-remote", action="store_true",
                        help="agree to send to a non-loopback address (remembered)")


def register(sub) -> None:
    parser = sub.add_parser("anki", help="a running Anki, through the AnkiConnect add-on")
    actions = parser.add_subparsers(dest="anki_action", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    check = actions.add_parser("check", help="show AnkiConnect's version, or why not")
    _connection_options(check)
    check.set_defaults(handler=run_check)


def register_deck_send(actions) -> None:
    """Adds `deck send` to the deck command group (called by cmd_deck)."""
    send = actions.add_parser("send", help="send a deck to a running Anki (AnkiConnect)")
    send.add_argument("name", metavar="NAME")
    _connection_options(send)
    send.add_argument("--model", metavar="M", help="fill this Anki note type instead of ours")
    send.add_argument("--map", metavar="OURS=THEIRS,...",
                      help="with --model: our field → its field, e.g. Simplified=Hanzi")
    send.set_defaults(handler=run_deck_send)


def register_import_anki(actions) -> None:
    """Adds `known import-anki` to the known command group (called by cmd_known)."""
    imp = actions.add_parser("import-anki", help="known / learning words from Anki's cards")
    imp.add_argument("--deck", metavar="D", action="append", required=True,
                     help="an Anki deck (repeat for several; sub-decks included)")
    imp.add_argument("--field", metavar="F", required=True, help="the field holding the word")
    _connection_options(imp)
    imp.set_defaults(handler=run_import_anki)


def _client(args, services, **timeouts):
    from reader.core.anki import AnkiConnect, AnkiError, normalise_url

    settings = services.settings
    try:
        url = normalise_url(args.url or settings.get("anki.url"))
        if args.allow_remote:
            settings.set("anki.confirmed_remote", url)
        key = settings.get("anki.key") if args.key is None else args.key
        return AnkiConnect(url, key, confirmed_remote=settings.get("anki.confirmed_remote"),
                           **timeouts)
    except AnkiError as exc:
        raise CliError(str(exc), 1) from None


def run_check(args, services) -> int:
    from reader.core.anki import AnkiError

    client = _client(args, services)
    try:
        version = client.version()
    except AnkiError as exc:
        raise CliError(str(exc), 1) from None
    print(f"AnkiConnect version {version} at {client.url}")
    return 0


def _mapping(args, services, client):
    from reader.core.anki import MappingError, mapping_from_settings, parse_field_map

    settings = services.settings
    if args.map and not args.model:
        raise CliError("--map needs --model (the Anki note type to fill)")
    model = args.model if args.model is not None else settings.get("anki.model")
    try:
        field_map = parse_field_map(args.map) if args.map else settings.get("anki.field_map")
        return mapping_from_settings(client, model, field_map)
    except MappingError as exc:
        raise CliError(str(exc)) from None


def run_deck_send(args, services) -> int:
    from reader.cli.cmd_deck import _deck, _flashcards
    from reader.core.anki import AnkiError, AnkiSender

    flashcards = _flashcards(services)
    deck = _deck(flashcards, args.name)
    client = _client(args, services)
    try:
        mapping = _mapping(args, services, client)
    except AnkiError as exc:
        raise CliError(str(exc), 1) from None
    notes = flashcards.store.notes(deck.name)
    report = AnkiSender(client, flashcards.store, mapping).send(notes)
    print(f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
          f"{report.failed} failed (deck {deck.name} → {client.url}, note type {mapping.model})")
    for problem in report.problems[:20]:
        print(f"  {problem}", file=sys.stderr)
    if report.error:
        print(f"error: {report.error}", file=sys.stderr)
        return 1
    return 1 if report.failed else 0


def run_import_anki(args, services) -> int:
    from reader.cli.cmd_deck import _flashcards
    from reader.core.anki import AnkiError
    from reader.core.anki.known import import_known

    flashcards = _flashcards(services)
    client = _client(args, services)
    try:
        result = import_known(client, flashcards.store, args.deck, args.field)
    except (AnkiError, ValueError) as exc:
        raise CliError(str(exc), 1) from None
    services.settings.set("anki.known_decks", list(args.deck))
    services.settings.set("anki.known_field", args.field)
    print(result.summary())
    return 0
