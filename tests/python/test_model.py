"""Sweep files, capacity models and plans from Python, against the CLI."""

import math

import numpy as np
import pytest

import loadlaw
from conftest import ROOT, run_cli, same

PLAN = dict(demand="40rps", slos=["p99(e2e)<1s", "p95(ttft)<200ms"],
            headroom="20%", pricing="models/pricing.json")
PLAN_FLAGS = ["--demand", "40rps", "--slo", "p99(e2e)<1s", "--slo",
              "p95(ttft)<200ms", "--headroom", "20%",
              "--pricing", "models/pricing.json"]


def close(got, want, path="$"):
    """Recursive equality of JSON-like values, floats to 1e-12 relative."""
    if isinstance(want, dict):
        assert isinstance(got, dict) and got.keys() == want.keys(), path
        for k in want:
            close(got[k], want[k], f"{path}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            close(g, w, f"{path}[{i}]")
    elif isinstance(want, float) and not isinstance(got, bool):
        assert got == pytest.approx(want, rel=1e-12, abs=1e-300), path
    else:
        assert got == want, path


def test_cli_sweep_loads_and_refits_to_the_cli_parameters(cli_sweep_path):
    sweep = loadlaw.load_sweep(cli_sweep_path)
    assert len(sweep) == 5 and sweep.complete
    assert sweep.provenance.label == "h100"
    assert sweep.levels[2].concurrency == 4
    model = loadlaw.fit_sweep(sweep)
    cli = run_cli("fit", cli_sweep_path, "--json")
    usl = cli["throughput"]["requests_per_s"]
    assert model.sigma == pytest.approx(usl["params"]["sigma"], rel=1e-12)
    assert model.kappa == pytest.approx(usl["params"]["kappa"], rel=1e-12)
    assert model.lam == pytest.approx(usl["params"]["lambda"], rel=1e-12)
    close(model.to_dict()["throughput"], cli["throughput"])
    # The same from the path.
    assert loadlaw.fit_sweep(cli_sweep_path).lam == model.lam


def test_model_predicts_vectorised_and_round_trips(sim_model, tmp_path):
    n = np.array([[1.0, 4.0], [8.0, 16.0]])
    x = sim_model.predict(n)
    assert x.shape == (2, 2) and np.all(np.diff(x.ravel()) > 0)
    p = sim_model.prediction(8.0)
    assert p["requests_per_s"].value == pytest.approx(x[1, 0], rel=1e-12)
    e2e = sim_model.latency(n, "e2e", "p99")
    assert e2e.shape == (2, 2) and np.all(e2e > 0)
    n_star, x_star = sim_model.peak()
    assert n_star.value > 0 and x_star.value > 0
    assert sim_model.requests.lam == sim_model.lam
    sim_model.save(tmp_path / "m.model.json")
    loaded = loadlaw.load_model(tmp_path / "m.model.json")
    assert loaded.to_dict() == sim_model.to_dict()
    np.testing.assert_array_equal(loaded.predict(n), x)
    np.testing.assert_array_equal(loaded.latency(n), e2e)
    assert loadlaw.model_from_json(loaded.to_json()).lam == loaded.lam


def test_plan_has_the_fields_of_the_cli_json(sim_model, model_path):
    cli = run_cli("plan", model_path, *PLAN_FLAGS, "--json")
    model = loadlaw.load_model(model_path)
    plan = loadlaw.plan(model, label=str(model_path), **PLAN)
    close(plan.to_dict(), cli)
    same(plan, cli)
    assert plan.feasible and plan.replicas.value >= 1
    assert plan.cost.monthly.value > 0
    assert plan.operating_point.slo_checks[0].met
    assert math.isnan(plan.replicas.std_error)


def test_plan_accepts_numbers_and_compares_options(sim_model):
    a = loadlaw.plan(sim_model, demand=40, slos="p99(e2e)<1s", headroom=0.2,
                     price=2.99, label="a")
    b = loadlaw.plan(sim_model, demand="40rps", slos="p99(e2e)<1s",
                     headroom="20%", price="5.98/h", label="b")
    assert a.replicas.value == b.replicas.value
    cmp = loadlaw.compare_plans([b, a])
    assert cmp.cheapest == "a" and cmp.plans[cmp.cheapest_index].label == "a"
    frame = cmp.to_pandas()
    assert list(frame.index) == ["b", "a"] and frame.loc["a", "cheapest"]


def test_to_pandas_on_sweeps_and_plans(cli_sweep_path, sim_model):
    sweep = loadlaw.load_sweep(cli_sweep_path)
    frame = sweep.to_pandas()
    assert list(frame["concurrency"]) == [1, 2, 4, 8, 16]
    assert (frame["requests_per_s"] > 0).all()
    assert {"e2e_p99_s", "ttft_p95_s", "achieved_concurrency"} <= set(frame)
    plan = loadlaw.plan(sim_model, **PLAN)
    row = plan.to_pandas()
    assert row.loc["h100", "replicas"] == plan.replicas.value
    assert row.loc["h100", "cost.monthly_high"] == plan.cost.monthly.high
    assert len(sim_model.to_pandas()) == 5


def test_report_from_python(cli_sweep_path, sim_model, tmp_path):
    report = loadlaw.build_report(sim_model, loadlaw.load_sweep(cli_sweep_path),
                                  title="sim", **PLAN)
    assert "replica" in report.answer
    assert report.markdown().startswith("# sim")
    assert report._repr_markdown_() == report.markdown()
    paths = report.write(tmp_path / "report")
    assert all(pathlib_exists(p) for p in paths.values())


def pathlib_exists(p):
    import pathlib

    return pathlib.Path(p).stat().st_size > 0


@pytest.mark.parametrize("kwargs, says", [
    (dict(demand="40 rpx", slos="p99(e2e)<1s"), "demand '40 rpx'"),
    (dict(demand=-3, slos="p99(e2e)<1s"), "demand"),
    (dict(demand="40rps", slos="p99(e2x)<1s"), "unknown metric 'e2x'"),
    (dict(demand="40rps", slos=[]), "slos"),
    (dict(demand="40rps", slos="p99(e2e)<1s", headroom="120"), "headroom|20%"),
    (dict(demand="40rps", slos="p99(e2e)<1s", price="2.5/h",
          pricing="models/pricing.json"), "give price or pricing, not both"),
    (dict(demand="40rps", slos="p99(e2e)<1s", pricing="models/pricing.json",
          hardware="tpu9"), "no hardware 'tpu9'"),
])
def test_bad_plan_arguments_raise_value_error_naming_them(sim_model, kwargs,
                                                          says):
    with pytest.raises(ValueError, match=says):
        loadlaw.plan(sim_model, **kwargs)


def test_bad_files_raise_value_error_naming_them(tmp_path):
    with pytest.raises(ValueError, match="nope.sweep.json"):
        loadlaw.load_sweep(tmp_path / "nope.sweep.json")
    bad = tmp_path / "bad.model.json"
    bad.write_text('{"schema": "loadlaw.capacity_model/1"}')
    with pytest.raises(ValueError, match="bad.model.json"):
        loadlaw.load_model(bad)


def test_model_rejects_bad_concurrency_and_series(sim_model):
    with pytest.raises(ValueError, match="n: concurrency"):
        sim_model.predict(np.array([4.0, -1.0]))
    with pytest.raises(ValueError, match="metric: 'itl'"):
        sim_model.latency(4.0, "itl")
    with pytest.raises(ValueError, match="quantile"):
        sim_model.latency(4.0, "e2e", "p42")
