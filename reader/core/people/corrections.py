"""The user's corrections of the people layer, saved in `people_user.toml`.

`UserCorrections` is the part of `People` that edits the user's file: "not a person",
"same person as", added and removed people. Each edit goes through `_edit`: the file is
re-read under its lock (edits made elsewhere are merged), changed, and written with
untouched and unparsed blocks kept verbatim (`people.user_file.edit_user_people`).
"""
from __future__ import annotations

from collections.abc import Callable

from reader.core.people.directory import Person
from reader.core.people.user_file import UserPeople, edit_user_people
from reader.core.text.scripts import convert
from reader.core.userfile import stamp

DETECTED = "detected:"


def _clean(name: str) -> str:
    name = " ".join(name.split())
    return name if name.isascii() else convert(name, "t2s")


class UserCorrections:
    """Mixin for `People`: the corrections API over the user's file (see module doc)."""

    def _edit(self, change: Callable[[UserPeople], object]):
        """Apply `change` to the user file as it is on disk now (locked, merged, verbatim
        where untouched); raises `UserFileError` (a ValueError) when it cannot be saved."""
        def apply(user: UserPeople):
            self._user = user  # what is on disk now, edits made elsewhere included
            self._rebuild()
            return change(user)

        with self._lock:
            try:
                result, self._user = edit_user_people(self.user_path, apply)
                self.file_stamp = stamp(self.user_path)
            finally:
                self.problems = self._bundled_problems + self._user.problems
                self._rebuild()
        for callback in list(self._listeners):
            callback()
        return result

    # -- corrections ----------------------------------------------------------------------
    def mark_not_person(self, name: str) -> None:
        """`name` is never a person, in any article (a directory alias is dropped too)."""
        name = _clean(name)

        def change(user: UserPeople) -> None:
            user.not_person.add(name)
            user.aliases.pop(name, None)

        self._edit(change)

    def allow(self, name: str) -> None:
        """Undo `mark_not_person`."""
        self._edit(lambda user: user.not_person.discard(_clean(name)))

    def add_person(self, name: str, english: str = "", role: str = "", context: str = "") -> Person:
        """Add a person to the user's directory (found in every article from now on)."""
        name = _clean(name)
        if len(name) < 2:
            raise ValueError("a name needs at least two characters")

        def change(user: UserPeople) -> Person:
            user.not_person.discard(name)
            existing = self._owner(name)
            if existing is not None:
                return existing
            person = Person(id=f"user:{name}", name=name, traditional=convert(name, "s2t"),
                            english=english.strip(), role=role.strip(), context=context.strip(),
                            source="user")
            user.people[person.id] = person
            return person

        return self._edit(change)

    def same_person(self, name: str, person_id: str) -> Person:
        """`name` refers to `person_id` (a detected person is first added to the directory)."""
        name = _clean(name)
        if person_id.startswith(DETECTED):
            person_id = self.add_person(person_id[len(DETECTED):]).id

        def change(user: UserPeople) -> None:
            if person_id not in self._people:
                raise ValueError(f"no person with id {person_id!r}")
            user.not_person.discard(name)
            user.aliases[name] = person_id

        self._edit(change)
        return self._people[person_id]

    def remove_person(self, person_id: str) -> bool:
        """Remove a user-added person; False when it is not one."""
        def change(user: UserPeople) -> bool:
            if user.people.pop(person_id, None) is None:
                return False
            user.aliases = {k: v for k, v in user.aliases.items() if v != person_id}
            return True

        return self._edit(change)

    def _owner(self, name: str) -> Person | None:
        for person in self._people.values():
            if name in person.all_names():
                return person
        return None

    @property
    def user(self) -> UserPeople:
        return self._user

