"""loadlaw: capacity planning for AI serving endpoints, calibrated by load tests.

Every stage of the pipeline, sweep -> fit -> plan -> report::

    import loadlaw
    with loadlaw.Simulator(max_num_seqs=16) as sim:      # or your endpoint
        sweep = loadlaw.sweep(sim.url, levels=[1, 2, 4, 8, 16], warmup=1,
                              level_duration=3, out="runs/sim.sweep.json")
    model = loadlaw.fit_sweep(sweep, label="h100")
    model.sigma, model.kappa, model.lam, model.peak()
    model.predict(np.arange(1, 65))                       # numpy in, numpy out
    plan = loadlaw.plan(model, demand="200rps", slos=["p99(e2e)<5s"],
                        headroom="20%", pricing="models/pricing.json")
    plan.replicas.value, plan.cost.monthly, plan.to_pandas()
    loadlaw.plot_throughput(model)
    loadlaw.compare("runs/base.sweep.json", sweep).verdict  # canary analysis

The model core stands on its own: ``loadlaw.fit_usl(n, x)``, the simpler laws
and AIC (``compare_laws``), ``holdout``, and the queueing functions (Erlang C,
Allen-Cunneen, MVA, the flow-equivalent server, ``servers_for``). Result
objects carry the fields of the CLI's JSON as attributes, with ``to_dict()``
and ``to_json()``. Bad arguments raise ValueError naming the field; long calls
release the GIL and raise KeyboardInterrupt on Ctrl-C.
"""

from loadlaw._core import (
    ApiPrice,
    CapacityModel,
    Estimate,
    FlowEquivalentResult,
    HardwarePrice,
    HoldoutPoint,
    HoldoutResult,
    LatencyCurveFit,
    LawComparison,
    LoadOptions,
    MmcResult,
    ModelComparison,
    MulticlassMvaResult,
    MvaResult,
    PlanComparison,
    PlanResult,
    Pricing,
    Report,
    RunResult,
    Simulator,
    Slo,
    SweepComparison,
    SweepFile,
    UslFit,
    UslModel,
    __version__,
    allen_cunneen,
    build_report,
    compare,
    compare_laws,
    compare_plans,
    erlang_b,
    erlang_c,
    fit_latency_curve,
    fit_sweep,
    fit_usl,
    flow_equivalent,
    holdout,
    load_model,
    load_pricing,
    load_sweep,
    mmc,
    model_from_json,
    mva,
    mva_multiclass,
    mva_series,
    parse_demand,
    parse_headroom,
    parse_price_per_hour,
    parse_slo,
    plan,
    servers_for,
    simulator_fields,
    smallest_count,
)
from loadlaw._load import run, sweep
from loadlaw._records import Record
from loadlaw.plotting import plot_latency, plot_plan, plot_throughput

__all__ = [
    "ApiPrice",
    "CapacityModel",
    "Estimate",
    "FlowEquivalentResult",
    "HardwarePrice",
    "HoldoutPoint",
    "HoldoutResult",
    "LatencyCurveFit",
    "LawComparison",
    "LoadOptions",
    "MmcResult",
    "ModelComparison",
    "MulticlassMvaResult",
    "MvaResult",
    "PlanComparison",
    "PlanResult",
    "Pricing",
    "Record",
    "Report",
    "RunResult",
    "Simulator",
    "Slo",
    "SweepComparison",
    "SweepFile",
    "UslFit",
    "UslModel",
    "__version__",
    "allen_cunneen",
    "build_report",
    "compare",
    "compare_laws",
    "compare_plans",
    "erlang_b",
    "erlang_c",
    "fit_latency_curve",
    "fit_sweep",
    "fit_usl",
    "flow_equivalent",
    "holdout",
    "load_model",
    "load_pricing",
    "load_sweep",
    "mmc",
    "model_from_json",
    "mva",
    "mva_multiclass",
    "mva_series",
    "parse_demand",
    "parse_headroom",
    "parse_price_per_hour",
    "parse_slo",
    "plan",
    "plot_latency",
    "plot_plan",
    "plot_throughput",
    "run",
    "servers_for",
    "simulator_fields",
    "smallest_count",
    "sweep",
]
