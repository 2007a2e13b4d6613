"""The speaker picker: a line edit completing entity names and aliases; Enter on a new name asks to create it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from karabakh_annotator.core.records import EntityRecord


def spelling_key(name: str) -> str:
    """How two spellings are compared: whitespace collapsed (the service does the same)."""
    return " ".join(name.split())


class SpeakerField(QLineEdit):
    """Type a speaker's name or alias; Enter (or picking a completion) confirms.

    A known spelling emits `sig_speaker_chosen(entity_id)`; an empty field
    emits `sig_speaker_chosen(None)`; an unknown name emits
    `sig_new_speaker_requested(name)` on Enter only (leaving the field with an
    unknown name just says so, it creates nothing).
    """

    sig_speaker_chosen = Signal(object)  # int entity id, or None to clear
    sig_new_speaker_requested = Signal(str)
    sig_hint_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Speaker name or alias")
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setToolTip("Speaker: type a name or alias and press Enter; Enter on a new name adds the speaker")
        self._spellings = QStringListModel(self)
        self._by_spelling: dict[str, EntityRecord] = {}
        self._shown_id: int | None = None
        completer = QCompleter(self._spellings, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated[str].connect(self._on_completer_activated)
        self.setCompleter(completer)
        self.returnPressed.connect(self._on_return_pressed)
        self.editingFinished.connect(self._on_editing_finished)

    def set_entities(self, entities: Sequence[EntityRecord]) -> None:
        """Every known entity; each name and alias completes to its entity."""
        self._by_spelling = {}
        for entity in entities:
            for spelling in (entity.name, *entity.aliases):
                self._by_spelling.setdefault(spelling_key(spelling), entity)
        self._spellings.setStringList(sorted(self._by_spelling, key=str.casefold))

    def add_entity(self, entity: EntityRecord) -> None:
        """One more entity (just created)."""
        self.set_entities([*{e.id: e for e in self._by_spelling.values()}.values(), entity])

    def entity_named(self, text: str) -> EntityRecord | None:
        """The entity one of whose spellings is `text`."""
        return self._by_spelling.get(spelling_key(text))

    def show_speaker(self, entity_id: int | None, name: str | None) -> None:
        """Show the statement's speaker without emitting."""
        self._shown_id = entity_id
        was = self.blockSignals(True)
        self.setText(name or "")
        self.blockSignals(was)
        self.sig_hint_changed.emit("")

    def _confirm(self, may_create: bool) -> None:
        text = spelling_key(self.text())
        if not text:
            if self._shown_id is not None:
                self._shown_id = None
                self.sig_speaker_chosen.emit(None)
            return
        entity = self.entity_named(text)
        if entity is not None:
            self.sig_hint_changed.emit("")
            if entity.id != self._shown_id:
                self._shown_id = entity.id
                self.sig_speaker_chosen.emit(entity.id)
            return
        if may_create:
            self.sig_hint_changed.emit(f"Adding “{text}” as a new speaker…")
            self.sig_new_speaker_requested.emit(text)
        else:
            self.sig_hint_changed.emit(f"“{text}” is not a known speaker: press Enter to add it")

    def _on_return_pressed(self) -> None:
        popup = self.completer().popup()
        if popup is not None and popup.isVisible():
            return  # the completer is choosing; its activation confirms
        self._confirm(may_create=True)

    def _on_editing_finished(self) -> None:
        self._confirm(may_create=False)

    def _on_completer_activated(self, text: str) -> None:
        self.setText(text)
        self._confirm(may_create=False)
