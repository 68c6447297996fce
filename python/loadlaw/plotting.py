"""Plotting helpers on matplotlib (imported lazily), each returning the
Figure; pass ``ax=`` to draw into an existing Axes.

    fig = loadlaw.plot_throughput(model)
    fig = loadlaw.plot_latency(model, metric="ttft", slo="p95(ttft)<300ms")
    fig = loadlaw.plot_plan([loadlaw.plan(model, demand=d, slos=s) for d in ...])
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence, Union

import numpy as np

from loadlaw import _core


def _axes(ax):
    if ax is not None:
        return ax.figure, ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - matplotlib is in the env
        raise ImportError("plotting needs matplotlib: pip install matplotlib "
                          "(or pip install 'loadlaw[plot]')") from e
    fig, ax = plt.subplots(figsize=(7, 4.2))
    return fig, ax


def _grid(n_max: float) -> np.ndarray:
    return np.linspace(max(n_max / 400, 1e-3), n_max, 400)


def plot_throughput(model: Union[_core.CapacityModel, _core.UslFit],
                    n: Optional[Sequence[float]] = None,
                    x: Optional[Sequence[float]] = None, *,
                    n_max: Optional[float] = None, band: bool = True,
                    ax: Any = None) -> Any:
    """Throughput against concurrency: the measured points, the fitted USL
    with its confidence band, and N* when it is in view. ``model`` is a
    CapacityModel (its measured levels are drawn) or a UslFit (give the
    measured ``n`` and ``x``)."""
    fig, ax = _axes(ax)
    if isinstance(model, _core.CapacityModel):
        levels = model.to_dict()["levels"]
        n = [lv["achieved_concurrency"] for lv in levels]
        x = [lv["requests_per_s"] for lv in levels]
        usl = model.requests
        ylabel = "Requests/s"
    else:
        usl = model
        ylabel = "Throughput"
    top = n_max or 1.5 * max([*(n if n is not None else []), 1.0])
    peak = usl.peak_concurrency.value
    if math.isfinite(peak) and peak < 3 * top and n_max is None:
        top = max(top, 1.2 * peak)
    grid = _grid(top)
    value, low, high = usl.predict_band(grid)
    ax.plot(grid, value, color="C0", label=f"USL ({usl.law})")
    if band:
        ax.fill_between(grid, low, high, color="C0", alpha=0.2,
                        label=f"{usl.confidence:.0%} band")
    if n is not None and x is not None:
        ax.plot(n, x, "o", color="C1", label="measured")
    if math.isfinite(peak) and peak <= top:
        ax.axvline(peak, color="gray", ls="--", lw=1, label=f"N* = {peak:.3g}")
    ax.set_xlabel("Concurrency (requests in flight)")
    ax.set_ylabel(ylabel)
    ax.set_xlim(0, top)
    ax.set_ylim(bottom=0)
    ax.legend(loc="best")
    ax.set_title("Throughput against concurrency")
    return fig


def plot_latency(model: _core.CapacityModel, metric: str = "e2e",
                 quantiles: Sequence[str] = ("p50", "p90", "p99"), *,
                 slo: Optional[str] = None, n_max: Optional[float] = None,
                 ax: Any = None) -> Any:
    """A latency metric's quantiles against concurrency: measured points and
    fitted curves; ``slo`` (e.g. 'p99(e2e)<2s') draws its bound."""
    fig, ax = _axes(ax)
    levels = model.to_dict()["levels"]
    n = np.array([lv["achieved_concurrency"] for lv in levels], float)
    top = n_max or 1.3 * float(n.max())
    grid = _grid(top)
    for i, q in enumerate(quantiles):
        color = f"C{i}"
        ax.plot(grid, model.latency(grid, metric, q), color=color,
                label=f"{q} fit")
        measured = [(lv.get("latency_s") or {}).get(metric, {}).get(q)
                    for lv in levels]
        pts = [(c, v) for c, v in zip(n, measured) if v is not None]
        if pts:
            ax.plot(*zip(*pts), "o", color=color, label=f"{q} measured")
    if slo is not None:
        bound = _core.parse_slo(slo)
        ax.axhline(bound.target_s, color="red", ls="--", lw=1,
                   label=bound.describe())
    ax.set_xlabel("Concurrency (requests in flight)")
    ax.set_ylabel(f"{metric.upper()} (s)")
    ax.set_xlim(0, top)
    ax.set_ylim(bottom=0)
    ax.legend(loc="best", fontsize="small")
    ax.set_title(f"{metric.upper()} against concurrency")
    return fig


def _plans(plans) -> list:
    if isinstance(plans, _core.PlanComparison):
        return list(plans.plans)
    if isinstance(plans, _core.PlanResult):
        return [plans]
    return list(plans)


def _err(estimates):
    values = np.array([e.value for e in estimates], float)
    low = np.array([e.low for e in estimates], float)
    high = np.array([e.high for e in estimates], float)
    return values, np.nan_to_num(np.vstack([values - low, high - values]))


def plot_plan(plans: Union[_core.PlanResult, _core.PlanComparison,
                           Sequence[_core.PlanResult]], *,
              ax: Any = None) -> Any:
    """Replicas (with their interval) and, when priced, monthly cost: against
    demand when the plans differ in demand (growth scenarios, one line per
    label), else one bar per plan (hardware options)."""
    fig, ax = _axes(ax)
    plans = _plans(plans)
    if not plans:
        raise ValueError("plans: give at least one plan")
    demands = [p.demand.requests_per_s for p in plans]
    priced = all(p.cost.priced and p.feasible for p in plans)
    labels = list(dict.fromkeys(p.label for p in plans))
    cost_ax = ax.twinx() if priced else None
    if len(set(demands)) > 1:
        for i, label in enumerate(labels):
            mine = sorted((p for p in plans if p.label == label),
                          key=lambda p: p.demand.requests_per_s)
            d = [p.demand.requests_per_s for p in mine]
            values, err = _err([p.replicas for p in mine])
            ax.errorbar(d, values, yerr=err, marker="o", capsize=3,
                        color=f"C{i}", label=f"{label}: replicas")
            if cost_ax is not None:
                cost_ax.plot(d, [p.cost.monthly.value for p in mine], ls="--",
                             marker="s", color=f"C{i}", alpha=0.6,
                             label=f"{label}: monthly cost")
        ax.set_xlabel("Demand (requests/s)")
    else:
        pos = np.arange(len(plans))
        values, err = _err([p.replicas for p in plans])
        width = 0.38 if cost_ax is not None else 0.6
        ax.bar(pos - (width / 2 if cost_ax else 0), values, width, yerr=err,
               capsize=3, color="C0", label="replicas")
        if cost_ax is not None:
            cost_ax.bar(pos + width / 2, [p.cost.monthly.value for p in plans],
                        width, color="C2", alpha=0.7, label="monthly cost")
        ax.set_xticks(pos, [p.label for p in plans])
        ax.set_xlabel(f"Option (demand {demands[0]:.4g} req/s)")
    ax.set_ylabel("Replicas")
    ax.set_ylim(bottom=0)
    handles, names = ax.get_legend_handles_labels()
    if cost_ax is not None:
        cost_ax.set_ylabel(f"Monthly cost ({plans[0].cost.currency})")
        cost_ax.set_ylim(bottom=0)
        h2, n2 = cost_ax.get_legend_handles_labels()
        handles, names = handles + h2, names + n2
    ax.legend(handles, names, loc="upper left", fontsize="small")
    ax.set_title("Capacity plan")
    return fig
