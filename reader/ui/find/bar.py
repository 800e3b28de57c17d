"""The find bar under the article: a field, "3 of 12", previous / next and close."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

DEBOUNCE_MS = 150


class FindBar(QFrame):
    """Emits what to find (debounced) and where to step; shows the count it is given.

    Signals:
        query_changed(str): the text to find (after typing settles; '' when cleared).
        step(int): +1 next match (Enter, F3), -1 previous (Shift+Enter, Shift+F3).
        closed(): Esc or the close button.
    """

    query_changed = Signal(str)
    step = Signal(int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.field = QLineEdit(self)
        self.field.setObjectName("find-field")
        self.field.setPlaceholderText("Find: 腾讯, 騰訊, tengxun, téng xùn, teng2xun4…")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel("", self)
        self.count.setObjectName("find-count")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(90)
        self.previous = self._button("↑", "Previous match (Shift+Enter, Shift+F3)")
        self.next = self._button("↓", "Next match (Enter, F3)")
        self.close_button = self._button("✕", "Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 4, 3)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (self.previous, self.next, self.close_button):
            layout.addWidget(button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.previous.clicked.connect(lambda: self.step.emit(-1))
        self.next.clicked.connect(lambda: self.step.emit(1))
        self.close_button.clicked.connect(self.close_bar)
        self.field.installEventFilter(self)
        self.hide()

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def query(self) -> str:
        return self.field.text().strip()

    def open_bar(self, text: str = "") -> None:
        """Show the bar with the field focused (and `text` in it, if given)."""
        self.show()
        if text:
            self.field.setText(text)
            self.flush()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()

    def flush(self) -> None:
        """Emit the query now (typing has settled, or the caller cannot wait)."""
        self._timer.stop()
        self.query_changed.emit(self.query())

    def set_count(self, current: int, total: int, busy: bool = False) -> None:
        """'3 of 12' (current is 0-based, -1 for none), 'No matches' or 'Searching…'."""
        if busy:
            text = "Searching…"
        elif not self.query():
            text = ""
        elif total == 0:
            text = "No matches"
        else:
            text = f"{current + 1} of {total}" if current >= 0 else f"{total} matches"
        self.count.setText(text)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.flush()  # the first match comes with the results
                else:
                    self.step.emit(-1 if back else 1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
