"""Typed reads of one field of a JSON object, each refusing a wrong value with `bad_request`
and the field's path (`state/queues: groups[2].waiting must be an integer`)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from hallbus.errors import BAD_REQUEST, HallError

T = TypeVar("T")
S = TypeVar("S", bound=StrEnum)
MISSING = object()


def bad(where: str, key: str, want: str) -> HallError:
    return HallError(BAD_REQUEST, f"{where}: field '{key}' must be {want}")


def obj(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise HallError(BAD_REQUEST, f"{where}: must be a JSON object")
    return raw


def string(o: dict[str, Any], key: str, where: str) -> str:
    v = o.get(key)
    if not isinstance(v, str):
        raise bad(where, key, "a string")
    return v


def opt_string(o: dict[str, Any], key: str, where: str) -> str | None:
    v = o.get(key)
    if v is not None and not isinstance(v, str):
        raise bad(where, key, "a string or null")
    return v


def integer(o: dict[str, Any], key: str, where: str) -> int:
    v = o.get(key)
    if not isinstance(v, int) or isinstance(v, bool):
        raise bad(where, key, "an integer")
    return v


def opt_integer(o: dict[str, Any], key: str, where: str) -> int | None:
    return None if o.get(key) is None else integer(o, key, where)


def boolean(o: dict[str, Any], key: str, where: str, default: bool | None = None) -> bool:
    v = o.get(key, default)
    if not isinstance(v, bool):
        raise bad(where, key, "true or false")
    return v


def opt_boolean(o: dict[str, Any], key: str, where: str) -> bool | None:
    return None if o.get(key) is None else boolean(o, key, where)


def word(o: dict[str, Any], key: str, where: str, kind: type[S]) -> S:
    v = o.get(key)
    try:
        if not isinstance(v, str):
            raise ValueError(v)
        return kind(v)
    except ValueError:
        raise bad(where, key, "one of " + ", ".join(m.value for m in kind)) from None


def strings(o: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    v = o.get(key)
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise bad(where, key, "a list of strings")
    return tuple(v)


def opt_strings(o: dict[str, Any], key: str, where: str) -> tuple[str, ...] | None:
    return None if o.get(key) is None else strings(o, key, where)


def items(o: dict[str, Any], key: str, where: str, parse: Callable[[Any, str], T]) -> tuple[T, ...]:
    """A list of objects, each read by `parse(raw, its path)`."""
    v = o.get(key)
    if not isinstance(v, list):
        raise bad(where, key, "a list")
    return tuple(parse(x, f"{where}: {key}[{i}]") for i, x in enumerate(v))


def put_optional(out: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """Add the optional (1.1) fields that are set: a v1 reader never sees a key it does not know."""
    out.update({k: v for k, v in fields.items() if v is not None})
    return out
