"""An undoable answer to a proposed pair (same claim, or contradiction): link or dismiss it."""

from __future__ import annotations

from collections.abc import Callable

from karabakh_annotator.core.records import Changes, MatchRecord, PairAnswer
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.undo_commands import ChangesCallback, ErrorCallback, ServiceCommand


class AnswerPairCommand(ServiceCommand):
    """Accept or dismiss a proposed pair; undo takes the answer back, redo answers the same pair again.

    Undo also deletes the statements the answer made from suggestions (so they
    are offered again) and the claim it made; redo brings the statements back
    and links them on a new claim.
    """

    def __init__(
        self,
        services: Services,
        match: MatchRecord,
        accept: bool,
        *,
        analyst: str,
        on_changes: ChangesCallback,
        on_error: ErrorCallback | None = None,
        on_answered: Callable[[], None] | None = None,
    ) -> None:
        text = ("Link same claim" if match.kind == "same" else "Confirm contradiction") if accept else "Dismiss pair"
        super().__init__(text, services, analyst, on_changes, on_error)
        self._match, self._accept = match, accept
        self._on_answered = on_answered
        self.answer: PairAnswer | None = None
        """What the last redo did (set by each successful redo)."""

    def _run(self, step: Callable[[], Changes]) -> bool:
        done = super()._run(step)
        if self._on_answered is not None:
            self._on_answered()  # the pair comes and goes in the related list after every step
        return done

    def _do(self) -> Changes:
        matches = self._services.matches
        self.answer = (matches.accept if self._accept else matches.dismiss)(self._match, self._analyst)
        return self.answer.changes

    def _undo(self) -> Changes:
        assert self.answer is not None
        return self._services.matches.take_back(self.answer, self._analyst)

    def _redo_again(self) -> Changes:
        assert self.answer is not None
        self.answer = self._services.matches.answer_again(self.answer, self._analyst)
        return self.answer.changes
