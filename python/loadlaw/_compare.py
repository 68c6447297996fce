"""compare(): a candidate against a baseline, as ``loadlaw compare`` does."""

from __future__ import annotations

import json
import os
from typing import Union

from loadlaw import _core

Comparable = Union[str, "os.PathLike[str]", _core.SweepFile,
                   _core.CapacityModel]


def _load(value: Comparable, name: str):
    if isinstance(value, (_core.SweepFile, _core.CapacityModel)):
        return value
    path = os.fspath(value)
    with open(path, encoding="utf-8") as f:
        try:
            schema = json.load(f).get("schema", "")
        except (ValueError, AttributeError):
            raise ValueError(f"{name}: {path} is not a JSON object") from None
    if str(schema).startswith("loadlaw.sweep/"):
        return _core.load_sweep(path)
    if str(schema).startswith("loadlaw.capacity_model/"):
        return _core.load_model(path)
    raise ValueError(f"{name}: {path}: /schema is {schema!r}, neither a sweep "
                     "nor a capacity model")


def compare(baseline: Comparable, candidate: Comparable, *,
            max_regression: float = 0.05, max_error_increase: float = 0.01,
            confidence: float = 0.95, seed: int = 1):
    """Compares ``candidate`` against ``baseline``: two sweeps or two models.

    Each side is a :class:`SweepFile`, a :class:`CapacityModel`, or the path
    of either file. Thresholds are fractions: ``max_regression`` the largest
    tolerated worsening (0.05: 5 %), ``max_error_increase`` the largest rise
    of a sweep level's error rate (0.01: one percentage point). Returns a
    :class:`SweepComparison` or :class:`ModelComparison` with the fields of
    ``loadlaw compare --json`` (``verdict``, ``worst``, ``levels``...) and
    ``regression`` (True where the CLI exits 1). docs/compare.md has the
    statistics and the rules.
    """
    b = _load(baseline, "baseline")
    c = _load(candidate, "candidate")
    if isinstance(b, _core.SweepFile) and isinstance(c, _core.SweepFile):
        return _core.compare_sweeps(b, c, max_regression=max_regression,
                                    max_error_increase=max_error_increase,
                                    confidence=confidence, seed=seed)
    if isinstance(b, _core.CapacityModel) and isinstance(c, _core.CapacityModel):
        return _core.compare_models(b, c, max_regression=max_regression,
                                    confidence=confidence)
    raise ValueError("compare: baseline and candidate must both be sweeps or "
                     "both capacity models")
