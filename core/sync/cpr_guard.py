"""The CPR guard: scan what is about to leave Tavle for CPR numbers and fødselsnumre.

Before any file leaves the machine (a sync export, a report, a CSV, meeting minutes), the text
going into it is scanned with `core.sync.cpr_numbers.find_numbers`. Each hit is a `GuardHit`:
where it is, its kind and the text around it with the number masked (the number is never shown
in full: not in the text around it, nor in where it is – a record's label may hold it too –,
nor in the log of files sent anyway).
The user then edits the text away in place, or sends anyway with a reason (`log_override`,
written to the local table `guard_log`); with the setting `cpr_guard = "block"` only editing
is offered.

Public API (core; no Textual):

- `scan_project(store, project_id) -> list[GuardHit]`: every free-text field of every live
  record of the project (or organisation: `scan_scope`), with the entity, record and field.
  These hits are *editable*: `fix_hit(log, hit, new_text)` writes the new text through
  `core.db.undo.UndoLog.update` (one change-log update in a transaction, undoable).
  Used before a sync export, which carries every field of the project.
- `scan_outgoing(store, project_id, items) -> list[GuardHit]`: the numbers in a file written
  from a project (CSV rows, minutes, a report): `items` are `(where, text)` pairs of the file's
  text, `where` in the user's language ("Statusrapport"). A number that also stands in a record
  is listed as that record's (editable) hit; any other as a hit of the text.
- `scan_texts(items, known=...) -> list[GuardHit]`: numbers in texts that are not records (the
  portfolio report across projects); numbers already in `known` are left out. Not editable.
- `scan_changes(lines) -> list[GuardHit]` for a received sync file: the string values of
  `core.sync.fileformat.read_file(path).changes` (the import preview warns when it is not empty);
  `import_warnings(changes)` gives that warning as `ImportPreview.warnings` holds them.
- `log_override(store, what, target, hits, reason)`: log that a file was let go anyway
  (`what` one of `WHAT`: "export", "report", "csv", "minutes", "table" – an xlsx or CSV table;
  `target` the file name, or the project's name when the file is named later). The log is local
  (not synced).
- `guard_entries(store)`: the log, newest first. `GUARD_MODES`: the setting's values
  (`core.settings.Settings.cpr_guard`). `hit_summary(hits, tr)`: one masked line per hit.

How a report (or any other file writer) uses it. In a screen, one call before writing:

    from tui.dialogs.cpr_guard import guard_then
    guard_then(screen, what="report", target=file_name,
               scan=lambda: scan_outgoing(store, project_id, [(title, markdown)], translator()),
               then=write_the_file)

(for the portfolio report: `scan_outgoing` per project, or `scan_texts` over the whole text).
From a command line (`tavle report ...`), before writing:

    from tui.cli.cpr import add_allow_option, check_or_refuse   # add_allow_option(subparser, tr)
    if not check_or_refuse(store, scan_outgoing(store, project_id, [(title, markdown)], tr),
                           what="report", target=str(path), allow=args.allow_cpr, tr=tr):
        return 2
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core import clock
from core.i18n import Translator
from core.settings import CPR_GUARD_MODES
from core.sync.cpr_numbers import (
    SMALLEST_PERSONAL_NUMBER,
    NumberHit,
    NumberKind,
    find_numbers,
    mask_numbers,
    number_value_hit,
    sql_globs,
)
from core.sync.labels import LABEL_FIELDS, record_label, row_label

if TYPE_CHECKING:
    from core.db.store import Store
    from core.db.undo import UndoLog
    from core.models import Record
    from core.sync.exporter import OutgoingFile

GUARD_MODES = CPR_GUARD_MODES
"""The setting `cpr_guard`: "warn" (send anyway with a reason) or "block" (only editing)."""

WHAT: tuple[str, ...] = ("export", "report", "csv", "minutes", "table")
"""What kind of file a `guard_log` row is about."""

MAX_REASON = 500

"""Fields that name a record, the first one set wins (as the conflict list names records)."""

STRUCTURAL = frozenset({
    "id", "order", "period", "week", "baseline_until", "item_key", "key", "kind", "duration",
})
"""Text fields that hold codes, not typed text (never scanned)."""


@dataclass(frozen=True)
class GuardHit:
    """One number found in outgoing text: where it is and the masked text around it."""

    number: NumberHit
    where: str = ""
    """For `scan_texts`: the caller's label; for records: the record's own label."""
    entity: str | None = None
    record_id: str | None = None
    field: str | None = None
    scope_id: str | None = None
    numeric: bool = False
    """In a number value (a measurement typed as ten digits), not in text: put right where it
    is typed, or taken out of the history."""
    history: bool = False
    """In a value the file carries that is no longer shown: replaced by a newer one, or of a
    deleted record. It is taken out of the log (`redact_hit`), not edited."""

    @property
    def kind(self) -> NumberKind:
        return self.number.kind

    @property
    def context(self) -> str:
        """The text around the number, with every number masked."""
        return self.number.context

    @property
    def editable(self) -> bool:
        """Whether the hit is in a record field that `fix_hit` can change."""
        return (self.entity is not None and self.record_id is not None
                and self.field is not None and not self.history and not self.numeric)

    @property
    def redactable(self) -> bool:
        """Whether the hit is in the history a file carries, which `redact_hit` takes out."""
        return self.history and self.scope_id is not None

    def location(self, tr: Translator) -> str:
        """Where it is, in the user's language: "Kaizen-møder · 24-11-2026 · Noter".

        Every number in it is masked: a record's label (its name or title) may hold the
        number itself ("Borger 010190-****"), and so may the caller's `where`.
        """
        if self.entity is None or self.field is None:
            return mask_numbers(self.where)
        parts = [tr(f"entity.{self.entity}"), self.where, tr(f"field.{self.field}")]
        if self.history:
            parts.append(tr("cpr.history"))
        return mask_numbers(" · ".join(part for part in parts if part))


# -- scanning ---------------------------------------------------------------------------------


def text_fields(model: type[Record]) -> list[str]:
    """The fields of a model that hold typed text (str or optional str, not ids or codes)."""
    names = []
    for name, info in model.model_fields.items():
        if info.annotation not in (str, str | None):
            continue
        if name in STRUCTURAL or name.endswith("_id") or name == model.SCOPE_FIELD:
            continue
        names.append(name)
    return names


def _records(store: Store, scope_id: str) -> Iterator[tuple[type[Record], dict[str, Any]]]:
    """(model, row) of every live record of a scope with digits enough for a number in a text
    field (`core.sync.cpr_numbers.sql_globs`)."""
    from core.models import ENTITIES

    for model in ENTITIES.values():
        fields = text_fields(model)
        if not fields:
            continue
        labels = [name for name in LABEL_FIELDS if name in model.model_fields]
        columns = ", ".join(f'"{name}"' for name in dict.fromkeys(["id", *fields, *labels]))
        globs = sql_globs()  # a quick look: enough digits for a number, however written
        has_digits = " OR ".join(f'"{name}" GLOB ?' for name in fields for _glob in globs)
        sql = (f'SELECT {columns} FROM "{model.TABLE}" WHERE "{model.SCOPE_FIELD}" = ? '
               f"AND _exists = 1 AND ({has_digits}) ORDER BY id")
        for row in store.query(sql, [scope_id, *(glob for _name in fields for glob in globs)]):
            yield model, row


def scan_scope(store: Store, scope_id: str, tr: Translator | None = None) -> list[GuardHit]:
    """Every number in the free text of a project's (or organisation's) live records.

    `tr` names records by a date in its language (a meeting's date); by default Danish.
    """
    tr = tr or Translator()
    hits: list[GuardHit] = []
    for model, row in _records(store, scope_id):
        label = row_label(model, row, tr)
        for name in text_fields(model):
            value = row.get(name)
            if not isinstance(value, str):
                continue
            hits += [GuardHit(number, label, model.ENTITY, str(row["id"]), name)
                     for number in find_numbers(value)]
    return hits + scan_number_values(store, scope_id, tr)


def number_fields(model: type[Record]) -> list[str]:
    """The fields of a model that hold a number someone typed (not flags or positions)."""
    numbers = (int, float, int | None, float | None)
    return [name for name, info in model.model_fields.items()
            if info.annotation in numbers and name not in STRUCTURAL]


def scan_number_values(
    store: Store, scope_id: str, tr: Translator | None = None
) -> list[GuardHit]:
    """Every number value of a scope's live records that could be a personal number typed as a
    number (a measurement of 101901239: 010190-1239 without its leading zero)."""
    from core.models import ENTITIES

    tr = tr or Translator()
    hits: list[GuardHit] = []
    for model in ENTITIES.values():
        fields = number_fields(model)
        if not fields:
            continue
        labels = [name for name in LABEL_FIELDS if name in model.model_fields]
        columns = ", ".join(f'"{name}"' for name in dict.fromkeys(["id", *fields, *labels]))
        large = " OR ".join(f'"{name}" >= {SMALLEST_PERSONAL_NUMBER}' for name in fields)
        for row in store.query(f'SELECT {columns} FROM "{model.TABLE}" WHERE '
                               f'"{model.SCOPE_FIELD}" = ? AND _exists = 1 AND ({large})',
                               [scope_id]):
            for name in fields:
                value = row.get(name)
                number = None if value is None else number_value_hit(value)
                if number is not None:
                    hits.append(GuardHit(number, row_label(model, row, tr), model.ENTITY,
                                         str(row["id"]), name, scope_id=scope_id, numeric=True))
    return hits


def scan_project(store: Store, project_id: str, tr: Translator | None = None) -> list[GuardHit]:
    """Every number in the free text of a project's live records (see `scan_scope`)."""
    return scan_scope(store, project_id, tr)


def scan_export(
    store: Store, scope_id: str, tr: Translator | None = None, *, full: bool = False
) -> list[GuardHit]:
    """Every number in what a sync file of the scope carries (`scan_file` of
    `core.sync.exporter.outgoing_file`): its name, its manifest, every value of every change
    (replaced values and deleted records included), and the live records of every scope in it."""
    from core.sync.exporter import outgoing_file

    return scan_file(store, outgoing_file(store, scope_id, full=full), tr)


def scan_file(store: Store, out: OutgoingFile, tr: Translator | None = None) -> list[GuardHit]:
    """Every number in a file about to be written (see `scan_export`). A number in a live
    record's shown value is that record's editable hit; one only in a value no longer shown is
    a history hit (`redact_hit` takes it out); one in the file's name or manifest names where."""
    tr = tr or Translator()
    scopes = [str(entry["id"]) for entry in out.manifest["scopes"]]
    hits = [hit for scope in scopes for hit in scan_scope(store, scope, tr)]
    shown = {(hit.entity, hit.record_id, hit.field, hit.number.digits) for hit in hits}
    hits += _history_hits(store, out.lines, shown, tr)
    hits += scan_texts(_manifest_texts(out, tr))  # each place is put right in its own way
    return hits + name_hits(out.name, hits, tr)


def _history_hits(
    store: Store, lines: Iterable[str], shown: set[tuple[Any, ...]], tr: Translator
) -> list[GuardHit]:
    """The numbers in the values of change lines that no live record shows (once per field)."""
    from core.models import ENTITIES

    found: dict[tuple[Any, ...], GuardHit] = {}
    for text in lines:
        if not _DIGIT.search(text):
            continue  # a line without a digit holds no number
        line = json.loads(text)
        model = ENTITIES.get(line["e"])
        for name, value in line["set"].items():
            if name in STRUCTURAL or name.endswith("_id") or isinstance(value, bool):
                continue
            if isinstance(value, str):
                numbers = find_numbers(value)
            elif isinstance(value, int | float):
                numbers = [n for n in [number_value_hit(value)] if n is not None]
            else:
                continue
            for number in numbers:
                key = (line["e"], line["id"], name, number.digits)
                if key in shown or key in found:
                    continue
                label = record_label(store, model.ENTITY, str(line["id"]), tr) if model else ""
                found[key] = GuardHit(number, label, str(line["e"]), str(line["id"]), name,
                                      scope_id=str(line["p"]), history=True,
                                      numeric=not isinstance(value, str))
    return list(found.values())


_DIGIT = re.compile(r"\d")


def _manifest_texts(out: OutgoingFile, tr: Translator) -> list[tuple[str, str]]:
    """The texts of a file's manifest that are no record's value (the scopes' names are their
    records' and are scanned as such): the sender's unit and initials, the units' names."""
    manifest = out.manifest
    texts = [(tr("cpr.where.sender_unit"), str(manifest["sender"]["unit"])),
             (tr("cpr.where.sender_user"), str(manifest["sender"]["user"]))]
    others = dict.fromkeys(str(name) for name in manifest["units"].values())
    texts += [(tr("cpr.where.units"), name) for name in others
              if name != manifest["sender"]["unit"]]
    return texts


def scan_texts(
    items: Iterable[tuple[str, str]], *, known: Sequence[GuardHit] = ()
) -> list[GuardHit]:
    """Every number in texts that are not records: `(where, text)` pairs (a report, CSV rows).

    Numbers already in `known` (the project's own hits, which can be edited) are left out.
    """
    seen = {hit.number.digits for hit in known}
    hits: list[GuardHit] = []
    for where, text in items:
        for number in find_numbers(text):
            if number.digits not in seen:
                hits.append(GuardHit(number, where))
    return hits


def name_hits(target: str, known: Sequence[GuardHit], tr: Translator) -> list[GuardHit]:
    """The numbers in the name of a file about to be written (its last part, when `target` is
    a path), beyond those already `known`."""
    name = target.replace("\\", "/").rsplit("/", 1)[-1]
    return scan_texts([(tr("cpr.where.file_name"), name)], known=known)


def scan_outgoing(
    store: Store, project_id: str | Sequence[str], items: Iterable[tuple[str, str]],
    tr: Translator | None = None,
) -> list[GuardHit]:
    """The numbers in a file about to be written from a project (CSV rows, minutes, a report)
    or from several (the portfolio report).

    `items` are the file's texts as `(where, text)` pairs. A number that is also in one of the
    projects' records is listed as that record's hit (editable in place); any other number in
    the text is listed with the caller's `where` (not editable). A number value of the projects
    that could be a personal number is always listed: a file shows it formatted ("101.901.239"),
    which no text scan finds.
    """
    texts = list(items)
    digits = {number.digits for _where, text in texts for number in find_numbers(text)}
    projects = [project_id] if isinstance(project_id, str) else list(project_id)
    # a number value is written as "101.901.239": listed whether or not the text shows it;
    # the records' text is read only when the file's text holds a number
    scan = scan_project if digits else scan_number_values
    in_records = [
        hit for project in projects for hit in scan(store, project, tr)
        if hit.number.digits in digits or hit.numeric
    ]
    return in_records + scan_texts(texts, known=in_records)


def scan_changes(lines: Iterable[Any], tr: Translator | None = None) -> list[GuardHit]:
    """Every number in the string values of received changes (`SyncFile.changes`).

    A change is a `core.sync.fileformat.ChangeLine` (entity `e`, record `id`, values `set`) or
    its dict; hits name the entity and the field, and are not editable (the values are not in
    the database yet).
    """
    tr = tr or Translator()
    hits: list[GuardHit] = []
    for line in lines:
        if isinstance(line, dict):
            entity, values = str(line.get("e", "")), line.get("set") or {}
        else:
            entity, values = line.e, line.set
        for name, value in values.items():
            if not isinstance(value, str) or name.endswith("_id"):
                continue  # ids are UUIDs, not text anyone typed
            numbers = find_numbers(value)
            if not numbers:
                continue
            where = " · ".join(
                part for part in (
                    tr(f"entity.{entity}") if tr.has(f"entity.{entity}") else entity,
                    tr(f"field.{name}") if tr.has(f"field.{name}") else name,
                ) if part
            )
            hits += [GuardHit(number, where) for number in numbers]
    return hits


def import_warnings(
    changes: Iterable[Any], tr: Translator | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """The import preview's warning (catalog key, params) when a received file carries numbers.

    For `ImportPreview.warnings`: without `tr` the warning says how many (the preview is built
    before the language is known); with `tr` it also names where (entity · field).
    """
    hits = scan_changes(changes, tr)
    if not hits:
        return []
    if tr is None:
        return count_warning(len(hits))
    places = list(dict.fromkeys(hit.location(tr) for hit in hits))
    where = ", ".join(places[:3]) + (", …" if len(places) > 3 else "")
    return [("cpr.import.warning_where", {"count": len(hits), "where": where})]


def count_warning(count: int) -> list[tuple[str, dict[str, Any]]]:
    """The import preview's warning that `count` numbers were found (none when 0); the importer
    counts them a batch of changes at a time (`scan_changes`)."""
    return [("cpr.import.warning", {"count": count})] if count else []


# -- editing a hit away -----------------------------------------------------------------------


def current_text(store: Store, hit: GuardHit) -> str:
    """The field's whole text as stored now (for editing it)."""
    from core.db import changelog
    from core.models import ENTITIES

    if not hit.editable:
        raise ValueError("only a hit in a record can be edited")
    record = changelog.load(store, ENTITIES[str(hit.entity)], str(hit.record_id))
    return str(getattr(record, str(hit.field)) or "")


def fix_hit(log: UndoLog, hit: GuardHit, text: str) -> None:
    """Write the field's new text (validated; `InvalidError` when it breaks a rule; undoable),
    then take the numbers out of the field's earlier values (`core.sync.redaction`), so that
    the text edited away does not leave in the next file's history either."""
    from core.models import ENTITIES
    from core.sync.redaction import redact_history

    if not hit.editable:
        raise ValueError("only a hit in a record can be edited")
    model = ENTITIES[str(hit.entity)]
    record = log.update(model, str(hit.record_id), **{str(hit.field): text})
    redact_history(log.store, record.scope_id, model.ENTITY, str(hit.record_id), str(hit.field))


def redact_hit(store: Store, hit: GuardHit) -> int:
    """Take the numbers out of the history of the hit's field: here now, and in every unit that
    imports a later file (`core.sync.redaction`). Return how many values were taken out."""
    from core.sync.redaction import redact_history

    if not hit.redactable:
        raise ValueError("only a hit in the history can be taken out")
    return redact_history(store, str(hit.scope_id), str(hit.entity), str(hit.record_id),
                          str(hit.field)).values


# -- the log of files sent anyway -------------------------------------------------------------


@dataclass(frozen=True)
class GuardEntry:
    """A file sent although the guard found numbers in it."""

    at: str
    what: str
    target: str
    hits: int
    reason: str
    author: str


def log_override(
    store: Store, what: str, target: str, hits: Sequence[GuardHit] | int, reason: str
) -> GuardEntry:
    """Log that a file was sent with `hits` numbers in it, and why (the reason is required).

    The log keeps no number in full: any in the target (a project's name) or the reason is
    masked."""
    reason = mask_numbers(reason.strip())
    if what not in WHAT:
        raise ValueError(f"unknown kind of file {what!r}")
    if not reason:
        raise ValueError("a reason is required")
    count = hits if isinstance(hits, int) else len(hits)
    entry = GuardEntry(
        clock.utc_now().isoformat(timespec="seconds"), what, mask_numbers(target[:1000]), count,
        reason[:MAX_REASON], store.author,
    )
    with store.transaction():
        store.execute(
            "INSERT INTO guard_log (at, what, target, hits, reason, author) VALUES (?,?,?,?,?,?)",
            [entry.at, entry.what, entry.target, entry.hits, entry.reason, entry.author],
        )
    return entry


def guard_entries(store: Store) -> list[GuardEntry]:
    """Every logged override, newest first."""
    rows = store.query(
        "SELECT at, what, target, hits, reason, author FROM guard_log ORDER BY id DESC"
    )
    return [GuardEntry(**row) for row in rows]


def hit_summary(hits: Sequence[GuardHit], tr: Translator) -> list[str]:
    """One line per hit for a command line: "Kaizen-møder · 24-11-2026 · Noter: …010190-****…"."""
    return [
        tr("cpr.hit_line", kind=tr(f"cpr.kind.{hit.kind.value}"), where=hit.location(tr),
           context=hit.context)
        for hit in hits
    ]

