"""loadlaw: capacity planning for AI serving endpoints, calibrated by load tests.

Fit the Universal Scalability Law to measured throughput, forecast beyond the
data with intervals, and plan with queueing models::

    import loadlaw
    fit = loadlaw.fit_usl([1, 2, 4, 8, 16], [955, 1879, 3549, 6531, 9897])
    fit.sigma, fit.kappa, fit.lam
    fit.peak_concurrency.value          # N*, with .low/.high
    fit.predict([32, 64])               # numpy array
    loadlaw.mmc(arrival_rate=2, service_time=1, servers=3).wait_probability

Bad arguments raise ValueError with a message naming the field.
"""

from loadlaw._core import (
    Estimate,
    FlowEquivalentResult,
    HoldoutPoint,
    HoldoutResult,
    LatencyCurveFit,
    LawComparison,
    MmcResult,
    MulticlassMvaResult,
    MvaResult,
    UslFit,
    UslModel,
    __version__,
    allen_cunneen,
    compare_laws,
    erlang_b,
    erlang_c,
    fit_latency_curve,
    fit_usl,
    flow_equivalent,
    holdout,
    mmc,
    mva,
    mva_multiclass,
    mva_series,
    servers_for,
    smallest_count,
)

__all__ = [
    "Estimate",
    "FlowEquivalentResult",
    "HoldoutPoint",
    "HoldoutResult",
    "LatencyCurveFit",
    "LawComparison",
    "MmcResult",
    "MulticlassMvaResult",
    "MvaResult",
    "UslFit",
    "UslModel",
    "__version__",
    "allen_cunneen",
    "compare_laws",
    "erlang_b",
    "erlang_c",
    "fit_latency_curve",
    "fit_usl",
    "flow_equivalent",
    "holdout",
    "mmc",
    "mva",
    "mva_multiclass",
    "mva_series",
    "servers_for",
    "smallest_count",
]
