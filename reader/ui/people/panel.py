"""The People tab widget: each person once (name, pinyin, English, role, count), sort order,
previous/next mention buttons, and a context menu of corrections."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.plain_text import plain_label, plain_tip

COL_PERSON, COL_COUNT = range(2)
HEADERS = ("Person", "×")
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1  # person id
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2  # English name and role (second line)
SORTS = (("first", "By first mention"), ("count", "By mentions"))


@dataclass(frozen=True)
class PersonRow:
    """One person as the panel shows them (names already in the view's script)."""

    person_id: str
    name: str
    pinyin: str
    english: str
    role: str
    detected: bool
    user: bool
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]  # base offsets

    @property
    def count(self) -> int:
        return len(self.mentions)

    def title(self) -> str:
        return "  ".join(part for part in (self.name, self.pinyin) if part)

    def subtitle(self) -> str:
        if self.detected:
            return "detected (not in the directory)"
        return " · ".join(part for part in (self.english, self.role) if part)


class PeopleModel(QStandardItemModel):
    """Rows of `PersonRow`s: a two-line person cell and the mention count."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(HEADERS)
        self.rows: list[PersonRow] = []

    def set_rows(self, rows: list[PersonRow]) -> None:
        self.removeRows(0, self.rowCount())
        self.rows = list(rows)
        for row in self.rows:
            person = QStandardItem(row.title())
            person.setData(row.person_id, PERSON_ROLE)
            person.setData(row.subtitle(), SUBTITLE_ROLE)
            tip = [row.title(), row.subtitle()]
            if row.aliases:
                tip.append("also written: " + ", ".join(row.aliases))
            person.setToolTip(plain_tip("\n".join(tip)))
            count = QStandardItem(str(row.count))
            count.setData(row.person_id, PERSON_ROLE)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if row.detected:
                font = QFont()
                font.setItalic(True)
                person.setFont(font)
            for item in (person, count):
                item.setEditable(False)
            self.appendRow([person, count])

    def row_for(self, person_id: str) -> PersonRow | None:
        return next((r for r in self.rows if r.person_id == person_id), None)

    def index_for(self, person_id: str) -> QModelIndex:
        for i, row in enumerate(self.rows):
            if row.person_id == person_id:
                return self.index(i, COL_PERSON)
        return QModelIndex()


class TwoLineDelegate(QStyledItemDelegate):
    """Paints a person cell as two lines (name and pinyin; English and role), each elided."""

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        size = super().sizeHint(option, index)
        if index.data(SUBTITLE_ROLE) is None:
            return size
        height = QFontMetrics(option.font).height() + QFontMetrics(self._small(option)).height()
        return QSize(size.width(), height + 8)

    @staticmethod
    def _small(option) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        return font

    def paint(self, painter, option, index) -> None:
        subtitle = index.data(SUBTITLE_ROLE)
        if subtitle is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(4, 4, -4, -4)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group))
        metrics = QFontMetrics(opt.font)
        painter.drawText(rect.left(), rect.top() + metrics.ascent(),
                         metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        small = self._small(opt)
        painter.setFont(small)
        if not selected:
            painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
        small_metrics = QFontMetrics(small)
        painter.drawText(rect.left(), rect.top() + metrics.height() + small_metrics.ascent(),
                         small_metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight,
                                                  rect.width()))
        painter.restore()


class PeoplePanel(QWidget):
    """Lists the people of the open article; activating one asks to show their mentions.

    Signals:
        person_activated(str): a row was clicked or Enter pressed (person id).
        step_requested(int): previous (-1) or next (+1) mention of the current person.
        sort_changed(str): the order was changed ("first" or "count").
        correction_requested(str, str): a context-menu correction (action, person id);
            actions: "not-person", "same-as", "add", "remove".
    """

    person_activated = Signal(str)
    step_requested = Signal(int)
    sort_changed = Signal(str)
    correction_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PeopleModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("people-tree")
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemDelegateForColumn(COL_PERSON, TwoLineDelegate(self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_PERSON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.clicked.connect(self.on_index_activated)
        self.tree.activated.connect(self.on_index_activated)
        self.tree.customContextMenuRequested.connect(self.on_context_menu)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.sort_box = QComboBox(self)
        self.sort_box.setObjectName("people-sort")
        for key, label in SORTS:
            self.sort_box.addItem(label, key)
        self.sort_box.setToolTip("Order of the list")
        self.sort_box.currentIndexChanged.connect(
            lambda _: self.sort_changed.emit(self.sort_box.currentData()))
        self.prev_button = QPushButton("◀ Previous", self)
        self.next_button = QPushButton("Next ▶", self)
        self.prev_button.setToolTip("Previous mention of the selected person (Shift+F3)")
        self.next_button.setToolTip("Next mention of the selected person (F3)")
        self.prev_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.status = plain_label(QLabel("Open an article to see who it names.", self))
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Sort:", self))
        top.addWidget(self.sort_box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.prev_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._update_buttons()

    def set_sort(self, key: str) -> None:
        index = self.sort_box.findData(key)
        if index >= 0 and index != self.sort_box.currentIndex():
            self.sort_box.blockSignals(True)
            self.sort_box.setCurrentIndex(index)
            self.sort_box.blockSignals(False)

    def set_rows(self, rows: list[PersonRow], current: str = "") -> None:
        self.model.set_rows(rows)
        detected = sum(r.detected for r in rows)
        if rows:
            text = f"{len(rows)} people"
            if detected:
                text += f" ({detected} detected, not in the directory)"
            self.status.setText(text + ". Right-click a person for corrections.")
        else:
            self.status.setText("No people found in this article.")
        if current:
            self.select(current)
        self._update_buttons()

    def clear(self, message: str) -> None:
        self.model.set_rows([])
        self.status.setText(message)
        self._update_buttons()

    def select(self, person_id: str) -> None:
        index = self.model.index_for(person_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def current_person(self) -> str:
        index = self.tree.currentIndex()
        return index.data(PERSON_ROLE) or "" if index.isValid() else ""

    def on_index_activated(self, index: QModelIndex) -> None:
        person_id = index.data(PERSON_ROLE)
        if person_id:
            self._update_buttons()
            self.person_activated.emit(person_id)

    def on_context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        person_id = index.data(PERSON_ROLE) if index.isValid() else None
        if not person_id:
            return
        self.tree.setCurrentIndex(index)
        self.context_menu(person_id).exec(self.tree.viewport().mapToGlobal(pos))

    def context_menu(self, person_id: str) -> QMenu:
        """The corrections offered for one person."""
        row = self.model.row_for(person_id)
        menu = QMenu(self)
        actions = [("not-person", "Not a Person"), ("same-as", "Same Person As…")]
        if row is not None and row.detected:
            actions.append(("add", "Add to My People"))
        if row is not None and row.user:
            actions.append(("remove", "Remove from My People"))
        for key, label in actions:
            action = menu.addAction(label)
            action.setData(key)
            action.triggered.connect(
                lambda _=False, k=key: self.correction_requested.emit(k, person_id))
        return menu

    def _update_buttons(self) -> None:
        has = bool(self.current_person())
        self.prev_button.setEnabled(has)
        self.next_button.setEnabled(has)
