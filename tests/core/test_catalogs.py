"""The language catalogs: same files, keys and placeholders in every language, and every key the
code asks for is there."""

from __future__ import annotations

import datetime as dt
import enum
import re
import string
import tomllib
from importlib import resources
from pathlib import Path

import pytest

import core.models as models
from core.i18n import DEFAULT_LANGUAGE, LANGUAGES, PLURAL_FORM, Translator, catalog
from core.models import ENTITIES
from core.phases import PHASES

CORE = Path(__file__).resolve().parents[2] / "core"
LOCALES = resources.files("core.locales")

# Every pydantic error type the models can raise, with the `ctx` keys pydantic gives for it
# (InvalidError.from_validation drops `error`, so it is never a placeholder).
PYDANTIC_ERRORS: dict[str, set[str]] = {
    "missing": set(),
    "string_too_short": {"min_length"},
    "string_too_long": {"max_length"},
    "greater_than_equal": {"ge"},
    "less_than_equal": {"le"},
    "greater_than": {"gt"},
    "less_than": {"lt"},
    "int_parsing": set(),
    "int_type": set(),
    "float_parsing": set(),
    "float_type": set(),
    "finite_number": set(),
    "date_parsing": set(),
    "date_from_datetime_parsing": set(),
    "date_type": set(),
    "datetime_parsing": set(),
    "datetime_from_date_parsing": set(),
    "bool_parsing": set(),
    "enum": {"expected"},
    "literal_error": {"expected"},
    "string_type": set(),
    "extra_forbidden": set(),
    "value_error": set(),
}
CUSTOM_ERRORS = (
    "period", "fraction_incomplete", "denominator_zero", "numerator_above_denominator",
    "value_missing", "end_before_start", "reason_missing", "scale",
)


def placeholders(text: str) -> set[str]:
    """The names of the `{placeholders}` in a catalog text (a plural form `{count|a|b}` names
    its count)."""
    text = PLURAL_FORM.sub(r"{\1}", text)
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def snake(name: str) -> str:
    """MeasureKind -> measure_kind."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def str_enums() -> list[type[enum.StrEnum]]:
    return [
        value for value in vars(models).values()
        if isinstance(value, type) and issubclass(value, enum.StrEnum)
        and value is not enum.StrEnum
    ]


def core_sources() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


# -- same files, same keys, same placeholders ----------------------------------------------


def test_every_language_has_the_same_files() -> None:
    files = {
        lang: sorted(e.name for e in LOCALES.joinpath(lang).iterdir() if e.name.endswith(".toml"))
        for lang in LANGUAGES
    }
    reference = files[DEFAULT_LANGUAGE]
    assert {"phases.toml", "fields.toml", "errors.toml", "format.toml"} <= set(reference)
    for lang, names in files.items():
        assert names == reference, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_file_parses_and_holds_only_text(lang: str) -> None:
    for entry in LOCALES.joinpath(lang).iterdir():
        if entry.name.endswith(".toml"):
            for key, value in _leaves(tomllib.loads(entry.read_text("utf-8"))):
                assert isinstance(value, str), f"{lang}/{entry.name}: {key} is not text"
                # the thousands sign of Danish and Norwegian is a no-break space
                assert value.strip() or value == "\u00a0", f"{lang}/{entry.name}: {key} is empty"


def _leaves(table: dict[str, object], prefix: str = "") -> list[tuple[str, object]]:
    leaves: list[tuple[str, object]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            leaves += _leaves(value, f"{prefix}{key}.")
        else:
            leaves.append((f"{prefix}{key}", value))
    return leaves


def test_every_language_has_the_same_keys() -> None:
    reference = set(catalog(DEFAULT_LANGUAGE))
    for lang in LANGUAGES:
        keys = set(catalog(lang))
        assert not reference - keys, f"{lang} lacks {sorted(reference - keys)}"
        assert not keys - reference, f"{lang} has extra {sorted(keys - reference)}"


def test_placeholders_match_across_languages() -> None:
    reference = catalog(DEFAULT_LANGUAGE)
    for lang in LANGUAGES:
        texts = catalog(lang)
        for key, text in reference.items():
            assert placeholders(texts[key]) == placeholders(text), f"{lang}: {key}"


# -- the keys the code needs ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_model_field_has_a_label(lang: str) -> None:
    texts = catalog(lang)
    missing = {
        f"{model.__name__}.{name}"
        for model in ENTITIES.values()
        for name in model.model_fields
        if f"field.{name}" not in texts
    }
    assert not missing


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_enum_value_has_a_label(lang: str) -> None:
    texts = catalog(lang)
    enums = str_enums()
    assert {e.__name__ for e in enums} >= {
        "MeasureKind", "Direction", "Frequency", "ActionStatus", "BoardColumn", "ActDecision",
        "ClosingChoice", "MapKind", "StepSymbol", "IdeaStatus", "Group", "PhaseStatus",
    }
    missing = [
        f"enum.{snake(e.__name__)}.{member.value}"
        for e in enums
        for member in e
        if f"enum.{snake(e.__name__)}.{member.value}" not in texts
    ]
    assert not missing


def test_every_error_key_raised_in_core_exists() -> None:
    constructor = re.compile(r"\b(?:Tavle|Store|NotFound)Error\(\s*\"([a-z_.]+)\"")
    literal = re.compile(r"\"((?:store|error)\.[a-z_]+)\"")
    custom = re.compile(r"PydanticCustomError\(\s*\"([a-z_]+)\"")
    keys: set[str] = set()
    for path in core_sources():
        source = path.read_text("utf-8")
        keys |= set(constructor.findall(source)) | set(literal.findall(source))
        keys |= {f"error.{name}" for name in custom.findall(source)}
    # The scan must find the store's keys, or it is scanning the wrong thing.
    assert {"store.newer_version", "store.not_a_database", "error.not_found"} <= keys
    assert {f"error.{name}" for name in CUSTOM_ERRORS} <= keys
    for lang in LANGUAGES:
        texts = catalog(lang)
        assert not {key for key in keys if key not in texts}, lang


def test_store_messages_name_the_path() -> None:
    for lang in LANGUAGES:
        store_keys = [key for key in catalog(lang) if key.startswith("store.")]
        assert len(store_keys) >= 9
        for key in store_keys:
            assert "path" in placeholders(catalog(lang)[key]), f"{lang}: {key}"
        assert placeholders(catalog(lang)["store.no_folder"]) == {"path", "folder"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pydantic_error_has_a_message_with_only_its_ctx(lang: str) -> None:
    texts = catalog(lang)
    for error_type, ctx in PYDANTIC_ERRORS.items():
        key = f"error.{error_type}"
        assert key in texts, key
        assert placeholders(texts[key]) <= ctx, key
    for error_type in CUSTOM_ERRORS:
        assert not placeholders(texts[f"error.{error_type}"]), error_type
    assert placeholders(texts["error.field_prefix"]) == {"field", "message"}
    assert placeholders(texts["error.not_found"]) == {"entity"}
    assert "error.invalid_record" in texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_phase_has_its_texts(lang: str) -> None:
    texts = catalog(lang)
    for phase in PHASES:
        base = f"phase.{phase.key}"
        for part in ("name", "title", "summary", "product"):
            assert f"{base}.{part}" in texts, f"{base}.{part}"
        assert len(texts[f"{base}.name"]) <= 26, texts[f"{base}.name"]
        for item in phase.advice:
            assert len(texts[f"{base}.advice.{item}"]) <= 60, f"{base}.advice.{item}"
            assert f"{base}.advice_help.{item}" in texts
        # No advice text without an advice key in core/phases.py.
        listed = {
            key.rsplit(".", 1)[1] for key in texts
            if key.startswith((f"{base}.advice.", f"{base}.advice_help."))
        }
        assert listed == set(phase.advice)
    for status in models.PhaseStatus:
        assert f"phase_status.{status.value}" in texts


def test_danish_words_of_the_method() -> None:
    tr = Translator("da")
    assert tr("phase.before_start.name") == "Før projektstart"
    assert tr("phase.current_workflow.name") == "Arbejdsgang i dag"
    assert tr("phase.test.name") == "Afprøvning"
    assert tr("phase.closing.name") == "Afslutning og drift"
    assert tr("phase.before_start.product") == "Projektkommissorium"
    assert [tr(f"field.{f}") for f in ("change", "responsible", "effect", "how", "deadline")] == [
        "Ændring/opgave", "Ansvarlig", "Effekt", "Hvordan", "Deadline",
    ]
    assert tr("enum.action_status.not_started") == "Ikke startet"
    assert tr("enum.group.steering") == "Styregruppe"
    assert tr("phase_status.done") == "Færdig"


def test_every_text_formats_with_its_placeholders() -> None:
    for lang in LANGUAGES:
        tr = Translator(lang)
        for key, text in catalog(lang).items():
            params = {name: "X" for name in placeholders(text)}
            if params:
                assert "{" not in tr(key, **params), f"{lang}: {key}"


# -- formatting ----------------------------------------------------------------------------


def test_danish_dates_weeks_and_numbers() -> None:
    tr = Translator("da")
    assert tr.date(dt.date(2026, 11, 24)) == "24-11-2026"
    assert tr.datetime(dt.datetime(2026, 11, 24, 9, 5)) == "24-11-2026 09:05"
    assert tr.week(2026, 47) == "uge 47 2026"
    assert tr.number(1234.5) == "1\u00a0234,5"
    assert tr.number(-1234.5) == "-1\u00a0234,5"
    assert tr.number(1234567) == "1\u00a0234\u00a0567"
    assert tr.number(2.0) == "2"
    assert tr.number(0.125, decimals=3) == "0,125"
    assert tr.percent(0.125) == "12,5 %"
    assert tr.date(None) == tr.number(None) == tr.percent(None) == ""


def test_english_dates_weeks_and_numbers() -> None:
    tr = Translator("en")
    assert tr.date(dt.date(2026, 11, 24)) == "24-11-2026"
    assert tr.week(2026, 47) == "week 47 2026"
    assert tr.number(1234.5) == "1,234.5"
    assert tr.percent(0.125) == "12.5%"


def test_translator_falls_back_to_danish_and_to_the_key() -> None:
    assert Translator("xx").lang == DEFAULT_LANGUAGE
    tr = Translator("en")
    assert tr("no.such.key") == "no.such.key"
    assert not tr.has("no.such.key")
    assert tr("store.newer_version", path="a.db").startswith("The file a.db")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entity_has_a_label(lang: str) -> None:
    texts = catalog(lang)
    assert not {name for name in ENTITIES if f"entity.{name}" not in texts}


def test_every_literal_key_the_code_asks_for_exists() -> None:
    """`tr("area.key")` with a literal key must find it (a missing key shows as raw text)."""
    root = Path(__file__).resolve().parents[2]
    texts = catalog(DEFAULT_LANGUAGE)
    pattern = re.compile(r'\b(?:tr|tx)\(\s*"([a-z_]+(?:\.[a-z0-9_]+)+)"')
    missing = {
        (match[1], str(path.relative_to(root)))
        for folder in ("core", "tui")
        for path in (root / folder).rglob("*.py")
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
        if match[1] not in texts
    }
    assert not missing


def test_a_word_after_a_count_takes_its_form_from_the_count() -> None:
    from core.i18n import plural_forms

    text = "{total} {total|række|rækker}: {done} {done|færdig|færdige}"
    assert plural_forms(text, {"total": 1, "done": 3}).format(total=1, done=3) == (
        "1 række: 3 færdige")
    assert plural_forms(text, {"total": 2, "done": 1}).format(total=2, done=1) == (
        "2 rækker: 1 færdig")
    assert plural_forms("{n|a|b}", {}) == "b"


SAME_AFTER_ONE = {
    "da": {"tal", "nøgletal", "resultatmål", "kort", "trin", "brud", "t", "min", "af", "i",
           "skjult", "ikke", "afprøves", "indført", "tilpasset", "opgivet", "uden", "fejret"},
    "en": {"of", "in", "more", "h", "min", "hidden", "not", "being", "adopted", "adapted",
           "abandoned", "celebrated"},
    "nb": {"tall", "nøkkeltall", "resultatmål", "kort", "trinn", "brudd", "team", "t", "min",
           "av", "i", "skjult", "ikke", "prøves", "innført", "tilpasset", "forkastet", "uten",
           "feiret"},
}
"""Words after a count that are the same for one and for many (and small words like "af")."""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_count_shown_has_its_singular(lang: str) -> None:
    """A text that shows a count says it in the singular too: a `_one` form (or `_one`/`_many`
    pair), or a plural form of the word after it (`{count} {count|række|rækker}`)."""
    texts = catalog(lang)
    counted = []
    for key, text in texts.items():
        base = key.removesuffix("_many")
        if key.endswith("_one") or f"{base}_one" in texts:
            continue
        for word in re.findall(r"\{count\} (\w+)", text):
            if word not in SAME_AFTER_ONE[lang]:
                counted.append(f"{key}: {word}")
    assert counted == [], f"{lang}: counts without a singular form"
