"""Attribute views of parts of the library's JSON documents.

The result classes of loadlaw._core are typed: their attributes are bound
from the C++ structs and named as the keys of their JSON. Where a part's C++
shape differs from its JSON, the attribute is a :class:`Record` over that
part of the JSON (attribute and item access, ``to_dict()``): a level's window
summary (``sweep.levels[0].summary.throughput.requests_per_s``, the levels
of ``loadlaw.run()``), a model's ``throughput`` and ``latency_s`` groups.
Inside a Record, nested objects are Records too, and ``{value, low, high}``
objects :class:`loadlaw.Estimate`.
"""

from __future__ import annotations

import math
from typing import Any

_ESTIMATE_KEYS = {"value", "low", "high"}


class Record:
    """A read-only view of one JSON object: ``r.field`` or ``r["field"]``."""

    __slots__ = ("_data",)

    def __init__(self, data: dict):
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        try:
            return record(self._data[name])
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return record(self._data[name])

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Record is read-only")

    def __contains__(self, name: str) -> bool:
        return name in self._data

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __dir__(self):
        return sorted(set(self._data) | {"to_dict", "keys"})

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return self._data == other._data
        return NotImplemented

    def keys(self):
        return self._data.keys()

    def to_dict(self) -> dict:
        """The JSON object as plain dicts and lists."""
        import copy

        return copy.deepcopy(self._data)

    def __repr__(self) -> str:
        return f"Record({self._data!r})"


def _number(value: Any) -> float:
    return math.nan if value is None else float(value)


def record(value: Any) -> Any:
    """``value`` (parsed JSON) as a Record, an Estimate, a list of them, or
    itself."""
    if isinstance(value, dict):
        if _ESTIMATE_KEYS <= value.keys() <= _ESTIMATE_KEYS | {"std_error"}:
            from loadlaw._core import Estimate

            return Estimate(_number(value["value"]),
                            _number(value.get("std_error")),
                            _number(value["low"]), _number(value["high"]))
        return Record(value)
    if isinstance(value, list):
        return [record(v) for v in value]
    return value
