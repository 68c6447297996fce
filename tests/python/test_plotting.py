"""The plotting helpers return matplotlib Figures with data drawn."""

import matplotlib
import numpy as np
import pytest

import loadlaw

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def drawn(ax):
    return sum(len(line.get_xdata()) for line in ax.get_lines())


def test_plot_throughput_of_a_model_and_of_a_fit(sim_model, example):
    fig = loadlaw.plot_throughput(sim_model)
    assert isinstance(fig, matplotlib.figure.Figure)
    assert drawn(fig.axes[0]) > 400  # the curve and the 6 levels
    n, x = example("specsdm91")
    fig = loadlaw.plot_throughput(loadlaw.fit_usl(n, x), n, x)
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.get_lines()[1].get_xdata(), n)
    assert any("N*" in t.get_text() for t in ax.get_legend().get_texts())


def test_plot_latency_draws_each_quantile_and_the_slo(sim_model):
    fig = loadlaw.plot_latency(sim_model, "e2e", ["p50", "p99"],
                               slo="p99(e2e)<1s")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "p99 measured" in labels and "p99(e2e) < 1 s" in labels
    assert drawn(ax) > 800


def test_plot_plan_against_demand_and_by_option(sim_model):
    plans = [loadlaw.plan(sim_model, demand=d, slos="p99(e2e)<1s",
                          pricing="models/pricing.json") for d in (20, 40, 80)]
    fig = loadlaw.plot_plan(plans)
    assert len(fig.axes) == 2  # replicas and, priced, monthly cost
    assert list(fig.axes[0].get_lines()[0].get_xdata()) == [20, 40, 80]
    other = loadlaw.plan(sim_model, demand=40, slos="p99(e2e)<1s",
                         price=1.0, label="cheap")
    fig = loadlaw.plot_plan(loadlaw.compare_plans([plans[1], other]))
    assert len(fig.axes[0].patches) == 2
    with pytest.raises(ValueError, match="plans"):
        loadlaw.plot_plan([])
