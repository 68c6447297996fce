# Type stub of loadlaw._core, generated from the compiled module with
# pybind11-stubgen; regenerate it whenever the bindings change
# (tests/python/test_package.py checks that it lists every public name).
"""
loadlaw's compiled core (use the `loadlaw` package instead)
"""
from __future__ import annotations
import numpy
import typing
__all__: list[str] = ['Estimate', 'FlowEquivalentResult', 'HoldoutPoint', 'HoldoutResult', 'LatencyCurveFit', 'LawComparison', 'MmcResult', 'MulticlassMvaResult', 'MvaResult', 'UslFit', 'UslModel', 'allen_cunneen', 'compare_laws', 'erlang_b', 'erlang_c', 'fit_latency_curve', 'fit_usl', 'flow_equivalent', 'holdout', 'mmc', 'mva', 'mva_multiclass', 'mva_series', 'servers_for', 'smallest_count']
class Estimate:
    """
    A value with its standard error and confidence interval [low, high].
    """
    def __init__(self, value: float, std_error: float, low: float, high: float) -> None:
        ...
    def __iter__(self) -> typing.Iterator:
        ...
    def __repr__(self) -> str:
        ...
    def has_interval(self) -> bool:
        ...
    @property
    def high(self) -> float:
        ...
    @property
    def low(self) -> float:
        ...
    @property
    def std_error(self) -> float:
        ...
    @property
    def value(self) -> float:
        ...
class UslModel:
    """
    The Universal Scalability Law for fixed parameters.
    """
    def __init__(self, sigma: float, kappa: float, lam: float) -> None:
        ...
    def amdahl_ceiling(self) -> float:
        ...
    def concurrency_at_response_time(self, response_time: float, think_time: float = 0.0) -> float:
        ...
    def concurrency_at_throughput(self, throughput: float) -> float:
        ...
    def is_contention_limited(self) -> bool:
        ...
    def peak_concurrency(self) -> float:
        ...
    def peak_throughput(self) -> float:
        ...
    def response_time(self, n: typing.Any, think_time: float = 0.0) -> typing.Any:
        """
        R(N) = N/X(N) - Z, vectorised.
        """
    def response_time_at_throughput(self, throughput: float, think_time: float = 0.0) -> float:
        ...
    def throughput(self, n: typing.Any) -> typing.Any:
        """
        X(N), vectorised over numpy arrays.
        """
    def throughput_at_response_time(self, response_time: float, think_time: float = 0.0) -> float:
        ...
    @property
    def kappa(self) -> float:
        ...
    @property
    def lam(self) -> float:
        ...
    @property
    def sigma(self) -> float:
        ...
class UslFit:
    """
    A fitted Universal Scalability Law.
    """
    def __repr__(self) -> str:
        ...
    def is_usable(self) -> bool:
        ...
    def latency(self, n: typing.Any) -> typing.Any:
        """
        R(N) = N/X(N) - Z with the fit's think time.
        """
    def peak(self) -> tuple:
        """
        (N*, X(N*)) as Estimates.
        """
    def predict(self, n: typing.Any) -> typing.Any:
        """
        X(N), vectorised over numpy arrays.
        """
    def predict_band(self, n: typing.Any) -> tuple:
        """
        (X(N), low, high): the confidence band.
        """
    @property
    def aic(self) -> float:
        ...
    @property
    def amdahl_ceiling(self) -> Estimate:
        ...
    @property
    def confidence(self) -> float:
        ...
    @property
    def converged(self) -> bool:
        ...
    @property
    def covariance(self) -> numpy.ndarray[numpy.float64]:
        ...
    @property
    def kappa(self) -> float:
        ...
    @property
    def kappa_at_bound(self) -> bool:
        ...
    @property
    def kappa_estimate(self) -> Estimate:
        ...
    @property
    def lam(self) -> float:
        ...
    @property
    def lambda_(self) -> float:
        ...
    @property
    def lambda_estimate(self) -> Estimate:
        ...
    @property
    def law(self) -> str:
        ...
    @property
    def message(self) -> str:
        ...
    @property
    def model(self) -> UslModel:
        ...
    @property
    def num_points(self) -> int:
        ...
    @property
    def peak_concurrency(self) -> Estimate:
        ...
    @property
    def peak_throughput(self) -> Estimate:
        ...
    @property
    def r_squared(self) -> float:
        ...
    @property
    def residual_std_error(self) -> float:
        ...
    @property
    def residuals(self) -> list[float]:
        ...
    @property
    def sigma(self) -> float:
        ...
    @property
    def sigma_estimate(self) -> Estimate:
        ...
    @property
    def sse(self) -> float:
        ...
    @property
    def think_time(self) -> float:
        ...
    @property
    def warnings(self) -> list[str]:
        ...
class LawComparison:
    @property
    def delta_aic(self) -> list[float]:
        ...
    @property
    def explanation(self) -> str:
        ...
    @property
    def fits(self) -> list[UslFit]:
        ...
    @property
    def preferred(self) -> str:
        ...
class HoldoutPoint:
    @property
    def inside_band(self) -> bool:
        ...
    @property
    def measured(self) -> float:
        ...
    @property
    def n(self) -> float:
        ...
    @property
    def predicted(self) -> float:
        ...
    @property
    def predicted_high(self) -> float:
        ...
    @property
    def predicted_low(self) -> float:
        ...
    @property
    def rel_error(self) -> float:
        ...
class HoldoutResult:
    @property
    def fit(self) -> UslFit:
        ...
    @property
    def max_abs_rel_error(self) -> float:
        ...
    @property
    def mean_abs_rel_error(self) -> float:
        ...
    @property
    def points(self) -> list[HoldoutPoint]:
        ...
class LatencyCurveFit:
    """
    a + b N + c N^2 with a, b, c >= 0.
    """
    def concurrency_at_latency(self, latency: float) -> float:
        ...
    def is_usable(self) -> bool:
        ...
    def predict(self, n: typing.Any) -> typing.Any:
        ...
    @property
    def a(self) -> Estimate:
        ...
    @property
    def b(self) -> Estimate:
        ...
    @property
    def c(self) -> Estimate:
        ...
    @property
    def converged(self) -> bool:
        ...
    @property
    def covariance(self) -> numpy.ndarray[numpy.float64]:
        ...
    @property
    def r_squared(self) -> float:
        ...
    @property
    def residuals(self) -> list[float]:
        ...
    @property
    def sse(self) -> float:
        ...
    @property
    def warnings(self) -> list[str]:
        ...
class MmcResult:
    """
    Steady state of an M/M/c (or G/G/c) queue; times in the units of the service time.
    """
    def __repr__(self) -> str:
        ...
    def wait_exceeds(self, t: float) -> float:
        """
        P(wait > t) = C exp(-(c - A) t / S).
        """
    @property
    def arrival_rate(self) -> float:
        ...
    @property
    def mean_in_system(self) -> float:
        ...
    @property
    def mean_queue_length(self) -> float:
        ...
    @property
    def mean_response(self) -> float:
        ...
    @property
    def mean_wait(self) -> float:
        ...
    @property
    def offered_load(self) -> float:
        ...
    @property
    def servers(self) -> int:
        ...
    @property
    def service_time(self) -> float:
        ...
    @property
    def utilization(self) -> float:
        ...
    @property
    def wait_probability(self) -> float:
        ...
class MvaResult:
    """
    Exact MVA at one population.
    """
    @property
    def queue_lengths(self) -> list[float]:
        ...
    @property
    def residence_times(self) -> list[float]:
        ...
    @property
    def response_time(self) -> float:
        ...
    @property
    def throughput(self) -> float:
        ...
    @property
    def users(self) -> int:
        ...
    @property
    def utilizations(self) -> list[float]:
        ...
class MulticlassMvaResult:
    @property
    def queue_lengths(self) -> list[list[float]]:
        ...
    @property
    def response_times(self) -> list[float]:
        ...
    @property
    def throughputs(self) -> list[float]:
        ...
    @property
    def utilizations(self) -> list[float]:
        ...
class FlowEquivalentResult:
    """
    Stationary solution of the flow-equivalent server under Poisson arrivals.
    """
    @property
    def arrival_rate(self) -> float:
        ...
    @property
    def loss_probability(self) -> float:
        ...
    @property
    def mean_in_service(self) -> float:
        ...
    @property
    def mean_in_system(self) -> float:
        ...
    @property
    def mean_queue_length(self) -> float:
        ...
    @property
    def mean_response_time(self) -> float:
        ...
    @property
    def mean_wait(self) -> float:
        ...
    @property
    def queueing_probability(self) -> float:
        ...
    @property
    def state_probabilities(self) -> numpy.ndarray[numpy.float64]:
        ...
    @property
    def tail_probability(self) -> float:
        ...
    @property
    def throughput(self) -> float:
        ...
    @property
    def utilization(self) -> float:
        ...
def allen_cunneen(arrival_rate: float, service_time: float, servers: int, arrival_scv: float = 1.0, service_scv: float = 1.0) -> MmcResult:
    """
    G/G/c by the Allen-Cunneen approximation (exact for M/G/1 and M/M/c).
    """
def compare_laws(n: list[float], x: list[float], weights: list[float] | None = None, aic_tolerance: float = 2.0, confidence: float = 0.95) -> LawComparison:
    """
    Fit the USL, Amdahl and linear laws and choose by AIC.
    """
def erlang_b(servers: int, offered_load: float) -> float:
    """
    Erlang B blocking probability of `servers` offered `offered_load` Erlangs.
    """
def erlang_c(servers: int, offered_load: float) -> float:
    """
    Erlang C wait probability; ValueError when the load saturates the servers.
    """
def fit_latency_curve(n: list[float], latency: list[float], weights: list[float] | None = None, confidence: float = 0.95) -> LatencyCurveFit:
    """
    Fit a latency-quantile series with a + bN + cN^2 (a, b, c >= 0).
    """
def fit_usl(n: list[float], x: list[float], think_time: float = 0.0, weights: list[float] | None = None, law: str = 'usl', loss: str = 'none', loss_scale: float = 0.0, confidence: float = 0.95) -> UslFit:
    """
    Fit the USL (or law='amdahl'/'linear') to throughput x at concurrency n.
    """
def flow_equivalent(throughputs: list[float], arrival_rate: float, concurrency_limit: int = 0, queue_limit: int = -1) -> FlowEquivalentResult:
    """
    Flow-equivalent server: throughputs[n-1] = X(n) per second, Poisson arrivals; queue_limit -1 is unbounded, 0 pure loss.
    """
def holdout(n: list[float], x: list[float], holdout: int, weights: list[float] | None = None, law: str = 'usl', confidence: float = 0.95) -> HoldoutResult:
    """
    Fit all but the `holdout` highest levels and forecast them.
    """
def mmc(arrival_rate: float, service_time: float, servers: int) -> MmcResult:
    """
    Solve M/M/c; ValueError for a saturated system.
    """
def mva(demands: list[float], think_time: float, users: int, servers: list[int] | None = None) -> MvaResult:
    """
    Exact MVA of a closed network: service demands per station (seconds), think time, population; optional servers per station.
    """
def mva_multiclass(demands: list[list[float]], think_times: list[float], populations: list[int]) -> MulticlassMvaResult:
    """
    Multi-class exact MVA: demands[c][k], think time and population per class.
    """
def mva_series(demands: list[float], think_time: float, users: int, servers: list[int] | None = None) -> list[MvaResult]:
    """
    Exact MVA for every population 1..users.
    """
def servers_for(arrival_rate: float, service_time: float, *, max_wait: float | None = None, max_response: float | None = None, wait_time: float | None = None, max_probability: float | None = None) -> int:
    """
    The fewest M/M/c servers meeting one target.
    """
def smallest_count(meets: typing.Callable[[int], bool], min_count: int, max_count: int) -> int:
    """
    The smallest count in [min, max] for which meets(count) is true (monotone predicate).
    """
__version__: str = '0.1.0'
