"""The people panel in the reader window: People tab, mention marks, popup card, corrections.

`install(window, services)` (called by `reader.ui.main`) adds the People side tab (each
person once in the current script, with pinyin, English name, role and mention count;
sorted by first mention or by count, setting `people.sort`); activating a person tints all
their mentions and scrolls to the first; F3 / Shift+F3 (and the tab's buttons) step through
them. Hovering a name adds the person's card to the popup (order 20). Corrections, from the
tab's context menu or from a text selection (Edit menu and the text's context menu): "Add
as Person", "Not a Person", "Same Person As…"; they are saved in the user's people file and
the open article is annotated again.
"""
from __future__ import annotations

from bisect import bisect_right
from html import escape

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

from reader.core.people.layer import People
from reader.core.text.scripts import View
from reader.ui.feature_context import DeclaredServices, feature_context
from reader.ui.file_watch import UserFileWatcher
from reader.ui.people.panel import PeoplePanel, PersonRow
from reader.ui.plain_text import plain_labels

POPUP_ORDER = 20
CONTEXT_ORDER = 60  # the right-click menu: the person actions come last
MARKS = "person"


def person_rows(people: People, document, view: View, sort: str = "first") -> list[PersonRow]:
    """The panel rows of a document in `view` (names in its script), in the given order."""
    rows = []
    for entry, name, _in_view, aliases in people.in_view(document, view):
        person = entry.person
        rows.append(PersonRow(person.id, name, person.pinyin, person.english, person.role,
                              person.source == "detected", person.source == "user", aliases,
                              tuple(entry.mentions)))
    if sort == "count":
        rows.sort(key=lambda r: (-r.count, r.mentions[0][0]))
    return rows


def card_html(row: PersonRow, context: str, theme) -> str:
    """The popup card: name and pinyin, English name, role, context, mentions."""
    muted, accent = theme.muted.name(), theme.text.name()
    head = f'<span style="color:{accent}; font-weight:600">{escape(row.name)}</span>'
    if row.pinyin:
        head += f" &nbsp;{escape(row.pinyin)}"
    if row.english:
        head += f" &nbsp;<i>{escape(row.english)}</i>"
    lines = [head]
    if row.detected:
        lines.append(f'<span style="color:{muted}">A name found in the text; not in the '
                     "people directory.</span>")
    if row.role:
        lines.append(escape(row.role))
    if context:
        lines.append(f'<span style="color:{muted}">{escape(context)}</span>')
    count = f"{row.count} mention{'s' if row.count != 1 else ''} in this article"
    if row.aliases:
        count += " · also written " + "、".join(escape(a) for a in row.aliases)
    lines.append(f'<span style="color:{muted}; font-size:small">{count}</span>')
    return '<div style="max-width:420px">' + "<br>".join(lines) + "</div>"


SERVICES = ('people',)  # what this feature uses of `Services`


class PeopleFeature(QObject):
    """Wires `services.people` into the main window (see the module docstring).

    Signals:
        corrected(): a correction was saved (the article is being annotated again).
    """

    corrected = Signal()

    def __init__(self, context, services) -> None:
        context = feature_context(context)
        super().__init__(context.widget)
        self.context = context
        self.services = services
        self.people: People = services.people
        self.panel = PeoplePanel(context.widget)
        self.panel.setObjectName("tab-people")
        self.panel.set_sort(context.settings.people_sort())
        context.side_panel.add_tab(self.panel, "People")
        self._rows: list[PersonRow] = []
        self._current = ""
        self._position = 0
        self._starts: tuple[object, list[int]] | None = None
        self._build_actions()
        self._connect()
        for problem in self.people.problems[:5]:
            context.show_notice(f"People: {problem}")
        self.on_document_changed(context.current_document())

    # -- construction -------------------------------------------------------------------
    def _build_actions(self) -> None:
        context, view = self.context, self.context.article_view
        edit = context.menu("&Edit")
        edit.addSeparator()
        self.next_action = QAction("Next &Mention of Person", context.widget)
        self.next_action.setShortcut(QKeySequence("F3"))
        self.prev_action = QAction("Previous Mention of Person", context.widget)
        self.prev_action.setShortcut(QKeySequence("Shift+F3"))
        self.next_action.triggered.connect(lambda: self.step(1))
        self.prev_action.triggered.connect(lambda: self.step(-1))
        self.add_action = QAction("Add as &Person", context.widget)
        self.add_action.setStatusTip("Add the selected name to your people")
        self.not_action = QAction("&Not a Person", context.widget)
        self.not_action.setStatusTip("The selected name is not a person, in any article")
        self.same_action = QAction("&Same Person As…", context.widget)
        self.same_action.setStatusTip("The selected name is another name of someone listed")
        self.add_action.triggered.connect(self.on_add_selection)
        self.not_action.triggered.connect(self.on_not_person_selection)
        self.same_action.triggered.connect(self.on_same_as_selection)
        actions = [self.next_action, self.prev_action, self.add_action, self.not_action,
                   self.same_action]
        edit.addActions(actions)
        view.add_context_actions(lambda _target: actions[2:], CONTEXT_ORDER)

    def _connect(self) -> None:
        context = self.context
        context.article_view.add_popup_section(self.popup_section, POPUP_ORDER)
        context.document_changed.connect(self.on_document_changed)
        context.view_changed.connect(lambda _view: self.refresh())
        context.article_view.selection_changed.connect(self._update_actions)
        self.panel.person_activated.connect(self.show_person)
        self.panel.step_requested.connect(self.step)
        self.panel.sort_changed.connect(self.set_sort)
        self.panel.correction_requested.connect(self.on_correction)
        self.people.add_listener(self.on_people_changed)
        people = self.people
        self.watcher = UserFileWatcher(self, people.user_path, lambda: people.file_stamp,
                                       self._reload_user_file)
        self._update_actions()

    def _reload_user_file(self) -> None:
        """The people file changed outside the app (by hand, the CLI, another window)."""
        self.people.reload()
        self.on_people_changed()

    # -- the list ---------------------------------------------------------------------------
    def on_document_changed(self, document) -> None:
        self._starts = None
        info = self.context.current_article()
        article = info.id if info is not None else None
        if article != getattr(self, "_article_id", None):
            self._article_id = article
            self._current = ""  # a person chosen in the last article is not chosen here
        if document is None or People.name not in document.layers:
            self._rows = []
            self.panel.clear("Waiting for the annotation…" if document is None
                             else "People are not available for this article.")
            self.context.article_view.clear_marks(MARKS)
            return
        # The rows are built off the GUI thread (a million characters: ~0.1 s of Python).
        people, view = self.people, self.context.current_view()
        sort = self.context.settings.people_sort()
        self.context.tasks.run(lambda: person_rows(people, document, view, sort),
                              lambda rows: self._on_rows(document, rows),
                              label="Listing people…")

    def _on_rows(self, document, rows: list[PersonRow]) -> None:
        if self.context.current_document() is not document:
            return  # another article (or a new annotation) came meanwhile
        self._rows = rows
        self.panel.set_rows(rows, self._current)
        if self._current and self.row(self._current) is not None:
            self.context.article_view.set_marks(MARKS, list(self.row(self._current).mentions),
                                               "person")
        else:
            self._current = ""
            self.context.article_view.clear_marks(MARKS)

    def refresh(self) -> None:
        document = self.context.current_document()
        if document is None or People.name not in document.layers:
            return
        sort = self.context.settings.people_sort()
        self._rows = person_rows(self.people, document, self.context.current_view(), sort)
        self.panel.set_rows(self._rows, self._current)

    def rows(self) -> list[PersonRow]:
        return list(self._rows)

    def row(self, person_id: str) -> PersonRow | None:
        return next((r for r in self._rows if r.person_id == person_id), None)

    def set_sort(self, key: str) -> None:
        """Order the list by first mention ("first") or by mention count ("count")."""
        self.context.settings.set_people_sort(key)
        self.panel.set_sort(key)
        self.refresh()

    # -- mentions ---------------------------------------------------------------------------
    def show_person(self, person_id: str) -> None:
        """Tint every mention of a person and scroll to the first one."""
        row = self.row(person_id)
        if row is None:
            return
        self._current = person_id
        self._position = 0
        self.panel.select(person_id)
        self.context.article_view.set_marks(MARKS, list(row.mentions), "person")
        self._jump(row)

    def step(self, delta: int) -> None:
        """Go to the next (+1) or previous (-1) mention of the selected person."""
        row = self.row(self._current) or self.row(self.panel.current_person())
        if row is None:
            self.context.show_status("Choose a person in the People tab first.")
            return
        if row.person_id != self._current:
            self.show_person(row.person_id)
            return
        self._position = (self._position + delta) % row.count
        self._jump(row)

    def _jump(self, row: PersonRow) -> None:
        start, end = row.mentions[self._position]
        self.context.article_view.scroll_to_base_offset(start, highlight=(start, end))
        self.context.show_status(f"{row.name}: mention {self._position + 1} of {row.count}", 3000)

    def current_mention(self) -> tuple[int, int] | None:
        row = self.row(self._current)
        return row.mentions[self._position] if row is not None else None

    # -- popup --------------------------------------------------------------------------------
    def person_at(self, document, token_index: int) -> str | None:
        """The id of the person named at token `token_index`, or None."""
        spans = document.layers.get(People.name) if document is not None else None
        if not spans:
            return None
        if self._starts is None or self._starts[0] is not document:
            self._starts = (document, [s.start for s in spans])
        start, _ = document.span(token_index)
        i = bisect_right(self._starts[1], start) - 1
        if i >= 0 and spans[i].start <= start < spans[i].end:
            return spans[i].key
        return None

    def popup_section(self, document, token_index: int, view: View) -> str | None:
        person_id = self.person_at(document, token_index)
        if person_id is None:
            return None
        row = self.row(person_id) if document is self.context.current_document() else None
        if row is None:
            rows = person_rows(self.people, document, View(view))
            row = next((r for r in rows if r.person_id == person_id), None)
        if row is None:
            return None
        person = self.people.person(person_id)
        context = person.context if person is not None else ""
        return card_html(row, context, self.context.article_view.theme())

    # -- corrections --------------------------------------------------------------------------
    def _selected_name(self) -> str:
        document = self.context.current_document()
        selected = self.context.article_view.selected_base_range()
        if document is None or selected is None:
            return ""
        return document.simplified[selected[0]:selected[1]].strip()

    def _update_actions(self) -> None:
        has = bool(self._selected_name())
        for action in (self.add_action, self.not_action, self.same_action):
            action.setEnabled(has)

    def on_add_selection(self) -> None:
        name = self._selected_name()
        if name:
            self.add_person(name)

    def on_not_person_selection(self) -> None:
        name = self._selected_name()
        if name:
            self.not_person([name])

    def on_same_as_selection(self) -> None:
        name = self._selected_name()
        if name:
            self.ask_same_as([name])

    def on_correction(self, action: str, person_id: str) -> None:
        row = self.row(person_id)
        if row is None:
            return
        names = self._surfaces(row)
        if action == "not-person":
            self.not_person(names)
        elif action == "same-as":
            self.ask_same_as(names, exclude=person_id)
        elif action == "add":
            self.add_person(names[0])
        elif action == "remove":
            self.people.remove_person(person_id)
            self.context.show_status(f"Removed {row.name} from your people.")

    def _surfaces(self, row: PersonRow) -> list[str]:
        """The Simplified forms a row's mentions use (what corrections are keyed on)."""
        document = self.context.current_document()
        return list(dict.fromkeys(document.simplified[s:e] for s, e in row.mentions))

    def add_person(self, name: str) -> None:
        try:
            person = self.people.add_person(name)
        except ValueError as exc:
            self.context.show_status(str(exc))
            return
        self.context.show_status(f"{person.name} is now one of your people.")

    def not_person(self, names: list[str]) -> None:
        """These names are not people, in any article."""
        for name in names:
            self.people.mark_not_person(name)
        self.context.show_status(f"Not a person: {'、'.join(names)}.")

    def ask_same_as(self, names: list[str], exclude: str = "") -> None:
        """Ask which listed person these names refer to (a non-blocking dialog)."""
        choices = [r for r in self._rows if r.person_id != exclude]
        if not choices:
            self.context.show_status("There is nobody else in this article to merge with.")
            return
        dialog = QInputDialog(self.context.widget)
        dialog.setObjectName("people-same-as")
        dialog.setWindowTitle("Same Person As")
        dialog.setLabelText(f"“{'、'.join(names)}” is the same person as:")
        dialog.setComboBoxItems([f"{r.name}  {r.pinyin}".strip() for r in choices])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        plain_labels(dialog)  # the names are the document's
        dialog.accepted.connect(lambda: self.same_person(
            names, choices[max(0, dialog.comboBoxItems().index(dialog.textValue()))].person_id))
        dialog.open()

    def same_person(self, names: list[str], person_id: str) -> None:
        """These names refer to `person_id` (a detected person joins your people)."""
        person = None
        for name in names:
            person = self.people.same_person(name, person_id)
        if person is not None:
            self.context.show_status(f"{'、'.join(names)} → {person.name}.")

    def on_people_changed(self) -> None:
        """A correction was saved: annotate the open article again."""
        self.corrected.emit()
        self.context.reannotate()


def install(window, services) -> PeopleFeature:
    """Add the people panel to the main window (see the module docstring)."""
    return PeopleFeature(feature_context(window), DeclaredServices(services, SERVICES))
