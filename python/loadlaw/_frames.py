"""pandas views of sweeps, models and plans (``.to_pandas()``).

pandas is imported here, lazily: ``import loadlaw`` does not need it.
"""

from __future__ import annotations

import math
from typing import Any


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - pandas is in the test env
        raise ImportError(
            "to_pandas() needs pandas: pip install pandas "
            "(or pip install 'loadlaw[pandas]')") from e
    return pandas


def _num(value: Any) -> float:
    return math.nan if value is None else value


_QUANTILES = ("p50", "p90", "p95", "p99")
_METRICS = ("e2e", "ttft", "tpot")


def sweep_frame(sweep) -> Any:
    """One row per finished level of a SweepFile."""
    rows = []
    for level in sweep.to_dict()["levels"]:
        s = level["summary"]
        row = {
            "level": level["index"],
            "concurrency": level["concurrency"],
            "rate_rps": level["rate_rps"],
            "achieved_concurrency": s["concurrency"]["achieved"],
            "requests_per_s": s["throughput"]["requests_per_s"],
            "output_tokens_per_s": s["throughput"]["output_tokens_per_s"],
            "goodput_rps": s["throughput"]["goodput_requests_per_s"],
            "completed": s["requests"]["completed"],
            "failed": s["requests"]["failed"],
        }
        for metric in _METRICS:
            summary = s["metrics"][metric]
            for q in _QUANTILES:
                row[f"{metric}_{q}_s"] = (_num(summary[q]) if summary["count"]
                                          else math.nan)
        row["settled"] = level["steady_state"]["settled"]
        row["duration_s"] = level["duration_s"]
        rows.append(row)
    return _pandas().DataFrame(rows).set_index("level")


def model_frame(model) -> Any:
    """One row per level a CapacityModel was fitted on (measured values)."""
    rows = []
    for level in model.to_dict()["levels"]:
        row = {k: _num(level[k]) for k in (
            "configured_concurrency", "achieved_concurrency", "requests_per_s",
            "output_tokens_per_s", "error_rate")}
        for metric, by_q in (level.get("latency_s") or {}).items():
            for q, v in by_q.items():
                row[f"{metric}_{q}_s"] = _num(v)
        row["settled"] = level["settled"]
        rows.append(row)
    return _pandas().DataFrame(rows)


def _flatten(prefix: str, value: Any, out: dict) -> None:
    if isinstance(value, dict):
        if {"value", "low", "high"} <= value.keys():
            out[prefix] = _num(value["value"])
            out[prefix + "_low"] = _num(value["low"])
            out[prefix + "_high"] = _num(value["high"])
            return
        for k, v in value.items():
            _flatten(f"{prefix}.{k}" if prefix else k, v, out)
    elif isinstance(value, list):
        if prefix.endswith("slo_checks"):
            for check in value:
                out[f"{prefix}.{check['slo']}"] = _num(
                    check["predicted_s"]["value"])
        elif prefix == "warnings":
            out[prefix] = "; ".join(value)
        # other lists (API costs) have their own frames
    else:
        out[prefix] = _num(value) if value is None else value


def _plan_row(plan_dict: dict) -> dict:
    row: dict = {}
    _flatten("", plan_dict, row)
    return row


def plan_frame(plan) -> Any:
    """A PlanResult as one row, nested fields as dotted columns
    (``cost.monthly``, ``cost.monthly_low``, ...)."""
    return _pandas().DataFrame([_plan_row(plan.to_dict())]).set_index("label")


def comparison_frame(comparison) -> Any:
    """One row per plan of a PlanComparison, with a ``cheapest`` column."""
    data = comparison.to_dict()
    rows = [_plan_row(p) for p in data["plans"]]
    for i, row in enumerate(rows):
        row["cheapest"] = i == data["cheapest_index"]
    return _pandas().DataFrame(rows).set_index("label")
