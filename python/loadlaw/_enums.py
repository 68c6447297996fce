"""The base of loadlaw's enums (``loadlaw.Verdict``, ``loadlaw.LimitedBy``,
``loadlaw.Transport``, ...).

Each member's value is the name the library writes in its JSON, and the
member is that string too: ``plan.saturation.limited_by == "contention"``,
``f"{verdict}"`` gives ``"regression"`` and ``json.dumps`` writes the name.
The enums themselves are made by the compiled module from the library's
enumerators.
"""

from __future__ import annotations

import enum


class NameEnum(str, enum.Enum):
    """An enumerator that is its JSON name."""

    __str__ = str.__str__
    __format__ = str.__format__
