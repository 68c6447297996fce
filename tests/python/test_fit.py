"""The fit bindings against published values (see docs/models.md)."""

import math

import numpy as np
import pytest

import loadlaw


def rel(got, want):
    return abs(got - want) / abs(want)


def test_specsdm91_reproduces_the_published_fit(example):
    # R package usl: README, tests/peak-scalability.R.
    n, x = example("specsdm91")
    fit = loadlaw.fit_usl(n, x)
    assert rel(fit.sigma, 0.02772848) < 1e-4
    assert rel(fit.kappa, 1.043655e-4) < 1e-4
    assert rel(fit.lam, 89.99523) < 1e-4
    assert fit.lambda_ == fit.lam
    assert rel(fit.peak_concurrency.value, 96.51956) < 1e-4
    n_star, x_star = fit.peak()
    assert n_star.low < 96.51956 < n_star.high
    assert rel(x_star.value, 1884) < 1e-3
    assert rel(fit.amdahl_ceiling.value, 3245.589) < 1e-4
    assert fit.warnings == []


def test_few_points_warn_that_the_fit_is_weak():
    fit = loadlaw.fit_usl([1, 2, 4, 8], [10.0, 19.0, 33.0, 50.0])
    assert any("weakly" in w for w in fit.warnings)


def test_predict_is_vectorised_and_matches_the_model(example):
    n, x = example("cisco")
    fit = loadlaw.fit_usl(n, x)
    grid = np.array([[1.0, 20.0], [35.0, 64.0]])
    got = fit.predict(grid)
    assert isinstance(got, np.ndarray) and got.shape == (2, 2)
    s, k, lam = fit.sigma, fit.kappa, fit.lam
    want = lam * grid / (1 + s * (grid - 1) + k * grid * (grid - 1))
    np.testing.assert_allclose(got, want, rtol=1e-14)
    assert isinstance(fit.predict(20), float)
    assert fit.predict([1, 2]).shape == (2,)
    value, low, high = fit.predict_band(np.array([10.0, 40.0]))
    assert np.all(low <= value) and np.all(value <= high)


def test_latency_uses_littles_law_with_think_time(example):
    n, x = example("cisco")
    fit = loadlaw.fit_usl(n, x, think_time=0.001)
    np.testing.assert_allclose(fit.latency(np.array([20.0])),
                               20.0 / fit.predict(20.0) - 0.001, rtol=1e-14)


def test_cisco_holdout_forecasts_x20(example):
    # Schwartz, "Practical Scalability Analysis with the USL": 12,572.
    n, x = example("cisco")
    h = loadlaw.holdout(n, x, holdout=22)
    assert h.fit.num_points == 10
    (p20,) = [p for p in h.points if p.n == 20]
    assert rel(p20.predicted, 12572) < 5e-4
    assert p20.rel_error == pytest.approx((p20.predicted - p20.measured)
                                          / p20.measured, rel=1e-12)


def test_model_inversions_use_the_full_kappa_form():
    # Go usl / usl4j tests: Model(0.06, 0.06, 40).
    m = loadlaw.UslModel(sigma=0.06, kappa=0.06, lam=40)
    assert m.throughput_at_response_time(0.03) == pytest.approx(
        69.38886664887109, rel=1e-9)
    r = m.response_time(3.0)
    assert m.response_time_at_throughput(m.throughput(3.0)) == pytest.approx(
        r, rel=1e-9)


def test_raytracer_prefers_amdahl(example):
    n, x = example("raytracer")
    cmp = loadlaw.compare_laws(n, x)
    assert cmp.preferred == "amdahl"
    assert [f.law for f in cmp.fits] == ["usl", "amdahl", "linear"]
    assert cmp.fits[0].kappa == 0.0 and cmp.fits[0].kappa_at_bound


def test_latency_curve_recovers_a_quadratic():
    n = np.array([1, 2, 4, 8, 16, 32, 64], float)
    y = 0.2 + 0.01 * n + 0.0005 * n**2
    curve = loadlaw.fit_latency_curve(n, y)
    assert curve.a.value == pytest.approx(0.2, rel=1e-6)
    assert curve.c.value == pytest.approx(0.0005, rel=1e-6)
    np.testing.assert_allclose(curve.predict(n), y, rtol=1e-6)


@pytest.mark.parametrize("kwargs, says", [
    (dict(n=[1, 2], x=[1.0, 2.0]), "3"),
    (dict(n=[1, 2, 3], x=[1.0, -2.0, 3.0]), "-2"),
    (dict(n=[1, 2, 3], x=[1.0, 2.0]), "length"),
    (dict(n=[1, 2, 3], x=[1.0, 2.0, 3.0], law="cubic"), "law"),
    (dict(n=[1, 2, 3], x=[1.0, 2.0, 3.0], think_time=-1), "think_time"),
    (dict(n=[1, 2, 3], x=[1.0, 2.0, 3.0], weights=[1.0]), "weights"),
])
def test_bad_input_raises_value_error_naming_the_field(kwargs, says):
    with pytest.raises(ValueError, match=says):
        loadlaw.fit_usl(**kwargs)


def test_bad_model_parameters_raise():
    with pytest.raises(ValueError, match="sigma"):
        loadlaw.UslModel(sigma=1.5, kappa=0, lam=1)
    assert math.isinf(loadlaw.UslModel(0.1, 0, 10).peak_concurrency())


def test_predict_agrees_with_the_cli_json(example):
    from conftest import ROOT, run_cli

    cli = run_cli("fit", ROOT / "models/examples/cisco.csv", "--json")
    n, x = example("cisco")
    fit = loadlaw.fit_usl(n, x)
    want = np.array([p["throughput"] for p in cli["predictions"]])
    got = fit.predict(np.array([p["n"] for p in cli["predictions"]]))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)
    assert fit.sigma == pytest.approx(cli["params"]["sigma"], rel=1e-12)
