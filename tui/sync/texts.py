"""The words of sync by file: one formatter for the import preview, conflicts and values.

Both `tavle import` (plain text) and the screens use it, so they say the same things. It never
imports Textual: the CLI stays light. Everything returned is plain text; the screens show it with
`Content(text)` or `cell(text)` (file contents are untrusted and never markup).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.i18n import Translator
    from core.sync.history import FieldChange, HistoryEntry
    from core.sync.outcomes import Conflict, ConflictValue, ExportResult, ImportPreview

EXISTS = "_exists"
COUNT_KINDS = ("created", "changed", "deleted", "restored")
"""The columns of the per-entity table, in order (labels: `sync_ui.count.<kind>`)."""

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
ONE_LINE_MAX = 60


def entity_label(entity: str, tx: Translator) -> str:
    """The label of a kind of record ("Handlinger"), or its name when no label exists."""
    key = f"entity.{entity}"
    return tx(key) if tx.has(key) else entity


def field_label(field: str, tx: Translator) -> str:
    """The label of a field ("Ansvarlig"); `_exists` is "Findes"."""
    if field == EXISTS and not tx.has(f"field.{EXISTS}"):
        return tx("sync_ui.exists_field")
    key = f"field.{field}"
    return tx(key) if tx.has(key) else field


def when_text(moment: dt.datetime | None, tx: Translator) -> str:
    """A moment in local time as the user writes it (24-11-2026 10:15)."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return tx.datetime(moment)


def value_text(value: Any, tx: Translator, *, field: str = "", one_line: bool = False) -> str:
    """A field value the user's way: dates, numbers, yes/no; "(tom)" for nothing."""
    if field == EXISTS and isinstance(value, bool):
        text = tx("sync_ui.exists_true" if value else "sync_ui.exists_false")
    elif value is None or value == "":
        text = tx("sync_ui.value_empty")
    elif isinstance(value, bool):
        text = tx("dialog.yes" if value else "dialog.no")
    elif isinstance(value, int | float):
        text = tx.number(value, decimals=2) if isinstance(value, float) else str(value)
    elif isinstance(value, str) and _ISO_DATE.match(value):
        text = _date_text(value, tx)
    elif isinstance(value, str) and _ISO_DATETIME.match(value):
        text = _datetime_text(value, tx)
    elif isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    if one_line:
        text = " ".join(text.split())
        if len(text) > ONE_LINE_MAX:
            text = text[: ONE_LINE_MAX - 1] + "…"
    return text


def _date_text(value: str, tx: Translator) -> str:
    try:
        return tx.date(dt.date.fromisoformat(value))
    except ValueError:
        return value


def _datetime_text(value: str, tx: Translator) -> str:
    try:
        return when_text(dt.datetime.fromisoformat(value), tx)
    except ValueError:
        return value


def unit_text(unit: str, tx: Translator) -> str:
    """A unit's name, or "(ukendt enhed)" when the sender never named it."""
    return unit or tx("sync_ui.unknown_unit")


def source_text(candidate: ConflictValue, tx: Translator) -> str:
    """Who wrote a value and when: "Jobcenter Nord · MH · 24-11-2026 10:15"."""
    parts = [unit_text(candidate.unit, tx), candidate.author, when_text(candidate.written_at, tx)]
    return " · ".join(part for part in parts if part)


def candidate_text(candidate: ConflictValue, field: str, tx: Translator) -> str:
    """A value with its source on one line: "»LK« (Jobcenter Nord · MH · 24-11-2026 10:15)"."""
    value = value_text(candidate.value, tx, field=field, one_line=True)
    return tx("sync_ui.candidate", value=value, source=source_text(candidate, tx))


def conflict_title(conflict: Conflict, tx: Translator) -> str:
    """What a conflict is about: "Handlinger »Ring til borgeren« · Ansvarlig"."""
    entity = entity_label(conflict.entity, tx)
    label = " ".join(conflict.record_label.split())  # a record is never named by its id
    plain = "" if label else "_plain"
    if conflict.kind == "deleted_edit":
        return tx(f"sync_ui.conflict_deleted_title{plain}", entity=entity, record=label)
    return tx(f"sync_ui.conflict_title{plain}", entity=entity, record=label,
              field=field_label(conflict.field, tx))


def conflict_lines(conflict: Conflict, tx: Translator) -> list[str]:
    """A conflict as text: its title, the shown value and the other values."""
    lines = [conflict_title(conflict, tx)]
    if conflict.kind == "deleted_edit":
        lines.append("  " + tx("sync_ui.deleted_here"))
        for candidate in conflict.others:
            lines.append("  " + tx("sync_ui.edit_of", value=candidate_text(candidate, "", tx)))
        return lines
    if conflict.shown is not None:
        lines.append("  " + tx("sync_ui.shown_value",
                               value=candidate_text(conflict.shown, conflict.field, tx)))
    for candidate in conflict.others:
        lines.append("  " + tx("sync_ui.other_value",
                               value=candidate_text(candidate, conflict.field, tx)))
    return lines


def history_heading(entry: HistoryEntry, tx: Translator) -> str:
    """When, who, from where and what of one change of a record:
    "24-11-2026 10:15 · MH · Jobcenter Nord (importeret) – Ændret"."""
    unit = tx("history.this_unit") if entry.own else unit_text(entry.unit, tx)
    if entry.imported:
        unit = tx("history.imported", unit=unit)
    parts = [when_text(entry.written_at, tx), entry.author, unit]
    source = " · ".join(part for part in parts if part)
    return tx("history.heading", source=source, kind=tx(f"history.kind.{entry.kind}"))


def history_lines(entry: HistoryEntry, entity: str, links: Mapping[str, str],
                  tx: Translator) -> list[str]:
    """The fields one change set, one a line: "Ansvarlig: MH → LK"; a linked record by its label
    (`links`, by id), never its id; a choice by its name; a new record's fields that hold
    nothing are left out. A text is shown whole (its line breaks as spaces): a history is read
    to see exactly what was written."""
    from core.sync.history import enum_key, is_link, shown_fields

    def shown(change: FieldChange, value: Any) -> str:
        if is_link(change.field) and isinstance(value, str) and value:
            return links.get(value) or tx("history.linked")
        key = enum_key(entity, change.field, value)
        if key is not None and tx.has(key):
            return tx(key)
        return " ".join(value_text(value, tx, field=change.field).split())

    lines = []
    for change in shown_fields(entity, entry.fields):
        label = field_label(change.field, tx)
        if change.had_old:
            lines.append(tx("history.field_changed", field=label, old=shown(change, change.old),
                            new=shown(change, change.new)))
        elif change.new not in (None, "", [], {}):
            lines.append(tx("history.field_set", field=label, value=shown(change, change.new)))
    return lines


def message_text(key: str, params: Mapping[str, Any], tx: Translator) -> str:
    """A warning or message from a catalog key, with dates and numbers the user's way."""
    shown: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, dt.datetime):
            shown[name] = when_text(value, tx)
        elif isinstance(value, dt.date):
            shown[name] = tx.date(value)
        elif isinstance(value, float):
            shown[name] = tx.number(value)
        else:
            shown[name] = value
    return tx(key, **shown)


# -- the preview --------------------------------------------------------------------------------


def scope_text(kind: str, name: str, tx: Translator) -> str:
    """A project, organisation or learning network in a file: "Projekt: Sygefravær"."""
    known = kind if kind in ("organisation", "network") else "project"
    return tx(f"sync_ui.scope_{known}", name=name)


def preview_facts(preview: ImportPreview, tx: Translator) -> list[str]:
    """The file: kind, sender, date, what it holds, and whether anything is new."""
    kind = tx("sync_ui.kind_full" if preview.kind == "full" else "sync_ui.kind_delta")
    facts = [
        tx("sync_ui.fact_kind", kind=kind),
        tx("sync_ui.fact_sender", unit=unit_text(preview.sender_unit, tx)),
        tx("sync_ui.fact_created", when=when_text(preview.created_at, tx)),
    ]
    facts += [scope_text(scope_kind, name, tx) for _id, scope_kind, name in preview.scopes]
    facts.append(tx("sync_ui.fact_changes", count=preview.n_changes, new=preview.n_new))
    if preview.n_parked and not has_warning(preview, "sync.warn.parked"):
        facts.append(tx("sync_ui.parked", count=preview.n_parked))
    if preview.n_redacted:
        facts.append(tx.count("sync_ui.redacted", preview.n_redacted))
    return facts


def has_warning(preview: ImportPreview, key: str) -> bool:
    """Whether the engine already warns with `key` (so the UI does not say it twice)."""
    return any(warning_key == key for warning_key, _params in preview.warnings)


def large_delete_lines(preview: ImportPreview, tx: Translator) -> list[str]:
    """The large-deletion warning, unless the engine's warnings already hold it."""
    if not preview.large_delete or preview.applied:
        return []
    if has_warning(preview, "sync.warn.large_delete"):
        return []
    return [tx("sync_ui.large_delete", count=deleted_count(preview))]


def status_text(preview: ImportPreview, tx: Translator) -> str:
    """One line on what importing would do (or did)."""
    if preview.applied:
        return result_text(preview, tx)
    if preview.already_imported:
        return tx("sync_ui.already_imported")
    if not preview.n_new:
        return tx("sync_ui.nothing_new")
    return tx("sync_ui.ready", count=preview.n_new)


def count_header(tx: Translator) -> list[str]:
    """The per-entity table's column labels."""
    return [tx("sync_ui.count.entity"), *(tx(f"sync_ui.count.{kind}") for kind in COUNT_KINDS)]


def count_rows(preview: ImportPreview, tx: Translator) -> list[list[str]]:
    """One row per kind of record the file touches: label, created, changed, deleted, restored."""
    rows = [
        [entity_label(entity, tx), *(str(getattr(counts, kind)) for kind in COUNT_KINDS)]
        for entity, counts in preview.counts.items()
        if counts.total
    ]
    return sorted(rows, key=lambda row: row[0].casefold())


def deleted_count(preview: ImportPreview) -> int:
    """How many records the import deletes."""
    return sum(counts.deleted for counts in preview.counts.values())


def warning_lines(preview: ImportPreview, tx: Translator) -> list[str]:
    """The preview's warnings, each a sentence that says what to do."""
    return [message_text(key, params, tx) for key, params in preview.warnings]


def can_apply(preview: ImportPreview) -> bool:
    """Whether importing would change anything."""
    return not preview.applied and not preview.already_imported and preview.n_new > 0


def table_lines(header: list[str], rows: list[list[str]]) -> list[str]:
    """A plain-text table: the first column left-aligned, the others right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0])] + [
            value.rjust(width) for value, width in zip(row[1:], widths[1:], strict=True)
        ]
        return "  ".join(cells).rstrip()

    return [line(header), *(line(row) for row in rows)]


def preview_lines(preview: ImportPreview, tx: Translator) -> list[str]:
    """The whole preview as text (what `tavle import --dry-run` prints)."""
    lines = [tx("sync_ui.preview_heading", name=preview.path.name), *preview_facts(preview, tx)]
    lines += ["", status_text(preview, tx)]
    rows = count_rows(preview, tx)
    if rows:
        lines += ["", *table_lines(count_header(tx), rows)]
    if preview.new_conflicts:
        lines += ["", tx("sync_ui.new_conflicts", count=len(preview.new_conflicts))]
        for conflict in preview.new_conflicts:
            lines += ["  " + line for line in conflict_lines(conflict, tx)]
    warnings = warning_lines(preview, tx) + large_delete_lines(preview, tx)
    if warnings:
        lines += ["", tx("sync_ui.warnings"), *(f"  ! {text}" for text in warnings)]
    return lines


def result_text(preview: ImportPreview, tx: Translator) -> str:
    """After an import: "Importeret: 152 ændringer fra Jobcenter Nord"."""
    return tx("sync_ui.imported", count=preview.n_new, unit=unit_text(preview.sender_unit, tx))


def export_text(result: ExportResult, tx: Translator) -> str:
    """After an export: "Gemt: C:\\…\\Tavle_….tavle (152 ændringer)"."""
    if not result.n_changes:
        return tx("sync_ui.exported_empty", path=str(result.path))
    return tx("sync_ui.exported", path=str(result.path), count=result.n_changes)


def export_warning_lines(result: ExportResult, tx: Translator) -> list[str]:
    """The export's warnings (a file too large to mail comfortably, ...)."""
    return [message_text(key, params, tx) for key, params in result.warnings]
