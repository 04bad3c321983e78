"""Validating one field's value on its own: its type, constraints and field validators.

The change log validates whole records; sync checks the fields of one change at a time; and a
record whose fields were edited concurrently in two units may break a rule that spans fields
(a cycle that ends before it starts), so it is read field by field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import TypeAdapter

from core.models import Record


@dataclass(frozen=True)
class FieldValue:
    """The validation of one field of one model."""

    adapter: TypeAdapter[Any]
    validators: tuple[Any, ...]

    def validate(self, value: Any) -> Any:
        """Return the value as Python, or raise pydantic's `ValidationError` (or `ValueError`)."""
        result = self.adapter.validate_python(value)
        for validator in self.validators:
            result = validator(result)
        return result

    def to_json(self, value: Any) -> Any:
        """Return a validated value as Tavle writes it in the log (JSON types)."""
        return self.adapter.dump_python(value, mode="json")


@cache
def field_value(model: type[Record], field: str) -> FieldValue | None:
    """The validation of `model.field`; None for `id` and for fields the model does not have."""
    info = model.model_fields.get(field)
    if info is None or field == "id":
        return None
    validators = tuple(
        decorator.func
        for decorator in model.__pydantic_decorators__.field_validators.values()
        if field in decorator.info.fields
    )
    # Built at run time from the model's field, so statically it is no type form: typed as Any.
    annotated: Any = Annotated[info.annotation, info]
    return FieldValue(TypeAdapter(annotated), validators)
