"""Language catalogs and each language's way of writing dates, weeks and numbers.

Every user-visible string lives in the TOML files of `core/locales/<lang>/` (one file per area;
every language has the same files and the same keys). Keys are dotted paths
(`project_list.title`); values may hold `{placeholders}` for `str.format`, and a word that
follows a count as `{count|række|rækker}` – the first form when that parameter is 1, else the
second (Danish, English and bokmål have these two forms), so "{count} {count|række|rækker}"
reads "1 række" and "3 rækker", in any sentence and for every count in it. The languages: Danish
(the default), English and Norwegian bokmål; each writes dates, weeks and numbers as its
`format.*` keys say ("24-11-2026", "uge 47 2026" in Danish; "24.11.2026", "uke 47 2026" in
Norwegian).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from core.paths import cache_dir

LANGUAGES: tuple[str, ...] = ("da", "en", "nb")
DEFAULT_LANGUAGE = "da"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = str(value)
    return flat


@cache
def catalog(lang: str) -> dict[str, str]:
    """Return the flat catalog of `lang` (key -> text)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    return load_catalog(lang, cache_dir())


CACHE_FORMAT = 1


def load_catalog(lang: str, cache: Path) -> dict[str, str]:
    """Read the catalog of `lang` from its TOML files, or from the copy parsed last time in
    `cache` when no file has changed since (by name, size and modification time).

    Parsing the 26 files of a language takes some 14 ms of Tavle's start-up and reading the
    parsed copy under 1 ms; like Python's own `__pycache__`, a copy that cannot be read or
    written is simply not used."""
    folder = resources.files("core.locales").joinpath(lang)
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".toml")),
                     key=lambda e: e.name)
    stamp = _stamp(entries)
    copy = cache / f"catalog-{lang}.json"
    if stamp is not None:
        try:
            kept = json.loads(copy.read_text("utf-8"))
            if kept["stamp"] == stamp and isinstance(kept["texts"], dict):
                return cast(dict[str, str], kept["texts"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    flat: dict[str, str] = {}
    for entry in entries:
        table = _flatten(tomllib.loads(entry.read_text("utf-8")))
        clash = flat.keys() & table.keys()
        if clash:
            raise ValueError(f"{lang}/{entry.name} repeats keys {sorted(clash)}")
        flat.update(table)
    if stamp is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            part = copy.with_name(f"{copy.name}.{os.getpid()}.part")
            part.write_text(json.dumps({"stamp": stamp, "texts": flat}), "utf-8")
            os.replace(part, copy)
        except OSError:
            pass
    return flat


def _stamp(entries: list[Any]) -> str | None:
    """What the catalog files are now (None when they are not plain files, as in a zip)."""
    if not all(isinstance(e, Path) for e in entries):
        return None
    try:
        found = [(e.name, *(lambda s: (s.st_size, s.st_mtime_ns))(e.stat())) for e in entries]
    except OSError:
        return None
    return json.dumps([CACHE_FORMAT, found])


PLURAL_FORM = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")
"""A word chosen by a count: `{count|række|rækker}`."""


def plural_forms(text: str, params: dict[str, object]) -> str:
    """`text` with each `{name|one|other}` replaced by the form `params[name]` calls for: the
    first when it is 1, else the second."""
    return PLURAL_FORM.sub(lambda m: m[2] if params.get(m[1]) == 1 else m[3], text)


class Translator:
    """Translate catalog keys into one language and format dates and numbers its way."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._texts = catalog(self.lang)

    def __call__(self, key: str, /, **params: object) -> str:
        """Return the text of `key` with `params` filled in (the key itself if it is unknown)."""
        text = self._texts.get(key)
        if text is None:
            text = catalog(DEFAULT_LANGUAGE).get(key, key)
        if not params:
            return text
        if "|" in text:
            text = plural_forms(text, params)
        return text.format(**params)

    def count(self, key: str, count: int, /, **params: object) -> str:
        """The text of `key` for `count` things: `<key>_one` when the count is 1 and the catalog
        has that form, else `key` (Danish, English and bokmål have these two forms)."""
        one = f"{key}_one"
        if count == 1 and (self.has(one) or one in catalog(DEFAULT_LANGUAGE)):
            key = one
        return self(key, count=count, **params)

    def has(self, key: str) -> bool:
        """Return whether the catalog holds `key`."""
        return key in self._texts

    def date(self, value: dt.date | None) -> str:
        """Format a date as users of this language write it (24-11-2026 in Danish, 24.11.2026
        in Norwegian)."""
        if value is None:
            return ""
        return value.strftime(self("format.date"))

    def datetime(self, value: dt.datetime | None) -> str:
        """Format a local date and time."""
        if value is None:
            return ""
        return value.strftime(self("format.datetime"))

    def week(self, year: int, week: int) -> str:
        """Name an ISO week as users of this language do ("uge 47 2026")."""
        return self("format.week", week=week, year=year)

    def number(self, value: float | int | None, decimals: int = 1) -> str:
        """Format a number with this language's decimal and thousands signs."""
        if value is None:
            return ""
        if isinstance(value, int) or float(value).is_integer():
            text = f"{round(value):,}"
        else:
            text = f"{value:,.{decimals}f}"
        decimal_sign, thousands_sign = self("format.decimal"), self("format.thousands")
        return text.replace(",", "\x00").replace(".", decimal_sign).replace("\x00", thousands_sign)

    def percent(self, fraction: float | None, decimals: int = 1) -> str:
        """Format a fraction as a percentage ("12,5 %")."""
        if fraction is None:
            return ""
        return self("format.percent", value=self.number(fraction * 100, decimals))
