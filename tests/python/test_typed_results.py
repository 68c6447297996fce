"""Typed results: each attribute of a plan, a comparison, a report, a sweep, a
model and a run equals its JSON (to_dict()) field by field, recursively, so
the Python shape cannot drift from the library's rendering; and the type stub
types every result attribute (no Any)."""

import pathlib
import re

import pytest

import loadlaw
from conftest import FAST_LOAD, FAST_SIM, ROOT, same

REF = ROOT / "models" / "reference"
SWEEP = REF / "llama-server-smollm2.sweep.json"
MODEL = REF / "llama-server-smollm2.model.json"
PRICED = dict(pricing="models/pricing.json", hardware="h100")

@pytest.fixture(scope="module")
def model():
    return loadlaw.load_model(MODEL)


@pytest.fixture(scope="module")
def sweep():
    return loadlaw.load_sweep(SWEEP)


def test_a_priced_plan_with_a_fleet_is_its_json(model):
    plan = loadlaw.plan(model, demand="2rps", slos=["p99(e2e)<20s"],
                        headroom="20%", replicas=4, **PRICED)
    assert plan.feasible and plan.cost.monthly.value > 0
    assert plan.headroom.current_replicas == 4
    same(plan, plan.to_dict())


def test_an_infeasible_plan_is_its_json_nulls_included(model):
    plan = loadlaw.plan(model, demand="2rps", slos="p99(e2e)<1ms", price=2.5)
    assert not plan.feasible
    assert plan.cost.priced and plan.cost.price_per_replica_hour == 2.5
    assert plan.cost.monthly is None and plan.headroom.capacity_ratio is None
    same(plan, plan.to_dict())


def test_a_plan_comparison_is_its_json(model):
    plans = [loadlaw.plan(model, demand="2rps", slos="p99(e2e)<20s",
                          price=p, label=f"at {p}") for p in (2.0, 3.0)]
    cmp = loadlaw.compare_plans(plans)
    assert cmp.cheapest == "at 2.0" and cmp.cheapest_index == 0
    same(cmp, cmp.to_dict())


def test_enums_are_their_json_names(model):
    plan = loadlaw.plan(model, demand="2rps", slos="p99(e2e)<20s")
    limited_by = plan.saturation.limited_by
    assert isinstance(limited_by, loadlaw.LimitedBy)
    assert limited_by == plan.to_dict()["saturation"]["limited_by"]
    assert f"{limited_by}" == str(limited_by) == limited_by.value
    check = plan.operating_point.slo_checks[0]
    assert check.metric is loadlaw.LatencyMetric.E2E
    assert check.quantile == "p99" and check.slo == "p99(e2e)<20s"
    assert model.requests.law is loadlaw.Law.USL
    assert loadlaw.Verdict("regression") is loadlaw.Verdict.REGRESSION


def test_comparisons_are_their_json(sweep, model):
    sweeps = loadlaw.compare(SWEEP, sweep)
    assert sweeps.loop is loadlaw.LoopKind.CLOSED
    assert isinstance(sweeps.levels[0].changes[0].status, loadlaw.ChangeStatus)
    same(sweeps, sweeps.to_dict())
    errors = [c for c in sweeps.levels[0].changes if c.absolute]
    assert errors and errors[0].relative_change is None
    assert errors[0].difference is not None
    models = loadlaw.compare(MODEL, model)
    assert isinstance(models.changes[0], loadlaw.ModelChange)
    assert models.drift[0].interval == tuple(models.drift[0].interval)
    same(models, models.to_dict())


def test_a_report_is_its_json(sweep, model):
    report = loadlaw.build_report(model, sweep, demand="2rps",
                                  slos="p99(e2e)<20s", replicas=4, **PRICED)
    assert isinstance(report.plan, loadlaw.PlanResult)
    assert report.find_figure("replicas").value == report.plan.replicas.value
    kinds = {s.kind for s in report.find_chart("throughput").series}
    assert loadlaw.SeriesKind.BAND in kinds and "points" in kinds
    same(report, report.to_dict())
    bare = loadlaw.build_report(model)
    assert bare.plan is None and bare.find_figure("replicas") is None
    same(bare, bare.to_dict())


def test_a_sweep_and_a_model_are_their_json(sweep, model):
    assert sweep.provenance.loop == "closed"
    assert sweep.levels[0].summary.throughput.requests_per_s > 0
    same(sweep, sweep.to_dict())
    assert model.levels[0].latency_s.e2e.p99 > 0
    same(model, model.to_dict())


def test_a_run_is_its_json():
    with loadlaw.Simulator(**FAST_SIM) as sim:
        one = loadlaw.run(sim.url, concurrency=2, duration=0.5, warmup=0,
                          **FAST_LOAD)
    assert one.transport is loadlaw.Transport.NATIVE and one.arrival is None
    assert one.throughput.requests_per_s == one.levels[0].throughput.requests_per_s
    same(one, one.to_dict())


STUB = pathlib.Path(loadlaw.__file__).with_name("_core.pyi")


def test_the_stub_types_every_result_attribute():
    stub = STUB.read_text()
    assert "__getattr__" not in stub
    untyped = []
    cls = None
    lines = stub.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^class (\w+)", line)
        if m:
            cls = m.group(1)
        m = re.match(r"\s*def (\w+)\(self[^)]*\) -> (.*):$", line)
        if m and "Any" in m.group(2):
            kind = "property" if "@property" in lines[i - 1] else "method"
            untyped.append((kind, m.group(1)))
    # Left untyped: numpy in, numpy out (a float for a float), and pandas,
    # which is not a dependency.
    vectorised = {"predict", "predict_tokens", "latency", "throughput",
                  "response_time"}
    assert {name for kind, name in untyped} <= vectorised | {"to_pandas"}
    assert all(kind == "method" for kind, _ in untyped)
