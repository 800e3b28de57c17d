"""A small AnkiConnect-compatible HTTP server on 127.0.0.1, backed by a real `anki` Collection.

It answers the actions the reader uses, as AnkiConnect (protocol 6) does: a JSON body
{"action", "version", "params", "key"} in, {"result", "error"} out, HTTP 200 either way;
`multi` runs each inner action through the same handler. The collection is the real one
from the `anki` package in a temporary folder, so notes, decks, note types and card
intervals are Anki's own. `fail` makes chosen actions answer with an error.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

from anki.collection import Collection


class AnkiConnectServer:
    """AnkiConnect over a real Collection; `url` is where it listens."""

    def __init__(self, folder: Path, key: str | None = None, version: int = 6) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.col = Collection(str(folder / "collection.anki2"))
        self.key = key
        self.api_version = version
        self.fail: dict[str, str] = {}  # action -> error message
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self._http = HTTPServer(("127.0.0.1", 0), self._handler_class())
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    def start(self) -> AnkiConnectServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        with self.lock:
            self.col.close()

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server API)
                length = int(self.headers.get("Content-Length", 0))
                request = json.loads(self.rfile.read(length).decode("utf-8"))
                body = json.dumps(server.handle(request)).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    # -- protocol -------------------------------------------------------------------------
    def handle(self, request: dict) -> dict:
        """One request, as AnkiConnect's handler: key check, then the action."""
        name = request.get("action", "")
        params = request.get("params", {})
        self.requests.append({"action": name, "params": params})
        try:
            if request.get("key") != self.key:
                raise Exception("valid api key must be provided")
            if name in self.fail:
                raise Exception(self.fail[name])
            method = getattr(self, "a_" + name, None)
            if method is None:
                raise Exception("unsupported action")
            with self.lock if name != "multi" else _nothing():
                return {"result": method(**params), "error": None}
        except Exception as exc:  # AnkiConnect reports every failure in "error"
            return {"result": None, "error": str(exc)}

    def actions(self) -> list[str]:
        return [r["action"] for r in self.requests]

    def a_version(self):
        return self.api_version

    def a_multi(self, actions):
        return [self.handle(action) for action in actions]

    def a_deckNames(self):  # noqa: N802
        return [d.name for d in self.col.decks.all_names_and_ids()]

    def a_createDeck(self, deck):  # noqa: N802
        return self.col.decks.id(deck)

    def a_modelNames(self):  # noqa: N802
        return [m.name for m in self.col.models.all_names_and_ids()]

    def a_modelFieldNames(self, modelName):  # noqa: N802, N803
        return self.col.models.field_names(self._model(modelName))

    def a_createModel(self, modelName, inOrderFields, cardTemplates, css=None,  # noqa: N802, N803
                      isCloze=False):  # noqa: N803
        mm = self.col.models
        if mm.by_name(modelName) is not None:
            raise Exception("Model name already exists")
        model = mm.new(modelName)
        for name in inOrderFields:
            mm.add_field(model, mm.new_field(name))
        if css is not None:
            model["css"] = css
        for n, card in enumerate(cardTemplates, 1):
            template = mm.new_template(card.get("Name", f"Card {n}"))
            template["qfmt"], template["afmt"] = card["Front"], card["Back"]
            mm.add_template(model, template)
        mm.add(model)
        return mm.by_name(modelName)

    def _model(self, name):
        model = self.col.models.by_name(name)
        if model is None:
            raise Exception(f"model was not found: {name}")
        return model

    def _new_note(self, note):
        model = self._model(note["modelName"])
        if self.col.decks.id_for_name(note["deckName"]) is None:
            raise Exception(f"deck was not found: {note['deckName']}")
        anki_note = self.col.new_note(model)
        for name, value in note["fields"].items():
            if name not in anki_note.keys():
                raise Exception(f"field was not found: {name}")
            anki_note[name] = value
        anki_note.tags = list(note.get("tags", []))
        state = anki_note.fields_check()
        if state == 1:
            raise Exception("cannot create note because it is empty")
        if state == 2 and not note.get("options", {}).get("allowDuplicate", False):
            raise Exception("cannot create note because it is a duplicate")
        return anki_note

    def a_canAddNotes(self, notes):  # noqa: N802
        results = []
        for note in notes:
            try:
                results.append(bool(self._new_note(note)))
            except Exception:
                results.append(False)
        return results

    def a_addNotes(self, notes):  # noqa: N802
        results = []
        for note in notes:
            try:
                anki_note = self._new_note(note)
                self.col.add_note(anki_note, self.col.decks.id_for_name(note["deckName"]))
                results.append(anki_note.id)
            except Exception:
                results.append(None)
        return results

    def a_findNotes(self, query=None):  # noqa: N802
        return [int(i) for i in self.col.find_notes(query)] if query is not None else []

    def a_findCards(self, query=None):  # noqa: N802
        return [int(i) for i in self.col.find_cards(query)] if query is not None else []

    def _fields(self, note) -> dict:
        model = note.note_type()
        return {f["name"]: {"value": note.fields[f["ord"]], "order": f["ord"]}
                for f in model["flds"]}

    def a_notesInfo(self, notes):  # noqa: N802
        result = []
        for nid in notes:
            note = self.col.get_note(nid)
            result.append({"noteId": note.id, "modelName": note.note_type()["name"],
                           "tags": list(note.tags), "fields": self._fields(note),
                           "cards": [c.id for c in note.cards()]})
        return result

    def a_updateNoteFields(self, note):  # noqa: N802
        anki_note = self.col.get_note(note["id"])
        for name, value in note["fields"].items():
            if name in anki_note.keys():
                anki_note[name] = value
        self.col.update_note(anki_note)
        return None

    def a_cardsInfo(self, cards):  # noqa: N802
        result = []
        for cid in cards:
            card = self.col.get_card(cid)
            note = card.note()
            result.append({"cardId": card.id, "note": card.nid, "fields": self._fields(note),
                           "modelName": note.note_type()["name"], "ord": card.ord,
                           "deckName": self.col.decks.name(card.did), "interval": card.ivl,
                           "type": card.type, "queue": card.queue, "due": card.due,
                           "reps": card.reps, "lapses": card.lapses})
        return result

    # -- for tests: look into the collection ----------------------------------------------
    def notes(self, model: str | None = None) -> dict[str, dict]:
        """{first field: {field: value, 'deck': deck name, 'tags': [...]}} of a note type."""
        with self.lock:
            query = f'"note:{model}"' if model else ""
            found = {}
            for nid in self.col.find_notes(query):
                note = self.col.get_note(nid)
                values = dict(note.items())
                values["deck"] = self.col.decks.name(note.cards()[0].did)
                values["tags"] = list(note.tags)
                found[note.fields[0]] = values
            return found

    def set_interval(self, query: str, days: int, card_type: int = 2) -> int:
        """Give the cards matching `query` an interval (as if reviewed); returns how many."""
        with self.lock:
            ids = list(self.col.find_cards(query))
            for cid in ids:
                card = self.col.get_card(cid)
                card.type = card_type
                card.queue = card_type if card_type != 3 else 1
                card.ivl = days
                card.due = self.col.sched.today + max(days, 1)
                self.col.update_card(card)
            return len(ids)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@contextmanager
def anki_server(folder: Path, **options) -> Iterator[AnkiConnectServer]:
    """A running server for the `with` block."""
    server = AnkiConnectServer(folder, **options).start()
    try:
        yield server
    finally:
        server.stop()
