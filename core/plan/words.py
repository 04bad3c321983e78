"""What people write in an action plan's cells and headings, read as Tavle's statuses and columns.

One place for both: a status word (`read_status`) and a column heading (`read_heading`) in
Danish, Norwegian or English, as the catalogs name them and as people write them in Excel
("Igang", "I gang", "Afsluttet", "Udført", "Fullført", "Pågår", "Done"; "Tiltak", "Ansvar",
"Frist"). Case, spaces, hyphens and a trailing dot or colon do not matter.
"""

from __future__ import annotations

from functools import cache

from core.models import ActionStatus
from core.values.excel_csv import words_known

PLAN_FIELDS: tuple[str, ...] = ("change", "responsible", "effect", "how", "deadline", "status")
"""The columns of an action plan file, by field name."""

STATUS_WORDS: dict[str, ActionStatus] = {
    word: status for status, words in {
        ActionStatus.NOT_STARTED: (
            "ikke startet", "ikke påbegyndt", "ikke begyndt", "ikke i gang", "ej startet",
            "ikke påbegynt", "ikke begynt", "ny", "planlagt", "not started", "to do", "todo",
            "open", "åben", "åpen", "venter"),
        ActionStatus.IN_PROGRESS: (
            "i gang", "igangværende", "påbegyndt", "i proces", "pågår", "pågående", "påbegynt",
            "under arbeid", "in progress", "started", "ongoing", "doing", "active", "aktiv"),
        ActionStatus.DONE: (
            "færdig", "afsluttet", "udført", "gennemført", "løst", "lukket", "ferdig",
            "fullført", "utført", "gjennomført", "avsluttet", "lukket", "done", "completed",
            "complete", "finished", "closed"),
        ActionStatus.CANCELLED: (
            "annulleret", "aflyst", "droppet", "opgivet", "stoppet", "avlyst", "kansellert",
            "avbrutt", "cancelled", "canceled", "dropped", "abandoned"),
    }.items() for word in words
}
"""Status words people write, beyond the catalogs' labels, to the status they mean."""

HEADING_WORDS: dict[str, str] = {
    word: name for name, words in {
        "change": ("ændring", "ændring/opgave", "opgave", "tiltag", "handling", "aktivitet",
                   "tiltak", "endring", "endring/oppgave", "oppgave", "aktivitet",
                   "change", "change/task", "task", "action", "activity"),
        "responsible": ("ansvarlig", "ansvar", "ansvarlige", "hvem", "ejer", "eier",
                        "responsible", "responsibility", "owner", "who"),
        "effect": ("effekt", "forventet effekt", "formål", "effect", "expected effect",
                   "outcome", "purpose"),
        "how": ("hvordan", "metode", "how", "method"),
        "deadline": ("deadline", "frist", "tidsfrist", "dato", "slutdato", "sluttdato",
                     "hvornår", "når", "due", "due date", "date", "when"),
        "status": ("status", "state", "tilstand"),
    }.items() for word in words
}
"""Column headings people write, beyond the catalogs' labels, to the field they name."""


def word_key(text: str) -> str:
    """A word as it is matched: case folded, without spaces, hyphens, underscores, a trailing
    dot, colon or asterisk ("I gang" and "Igang" are one)."""
    folded = text.strip().strip(".:*").casefold()
    return "".join(sign for sign in folded if not sign.isspace() and sign not in "-_")


@cache
def _statuses() -> dict[str, ActionStatus]:
    return words_known(STATUS_WORDS, ((status, status.value, f"enum.action_status.{status.value}")
                                      for status in ActionStatus), word_key)


@cache
def _headings() -> dict[str, str]:
    return words_known(HEADING_WORDS, ((name, name, f"field.{name}") for name in PLAN_FIELDS),
                       word_key)


def read_status(text: str) -> ActionStatus | None:
    """The action status a written word means (any language Tavle speaks, any case, with or
    without a space); None when it means none."""
    return _statuses().get(word_key(text))


def read_heading(text: str) -> str | None:
    """The action-plan field a column heading names; None when it names none."""
    return _headings().get(word_key(text))
