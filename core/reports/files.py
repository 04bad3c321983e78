"""Naming, rendering and writing a report file, and the CPR guard's scan of what goes into it.

`make_report(...)` builds and renders a report; `report_hits(...)` lists what looks like a CPR
number or fødselsnummer in it (the project's records that carry one are editable hits);
`save_report(...)` writes the text atomically to a named path, or under a free name like
`Statusrapport_<projekt>_<YYYY-MM-DD>.html` in a folder.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.db.store import Store
from core.errors import TavleError
from core.i18n import Translator
from core.paths import slug
from core.reports.content import build_report
from core.reports.model import Format, Kind, Report

if TYPE_CHECKING:
    from core.sync.cpr_guard import GuardHit

SUFFIXES: dict[str, str] = {"html": ".html", "md": ".md"}


@dataclass(frozen=True)
class Made:
    """A rendered report: its content, its text and the file name it suggests."""

    report: Report
    text: str
    name: str
    project_ids: tuple[str, ...]


def render(report: Report, fmt: Format) -> str:
    """The report's text as HTML or Markdown."""
    if fmt == "md":
        from core.reports.markdown import render_markdown

        return render_markdown(report)
    from core.reports.html import render_html

    return render_html(report)


def file_name(kind: Kind, project_name: str | None, day: dt.date, fmt: Format,
              tr: Translator) -> str:
    """`Statusrapport_<projekt>_<YYYY-MM-DD>.html` (ASCII parts, as the sync files' names)."""
    parts = [slug(tr(f"reports.file.{kind}")) or "Rapport",
             slug(project_name or ""), day.isoformat()]
    return "_".join(part for part in parts if part) + SUFFIXES[fmt]


def make_report(
    store: Store, kind: Kind, project_id: str | None, *, fmt: Format = "html",
    lang: str = "da", today: dt.date, since: dt.date | None = None,
) -> Made:
    """Build and render a report as it stands on `today`."""
    report = build_report(store, kind, project_id, lang=lang, today=today, since=since)
    name = file_name(kind, None if kind == "portfolio" else report.subtitle, today, fmt,
                     Translator(lang))
    if kind == "portfolio":
        ids = tuple(row["id"] for row in store.query(
            "SELECT id FROM projects WHERE _exists AND NOT COALESCE(archived, 0)"))
    else:
        ids = (str(project_id),)
    return Made(report, render(report, fmt), name, ids)


def report_hits(store: Store, made: Made, tr: Translator) -> list[GuardHit]:
    """What looks like a CPR number or fødselsnummer in the report (its Markdown rendering: the
    same content as the HTML, without its markup), by `core.sync.cpr_guard.scan_outgoing`."""
    from core.reports.markdown import render_markdown
    from core.sync.cpr_guard import scan_outgoing

    where = f"{made.report.title} · {made.report.subtitle}"
    return scan_outgoing(store, made.project_ids, [(where, render_markdown(made.report))], tr)


def free_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `name-2`, `name-3`, … when a file of that name is there."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    counter = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return candidate


def save_report(text: str, *, name: str, folder: Path | None = None,
                path: Path | None = None) -> Path:
    """Write the report to `path` (replacing it), or under a free `name` in `folder`.

    Written beside the target and renamed, so a half-written file never carries its name.
    Raises `TavleError` when the folder is missing or cannot be written."""
    if path is None:
        if folder is None:
            raise ValueError("a folder or a path is needed")
        if not folder.is_dir():
            raise TavleError("reports.error.no_folder", folder=str(folder))
        path = free_path(folder, name)
    elif not path.parent.is_dir():
        raise TavleError("reports.error.no_folder", folder=str(path.parent))
    try:
        handle, temp = tempfile.mkstemp(prefix=".tavle-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.replace(temp, path)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
    except OSError:
        raise TavleError("reports.error.cannot_write", path=str(path)) from None
    return path
