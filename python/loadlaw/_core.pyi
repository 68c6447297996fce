# Type stub of loadlaw._core, generated from the compiled module with
# pybind11-stubgen; regenerate it whenever the bindings change
# (tests/python/test_package.py checks that it lists every public name).
"""
loadlaw's compiled core (use the `loadlaw` package instead). Results are typed and shaped as the library's JSON; enums (LimitedBy, Verdict, Transport, ...) are str enums (loadlaw._enums.NameEnum) whose members equal the names the JSON writes; a Record (loadlaw._records) views a part of a document whose C++ shape differs from its JSON (a level's window summary).
"""
from __future__ import annotations
import builtins
import loadlaw._enums
import loadlaw._records
import numpy
import os
import typing
__all__: list[str] = ['ApiCost', 'ApiPrice', 'ArrivalKind', 'CapacityHoldout', 'CapacityModel', 'Change', 'ChangeStatus', 'Estimate', 'FlowEquivalentResult', 'GaugeStats', 'HardwarePrice', 'HoldoutForecast', 'HoldoutPoint', 'HoldoutResult', 'LatencyCurveFit', 'LatencyMetric', 'LatencyQuantile', 'LatencySamples', 'Law', 'LawComparison', 'LevelComparison', 'LevelMeasurement', 'LimitedBy', 'LoadOptions', 'LoopKind', 'MmcResult', 'ModelChange', 'ModelComparison', 'MulticlassMvaResult', 'MvaResult', 'ParameterDrift', 'PlanClosedLoop', 'PlanComparison', 'PlanCost', 'PlanDemand', 'PlanHeadroom', 'PlanOperatingPoint', 'PlanResult', 'PlanSaturation', 'PlanTokens', 'Pricing', 'Provenance', 'Report', 'RunResult', 'SeriesDiagnostics', 'SeriesKind', 'Simulator', 'Slo', 'SloCheck', 'SteadyState', 'SweepComparison', 'SweepFile', 'SweepLevel', 'SweepProvenance', 'SweepSettings', 'Transport', 'TrustVerdict', 'UslFit', 'UslModel', 'Verdict', 'allen_cunneen', 'build_report', 'compare', 'compare_laws', 'compare_plans', 'erlang_b', 'erlang_c', 'fit_latency_curve', 'fit_sweep', 'fit_usl', 'flow_equivalent', 'holdout', 'load_model', 'load_pricing', 'load_sweep', 'mmc', 'model_from_json', 'mva', 'mva_multiclass', 'mva_series', 'parse_demand', 'parse_headroom', 'parse_price_per_hour', 'parse_slo', 'plan', 'servers_for', 'simulator_fields', 'smallest_count']
class LimitedBy(loadlaw._enums.NameEnum):
    """
    What bounds a USL's scaling (contention when sigma > kappa): 'contention', 'coherency'.
    """
    COHERENCY: typing.ClassVar[LimitedBy]
    CONTENTION: typing.ClassVar[LimitedBy]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['CONTENTION', 'COHERENCY']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
class Law(loadlaw._enums.NameEnum):
    """
    A scalability law: 'usl', 'amdahl', 'linear'.
    """
    AMDAHL: typing.ClassVar[Law]
    LINEAR: typing.ClassVar[Law]
    USL: typing.ClassVar[Law]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['USL', 'AMDAHL', 'LINEAR']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
class LatencyMetric(loadlaw._enums.NameEnum):
    """
    A latency metric: 'e2e', 'ttft', 'tpot'.
    """
    E2E: typing.ClassVar[LatencyMetric]
    TPOT: typing.ClassVar[LatencyMetric]
    TTFT: typing.ClassVar[LatencyMetric]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['E2E', 'TTFT', 'TPOT']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
class LatencyQuantile(loadlaw._enums.NameEnum):
    """
    A latency quantile: 'p50', 'p90', 'p95', 'p99'.
    """
    P50: typing.ClassVar[LatencyQuantile]
    P90: typing.ClassVar[LatencyQuantile]
    P95: typing.ClassVar[LatencyQuantile]
    P99: typing.ClassVar[LatencyQuantile]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['P50', 'P90', 'P95', 'P99']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
class Verdict(loadlaw._enums.NameEnum):
    """
    A comparison's verdict: 'pass', 'inconclusive', 'regression'.
    """
    INCONCLUSIVE: typing.ClassVar[Verdict]
    PASS: typing.ClassVar[Verdict]
    REGRESSION: typing.ClassVar[Verdict]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['PASS', 'INCONCLUSIVE', 'REGRESSION']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
class ChangeStatus(loadlaw._enums.NameEnum):
    """
    A change against its threshold: 'ok', 'improved', 'possible_regression', 'regression'.
    """
    IMPROVED: typing.ClassVar[ChangeStatus]
    OK: typing.ClassVar[ChangeStatus]
    POSSIBLE_REGRESSION: typing.ClassVar[ChangeStatus]
    REGRESSION: typing.ClassVar[ChangeStatus]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['OK', 'IMPROVED', 'POSSIBLE_REGRESSION', 'REGRESSION']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
class Transport(loadlaw._enums.NameEnum):
    """
    An HTTP transport: 'auto', 'curl', 'native'.
    """
    AUTO: typing.ClassVar[Transport]
    CURL: typing.ClassVar[Transport]
    NATIVE: typing.ClassVar[Transport]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['AUTO', 'CURL', 'NATIVE']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
class LoopKind(loadlaw._enums.NameEnum):
    """
    How a load test paces its requests (users or arrivals): 'closed', 'open'.
    """
    CLOSED: typing.ClassVar[LoopKind]
    OPEN: typing.ClassVar[LoopKind]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['CLOSED', 'OPEN']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
class ArrivalKind(loadlaw._enums.NameEnum):
    """
    An open loop's arrival process: 'constant', 'poisson', 'gamma'.
    """
    CONSTANT: typing.ClassVar[ArrivalKind]
    GAMMA: typing.ClassVar[ArrivalKind]
    POISSON: typing.ClassVar[ArrivalKind]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['CONSTANT', 'POISSON', 'GAMMA']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
class SeriesKind(loadlaw._enums.NameEnum):
    """
    How a chart series is drawn: 'points', 'line', 'band', 'rule'.
    """
    BAND: typing.ClassVar[SeriesKind]
    LINE: typing.ClassVar[SeriesKind]
    POINTS: typing.ClassVar[SeriesKind]
    RULE: typing.ClassVar[SeriesKind]
    _member_map_: typing.ClassVar[dict]
    _member_names_: typing.ClassVar[list] = ['POINTS', 'LINE', 'BAND', 'RULE']
    _unhashable_values_: typing.ClassVar[list] = list()
    _use_args_: typing.ClassVar[bool] = True
    _value2member_map_: typing.ClassVar[dict]
    _member_type_ = builtins.str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """
                Generate the next value when not given.
        
                name: the name of the member
                start: the initial start value or None
                count: the number of existing members
                last_values: the list of values assigned
                
        """
    @staticmethod
    def _new_member_(type, *args, **kwargs):
        """
        Create and return a new object.  See help(type) for accurate signature.
        """
    @classmethod
    def __new__(cls, value):
        ...
    def __format__(self, format_spec):
        """
        Return a formatted version of the string as described by format_spec.
        """
    def __str__(self):
        """
        Return str(self).
        """
    def _value_repr_(self):
        """
        Return repr(self).
        """
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
    def limited_by(self) -> LimitedBy:
        """
        contention when sigma > kappa, else coherency.
        """
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
    def peak(self) -> tuple[Estimate, Estimate]:
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
    def law(self) -> Law:
        ...
    @property
    def limited_by(self) -> LimitedBy:
        """
        contention when sigma > kappa, else coherency.
        """
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
    def preferred(self) -> Law:
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
class Provenance:
    """
    Where a capacity model's data came from.
    """
    @property
    def date(self) -> str:
        ...
    @property
    def endpoint(self) -> str:
        ...
    @property
    def hardware(self) -> str:
        ...
    @property
    def loadlaw_version(self) -> str:
        ...
    @property
    def served_model(self) -> str:
        ...
    @property
    def server_concurrency_limit(self) -> int:
        ...
    @property
    def think_time_s(self) -> float:
        ...
    @property
    def workload_hash(self) -> str:
        ...
    @property
    def workload_name(self) -> str:
        ...
class LevelMeasurement:
    """
    One level a model was fitted on, measured.
    """
    @property
    def achieved_concurrency(self) -> float:
        ...
    @property
    def configured_concurrency(self) -> float:
        ...
    @property
    def duration_s(self) -> float:
        ...
    @property
    def error_rate(self) -> float:
        ...
    @property
    def latency_s(self) -> loadlaw._records.Record:
        """
        Measured quantiles in seconds, as the model file writes them (latency_s.e2e.p99, ...).
        """
    @property
    def mean_input_tokens(self) -> float:
        ...
    @property
    def mean_output_tokens(self) -> float:
        ...
    @property
    def output_tokens_per_s(self) -> float:
        ...
    @property
    def requests_per_s(self) -> float:
        ...
    @property
    def settled(self) -> bool:
        ...
class HoldoutForecast:
    """
    The forecast of one held-out level.
    """
    @property
    def concurrency(self) -> float:
        ...
    @property
    def e2e_p99_rel_error(self) -> float:
        ...
    @property
    def e2e_p99_s_measured(self) -> float:
        ...
    @property
    def e2e_p99_s_predicted(self) -> float:
        ...
    @property
    def requests_per_s_measured(self) -> float:
        ...
    @property
    def requests_per_s_predicted(self) -> float:
        ...
    @property
    def requests_per_s_rel_error(self) -> float:
        ...
class CapacityHoldout:
    """
    The hold-out validation of a capacity model.
    """
    @property
    def fitted_levels(self) -> int:
        ...
    @property
    def held_out_levels(self) -> int:
        ...
    @property
    def max_abs_e2e_p99_error(self) -> float:
        ...
    @property
    def max_abs_throughput_error(self) -> float:
        ...
    @property
    def note(self) -> str:
        ...
    @property
    def points(self) -> list[HoldoutForecast]:
        ...
class SeriesDiagnostics:
    """
    How well one fitted series explains its data.
    """
    @property
    def max_abs_rel_residual(self) -> float:
        ...
    @property
    def points(self) -> int:
        ...
    @property
    def r_squared(self) -> float:
        ...
    @property
    def residual_std_error(self) -> float:
        ...
    @property
    def series(self) -> str:
        ...
    @property
    def worst_concurrency(self) -> float:
        ...
class TrustVerdict:
    """
    Whether to trust the model, and why not.
    """
    @property
    def ok(self) -> bool:
        ...
    @property
    def warnings(self) -> list[str]:
        ...
class CapacityModel:
    """
    The capacity model of one deployment (a fitted sweep): USL for request and token throughput, latency-quantile curves, hold-out validation and a trust verdict. Its attributes are the fields of the model file (model.trust.ok, model.holdout.points, ...).
    """
    def __repr__(self) -> str:
        ...
    def _json(self) -> dict:
        ...
    def curve(self, metric: str, quantile: str) -> LatencyCurveFit:
        """
        The fitted latency curve of a metric and quantile.
        """
    def latency(self, n: typing.Any, metric: str = 'e2e', quantile: str = 'p99') -> typing.Any:
        """
        A latency quantile in seconds at concurrency n, vectorised.
        """
    def peak(self) -> tuple[Estimate, Estimate]:
        """
        (N*, X(N*)) of request throughput, as Estimates.
        """
    def predict(self, n: typing.Any) -> typing.Any:
        """
        Requests/s at concurrency n, vectorised.
        """
    def predict_tokens(self, n: typing.Any) -> typing.Any:
        """
        Output tokens/s at concurrency n, vectorised.
        """
    def prediction(self, n: float) -> dict:
        """
        Everything at one concurrency, each with its confidence band (as `loadlaw predict` prints it).
        """
    def save(self, path: os.PathLike) -> None:
        """
        Writes the model file (models/NAME.model.json).
        """
    def to_dict(self) -> dict:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    def to_pandas(self) -> typing.Any:
        """
        The measured levels as a pandas DataFrame (needs pandas).
        """
    @property
    def concurrency_range(self) -> loadlaw._records.Record:
        """
        min and max of the achieved concurrency fitted.
        """
    @property
    def confidence(self) -> float:
        ...
    @property
    def diagnostics(self) -> list[SeriesDiagnostics]:
        ...
    @property
    def holdout(self) -> CapacityHoldout:
        ...
    @property
    def kappa(self) -> float:
        ...
    @property
    def lam(self) -> float:
        ...
    @property
    def lambda_(self) -> float:
        ...
    @property
    def latency_s(self) -> loadlaw._records.Record:
        """
        The latency curves by metric and quantile, as the model file writes them; curve() gives one, typed.
        """
    @property
    def levels(self) -> list[LevelMeasurement]:
        ...
    @property
    def mean_tokens_per_request(self) -> loadlaw._records.Record:
        """
        input and output.
        """
    @property
    def notes(self) -> list[str]:
        ...
    @property
    def output_tokens(self) -> UslFit:
        """
        The USL of output tokens/s against achieved concurrency.
        """
    @property
    def provenance(self) -> Provenance:
        ...
    @property
    def relative_errors(self) -> bool:
        ...
    @property
    def requests(self) -> UslFit:
        """
        The USL of requests/s against achieved concurrency.
        """
    @property
    def schema(self) -> str:
        ...
    @property
    def sigma(self) -> float:
        ...
    @property
    def throughput(self) -> loadlaw._records.Record:
        """
        The USL fits as the model file writes them (requests_per_s, output_tokens_per_s); `requests` and `output_tokens` are the same fits, typed.
        """
    @property
    def trust(self) -> TrustVerdict:
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
class LoadOptions:
    """
    What run() and sweep() share: the target, the workload (a workload file, or the synthetic one of prompt_tokens and max_tokens), transport, goodput SLOs and the seed. Durations are seconds or text ('500ms', '2m').
    """
    def __init__(self, target: str, *, workload: typing.Any = None, prompt_tokens: int | None = None, max_tokens: int | None = None, model: str = '', api: str | None = None, stream: bool = True, think_time: typing.Any = None, arrival: str = 'poisson', burstiness: float = 1.0, max_in_flight: int = 0, threads: int = 1, ramp_up: typing.Any = None, api_key_env: str | None = None, verify_tls: bool = True, http2: bool = False, transport: str = 'auto', timeout: typing.Any = '300s', connect_timeout: typing.Any = '10s', max_response_bytes: int = 33554432, honor_retry_after: bool = True, seed: int = 1, slo_ttft: typing.Any = None, slo_tpot: typing.Any = None, slo_e2e: typing.Any = None) -> None:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def target(self) -> str:
        ...
    @property
    def think_time(self) -> str:
        ...
    @property
    def workload(self) -> str:
        ...
    @property
    def workload_identity(self) -> str:
        """
        What identifies the workload (its hash is a sweep's workload_hash), as the CLI has it.
        """
class RunResult:
    """
    What a load run measured, shaped as `loadlaw run --json` (result.levels[0].throughput.requests_per_s, and for one level result.throughput, result.metrics, ...).
    """
    def __repr__(self) -> str:
        ...
    def _json(self) -> dict:
        ...
    def to_dict(self) -> dict:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    @property
    def aborted_requests(self) -> int:
        ...
    @property
    def arrival(self) -> ArrivalKind | None:
        """
        The arrival process of an open loop, else None.
        """
    @property
    def burstiness(self) -> float | None:
        """
        Of an open loop, else None.
        """
    @property
    def cancelled(self) -> bool:
        ...
    @property
    def complete(self) -> bool:
        """
        Of the level, when the run has only one.
        """
    @property
    def concurrency(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def config(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def connections_opened(self) -> int:
        ...
    @property
    def elapsed_s(self) -> float:
        ...
    @property
    def error_samples(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def errors(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def goodput(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def levels(self) -> list[loadlaw._records.Record]:
        """
        Each level as `loadlaw run --json` writes it: index, complete, config and its window summary.
        """
    @property
    def loop(self) -> LoopKind:
        ...
    @property
    def max_in_flight(self) -> int | None:
        """
        Of an open loop, else None.
        """
    @property
    def metrics(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def open_loop(self) -> bool:
        """
        Of the level, when the run has only one.
        """
    @property
    def requests(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def schema(self) -> str:
        """
        'loadlaw.run/1'.
        """
    @property
    def sessions(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def start_unix_s(self) -> float:
        ...
    @property
    def target(self) -> str:
        ...
    @property
    def threads(self) -> int:
        ...
    @property
    def throughput(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def time_series(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def tokens(self) -> loadlaw._records.Record:
        """
        Of the level, when the run has only one.
        """
    @property
    def transport(self) -> Transport:
        ...
    @property
    def window_s(self) -> float:
        """
        Of the level, when the run has only one.
        """
    @property
    def workload(self) -> str:
        ...
class SweepProvenance:
    """
    Where and how a sweep was measured.
    """
    @property
    def date(self) -> str:
        ...
    @property
    def label(self) -> str:
        ...
    @property
    def loadlaw_version(self) -> str:
        ...
    @property
    def loop(self) -> LoopKind:
        ...
    @property
    def served_model(self) -> str:
        ...
    @property
    def server_concurrency_limit(self) -> int:
        ...
    @property
    def target(self) -> str:
        ...
    @property
    def think_time_s(self) -> float:
        ...
    @property
    def workload_hash(self) -> str:
        ...
    @property
    def workload_name(self) -> str:
        ...
class SweepSettings:
    """
    How the sweep was asked to run (sweep.options).
    """
    @property
    def auto(self) -> bool:
        ...
    @property
    def concurrencies(self) -> list[int]:
        ...
    @property
    def level_duration_s(self) -> float:
        ...
    @property
    def max_extensions(self) -> int:
        ...
    @property
    def rates_rps(self) -> list[float]:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def threads(self) -> int:
        ...
    @property
    def transport(self) -> str:
        """
        As given: 'auto', 'native' or 'curl'.
        """
    @property
    def warmup_s(self) -> float:
        ...
class SteadyState:
    """
    Whether a level's throughput had settled, and why not.
    """
    @property
    def cv(self) -> float:
        ...
    @property
    def cv_limit(self) -> float:
        ...
    @property
    def little_gap(self) -> float:
        ...
    @property
    def little_limit(self) -> float:
        ...
    @property
    def mean_per_s(self) -> float:
        ...
    @property
    def reason(self) -> str:
        ...
    @property
    def seconds(self) -> int:
        ...
    @property
    def settled(self) -> bool:
        ...
    @property
    def trend(self) -> float:
        ...
    @property
    def trend_t(self) -> float:
        ...
class GaugeStats:
    """
    A resource gauge over a level's window.
    """
    @property
    def max(self) -> float:
        ...
    @property
    def mean(self) -> float:
        ...
    @property
    def samples(self) -> int:
        ...
class LatencySamples:
    """
    Per-request latencies (s) of a level's window.
    """
    @property
    def e2e_s(self) -> list[float]:
        ...
    @property
    def tpot_s(self) -> list[float]:
        ...
    @property
    def ttft_s(self) -> list[float]:
        ...
class SweepLevel:
    """
    One finished level of a sweep.
    """
    @property
    def concurrency(self) -> int:
        ...
    @property
    def duration_s(self) -> float:
        ...
    @property
    def extensions(self) -> int:
        ...
    @property
    def gauges(self) -> dict[str, GaugeStats]:
        ...
    @property
    def index(self) -> int:
        ...
    @property
    def rate_rps(self) -> float:
        ...
    @property
    def requests(self) -> loadlaw._records.Record:
        """
        The sampled requests as columns (requests.e2e_s, ...).
        """
    @property
    def samples(self) -> LatencySamples:
        ...
    @property
    def steady_state(self) -> SteadyState:
        ...
    @property
    def summary(self) -> loadlaw._records.Record:
        """
        The level's numbers as the sweep file writes them (summary.throughput.requests_per_s, summary.metrics.e2e.p99, ...).
        """
    @property
    def warmup_s(self) -> float:
        ...
class SweepFile:
    """
    A calibration sweep: provenance and one entry per finished level, shaped as the sweep file (sweep.provenance.target, sweep.levels[0].summary.throughput.requests_per_s, ...).
    """
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _json(self) -> dict:
        ...
    def save(self, path: os.PathLike) -> None:
        """
        Writes the sweep file atomically.
        """
    def to_dict(self) -> dict:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    def to_pandas(self) -> typing.Any:
        """
        One row per level: load, achieved concurrency, throughput, latency quantiles, errors (needs pandas).
        """
    @property
    def complete(self) -> bool:
        ...
    @property
    def levels(self) -> list[SweepLevel]:
        ...
    @property
    def open_loop(self) -> bool:
        ...
    @property
    def options(self) -> SweepSettings:
        ...
    @property
    def provenance(self) -> SweepProvenance:
        ...
    @property
    def schema(self) -> str:
        ...
    @property
    def stop_reason(self) -> str:
        ...
class SloCheck:
    """
    One SLO at an operating point: the forecast quantile (value at the central fit, [low, high] at the ends of the model's bands).
    """
    @property
    def met(self) -> bool:
        ...
    @property
    def metric(self) -> LatencyMetric:
        ...
    @property
    def predicted_s(self) -> Estimate:
        ...
    @property
    def quantile(self) -> LatencyQuantile:
        ...
    @property
    def slo(self) -> str:
        """
        The SLO as written, e.g. 'p99(e2e)<5s'.
        """
    @property
    def target_s(self) -> float:
        ...
class ApiCost:
    """
    A hosted API serving the same demand.
    """
    @property
    def monthly(self) -> float:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def per_million_output_tokens(self) -> float:
        ...
class PlanDemand:
    """
    plan.demand
    """
    @property
    def requests_per_s(self) -> float:
        ...
    @property
    def sizing_requests_per_s(self) -> float:
        ...
class PlanSaturation:
    """
    plan.saturation: where one replica saturates.
    """
    @property
    def concurrency(self) -> Estimate:
        ...
    @property
    def concurrency_limit(self) -> int:
        ...
    @property
    def concurrency_limit_source(self) -> str:
        ...
    @property
    def limited_by(self) -> LimitedBy:
        ...
    @property
    def peak_concurrency(self) -> Estimate:
        ...
    @property
    def throughput_rps(self) -> Estimate:
        ...
class PlanClosedLoop:
    """
    plan.closed_loop
    """
    @property
    def concurrency(self) -> Estimate:
        ...
    @property
    def replicas(self) -> Estimate:
        ...
    @property
    def throughput_rps(self) -> Estimate:
        ...
class PlanOperatingPoint:
    """
    plan.operating_point
    """
    @property
    def mean_concurrency(self) -> float:
        ...
    @property
    def per_replica_rate_rps(self) -> float:
        ...
    @property
    def saturation_utilization(self) -> float:
        ...
    @property
    def slo_checks(self) -> list[SloCheck]:
        ...
    @property
    def utilization(self) -> float:
        ...
class PlanHeadroom:
    """
    plan.headroom: the sizing headroom, and that of the current fleet (None where no replicas= was given).
    """
    @property
    def capacity_ratio(self) -> Estimate | None:
        ...
    @property
    def current_replicas(self) -> int | None:
        ...
    @property
    def extra_demand_fraction(self) -> Estimate | None:
        ...
    @property
    def sizing_fraction(self) -> float:
        ...
    @property
    def slo_checks(self) -> list[SloCheck]:
        ...
class PlanCost:
    """
    plan.cost: the price (None when not priced) and the fleet's cost (None unless priced and feasible).
    """
    @property
    def api(self) -> list[ApiCost]:
        ...
    @property
    def currency(self) -> str:
        ...
    @property
    def fleet_per_hour(self) -> Estimate | None:
        ...
    @property
    def hours_per_month(self) -> int:
        ...
    @property
    def monthly(self) -> Estimate | None:
        ...
    @property
    def per_million_output_tokens(self) -> Estimate | None:
        ...
    @property
    def per_million_tokens(self) -> Estimate | None:
        ...
    @property
    def price_per_replica_hour(self) -> float | None:
        ...
    @property
    def price_source(self) -> str:
        ...
    @property
    def priced(self) -> bool:
        ...
class PlanTokens:
    """
    plan.tokens_per_request
    """
    @property
    def input(self) -> float:
        ...
    @property
    def output(self) -> float:
        ...
class PlanResult:
    """
    A capacity plan, shaped as `loadlaw plan --json`: feasible, replicas (an Estimate), per_replica_capacity_rps, demand, saturation, closed_loop, operating_point, headroom, cost, tokens_per_request, warnings.
    """
    def __repr__(self) -> str:
        ...
    def _json(self) -> dict:
        ...
    def to_dict(self) -> dict:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    def to_pandas(self) -> typing.Any:
        """
        The plan as a one-row DataFrame of flat columns (needs pandas).
        """
    @property
    def closed_loop(self) -> PlanClosedLoop:
        ...
    @property
    def cost(self) -> PlanCost:
        ...
    @property
    def demand(self) -> PlanDemand:
        ...
    @property
    def feasible(self) -> bool:
        ...
    @property
    def hardware(self) -> str:
        ...
    @property
    def headroom(self) -> PlanHeadroom:
        ...
    @property
    def label(self) -> str:
        ...
    @property
    def message(self) -> str:
        ...
    @property
    def operating_point(self) -> PlanOperatingPoint:
        ...
    @property
    def per_replica_capacity_rps(self) -> Estimate:
        ...
    @property
    def replicas(self) -> Estimate:
        ...
    @property
    def saturation(self) -> PlanSaturation:
        ...
    @property
    def tokens_per_request(self) -> PlanTokens:
        ...
    @property
    def warnings(self) -> list[str]:
        ...
class PlanComparison:
    """
    Several plans for the same demand and SLOs, the cheapest named; shaped as `loadlaw plan A B --json`.
    """
    def __repr__(self) -> str:
        ...
    def _json(self) -> dict:
        ...
    def to_dict(self) -> dict:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    def to_pandas(self) -> typing.Any:
        """
        One row per plan (needs pandas).
        """
    @property
    def cheapest(self) -> str | None:
        """
        The label of the cheapest plan, None if none is feasible.
        """
    @property
    def cheapest_index(self) -> int:
        ...
    @property
    def plans(self) -> list[PlanResult]:
        ...
    @property
    def verdict(self) -> str:
        ...
class HardwarePrice:
    @property
    def date(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def per_gpu_hour(self) -> float:
        ...
    @property
    def source(self) -> str:
        ...
class ApiPrice:
    @property
    def date(self) -> str:
        ...
    @property
    def input_per_million(self) -> float:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def output_per_million(self) -> float:
        ...
    @property
    def source(self) -> str:
        ...
class Pricing:
    """
    A price list (models/pricing.json).
    """
    def find_hardware(self, name: str) -> HardwarePrice:
        """
        The entry of that hardware label (ignoring case), or None.
        """
    @property
    def api(self) -> list[ApiPrice]:
        ...
    @property
    def currency(self) -> str:
        ...
    @property
    def date(self) -> str:
        ...
    @property
    def hardware(self) -> list[HardwarePrice]:
        ...
    @property
    def note(self) -> str:
        ...
class Slo:
    """
    A latency objective: quantile(metric) < target_s.
    """
    def __repr__(self) -> str:
        ...
    def describe(self) -> str:
        ...
    @property
    def metric(self) -> LatencyMetric:
        ...
    @property
    def quantile(self) -> LatencyQuantile:
        ...
    @property
    def target_s(self) -> float:
        ...
    @property
    def text(self) -> str:
        ...
class Simulator:
    """
    The simulated continuous-batching LLM endpoint (`loadlaw sim`), serving OpenAI-compatible streaming HTTP on 127.0.0.1 from this process until stop() (or the end of a `with` block). Keyword arguments are its parameters (docs/simulator.md, simulator_fields()); config= reads them from a JSON file first.
    """
    def __enter__(self) -> Simulator:
        ...
    def __exit__(self, arg0: typing.Any, arg1: typing.Any, arg2: typing.Any) -> None:
        ...
    def __init__(self, config: typing.Any = None, **kwargs) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def stop(self) -> None:
        """
        Closes the listener and every connection; idempotent.
        """
    @property
    def config(self) -> dict:
        """
        Every parameter, as a dict.
        """
    @property
    def port(self) -> int:
        ...
    @property
    def running(self) -> bool:
        ...
    @property
    def url(self) -> str:
        """
        Base URL, e.g. http://127.0.0.1:41234
        """
class Report:
    """
    The capacity and TCO report: the answer first, then the evidence; shaped as report.json (report.answer, report.headline, report.sections, report.plan, ...); a notebook shows it as Markdown.
    """
    class Figure:
        """
        A headline number: value and interval with their text.
        """
        @property
        def alert(self) -> bool:
            ...
        @property
        def high(self) -> float:
            ...
        @property
        def interval_text(self) -> str:
            ...
        @property
        def key(self) -> str:
            ...
        @property
        def label(self) -> str:
            ...
        @property
        def low(self) -> float:
            ...
        @property
        def note(self) -> str:
            ...
        @property
        def text(self) -> str:
            ...
        @property
        def unit(self) -> str:
            ...
        @property
        def value(self) -> float:
            ...
    class Cell:
        """
        A table cell and its number.
        """
        @property
        def text(self) -> str:
            ...
        @property
        def value(self) -> float:
            ...
    class Table:
        @property
        def caption(self) -> str:
            ...
        @property
        def columns(self) -> list[str]:
            ...
        @property
        def id(self) -> str:
            ...
        @property
        def rows(self) -> list[list[Report.Cell]]:
            ...
        @property
        def title(self) -> str:
            ...
    class Axis:
        @property
        def label(self) -> str:
            ...
        @property
        def log(self) -> bool:
            ...
        @property
        def scale(self) -> float:
            ...
    class Series:
        @property
        def color(self) -> str:
            ...
        @property
        def kind(self) -> SeriesKind:
            ...
        @property
        def legend(self) -> bool:
            ...
        @property
        def name(self) -> str:
            ...
        @property
        def points(self) -> list[list[float]]:
            """
            [x, y] each, or [x, y_low, y_high] for a band.
            """
        @property
        def right_axis(self) -> bool:
            ...
        @property
        def stepped(self) -> bool:
            ...
        @property
        def x(self) -> list[float]:
            ...
        @property
        def y(self) -> list[float]:
            ...
        @property
        def y_high(self) -> list[float]:
            ...
        @property
        def y_low(self) -> list[float]:
            ...
    class Chart:
        @property
        def caption(self) -> str:
            ...
        @property
        def id(self) -> str:
            ...
        @property
        def series(self) -> list[Report.Series]:
            ...
        @property
        def title(self) -> str:
            ...
        @property
        def x(self) -> Report.Axis:
            ...
        @property
        def y(self) -> Report.Axis:
            ...
        @property
        def y2(self) -> Report.Axis | None:
            ...
    class Section:
        @property
        def charts(self) -> list[Report.Chart]:
            ...
        @property
        def id(self) -> str:
            ...
        @property
        def intro(self) -> str:
            ...
        @property
        def notes(self) -> list[str]:
            ...
        @property
        def tables(self) -> list[Report.Table]:
            ...
        @property
        def title(self) -> str:
            ...
    class KeyValue:
        @property
        def key(self) -> str:
            ...
        @property
        def label(self) -> str:
            ...
        @property
        def value(self) -> str:
            ...
    def __repr__(self) -> str:
        ...
    def _json(self) -> dict:
        ...
    def _repr_markdown_(self) -> str:
        ...
    def find_chart(self, id: str) -> Report.Chart | None:
        """
        The chart with that id in any section, or None.
        """
    def find_figure(self, key: str) -> Report.Figure | None:
        """
        The headline figure with that key, or None.
        """
    def html(self) -> str:
        """
        The report as one self-contained HTML page.
        """
    def markdown(self) -> str:
        """
        The report as Markdown.
        """
    def to_dict(self) -> dict:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    def write(self, out_dir: os.PathLike) -> dict[str, str]:
        """
        Writes report.html, report.md and report.json into out_dir; returns their paths.
        """
    @property
    def answer(self) -> str:
        ...
    @property
    def generated_at(self) -> str:
        ...
    @property
    def headline(self) -> list[Report.Figure]:
        ...
    @property
    def interval_label(self) -> str:
        ...
    @property
    def loadlaw_version(self) -> str:
        ...
    @property
    def plan(self) -> PlanResult | None:
        """
        The plan, None without one.
        """
    @property
    def provenance(self) -> list[Report.KeyValue]:
        ...
    @property
    def question(self) -> str:
        ...
    @property
    def schema(self) -> str:
        ...
    @property
    def sections(self) -> list[Report.Section]:
        ...
    @property
    def subtitle(self) -> str:
        ...
    @property
    def title(self) -> str:
        ...
    @property
    def trusted(self) -> bool:
        ...
    @property
    def warnings(self) -> list[str]:
        ...
class Change:
    """
    One compared quantity, candidate against baseline, with its interval and its status against the threshold (docs/compare.md).
    """
    @property
    def absolute(self) -> bool:
        ...
    @property
    def baseline(self) -> float:
        ...
    @property
    def candidate(self) -> float:
        ...
    @property
    def difference(self) -> float | None:
        """
        candidate - baseline of an absolute change (a rate, such as the error rate); None for a relative one.
        """
    @property
    def higher_is_better(self) -> bool:
        ...
    @property
    def interval(self) -> tuple[float, float]:
        """
        (low, high) of the change; NaN without an interval.
        """
    @property
    def method(self) -> str:
        ...
    @property
    def metric(self) -> str:
        """
        The same as quantity (the name of the first format).
        """
    @property
    def quantity(self) -> str:
        ...
    @property
    def relative_change(self) -> float | None:
        """
        candidate / baseline - 1; None for an absolute change.
        """
    @property
    def status(self) -> ChangeStatus:
        ...
    @property
    def threshold(self) -> float:
        ...
class ModelChange(Change):
    """
    A gated change of two capacity models at one concurrency.
    """
    @property
    def concurrency(self) -> float:
        ...
    @property
    def extrapolated(self) -> bool:
        ...
class ParameterDrift:
    """
    The drift of one fitted parameter (candidate - baseline), reported, not gated.
    """
    @property
    def baseline(self) -> float:
        ...
    @property
    def candidate(self) -> float:
        ...
    @property
    def difference(self) -> float:
        ...
    @property
    def interval(self) -> tuple[float, float]:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def relative_change(self) -> float:
        ...
    @property
    def relative_interval(self) -> tuple[float, float]:
        ...
    @property
    def significant(self) -> bool:
        ...
class LevelComparison:
    """
    The changes at one matched level.
    """
    @property
    def baseline_index(self) -> int:
        ...
    @property
    def candidate_index(self) -> int:
        ...
    @property
    def changes(self) -> list[Change]:
        ...
    @property
    def load(self) -> float:
        ...
    @property
    def notes(self) -> list[str]:
        ...
class SweepComparison:
    """
    Two sweeps compared level by level: throughput, latency quantiles and the error rate, each with an interval, and a verdict (pass, inconclusive, regression); shaped as `loadlaw compare --json` (c.verdict, c.worst, c.levels[0].changes[0].status, ...).
    """
    def __repr__(self) -> str:
        ...
    def _json(self) -> dict:
        ...
    def to_dict(self) -> dict:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    @property
    def confidence(self) -> float:
        ...
    @property
    def interval_confidence(self) -> float:
        ...
    @property
    def kind(self) -> str:
        """
        'sweep' or 'model'.
        """
    @property
    def levels(self) -> list[LevelComparison]:
        ...
    @property
    def load_unit(self) -> str:
        """
        The unit of each level's load.
        """
    @property
    def loop(self) -> LoopKind:
        """
        The sweeps' loop.
        """
    @property
    def max_error_rate_increase(self) -> float:
        ...
    @property
    def max_regression(self) -> float:
        ...
    @property
    def notes(self) -> list[str]:
        ...
    @property
    def open_loop(self) -> bool:
        ...
    @property
    def regression(self) -> bool:
        """
        True when the verdict is regression (the CLI exits 1).
        """
    @property
    def resamples(self) -> int:
        ...
    @property
    def seed(self) -> int:
        ...
    @property
    def simultaneous(self) -> bool:
        ...
    @property
    def unmatched_baseline(self) -> list[float]:
        ...
    @property
    def unmatched_candidate(self) -> list[float]:
        ...
    @property
    def verdict(self) -> Verdict:
        ...
    @property
    def worst(self) -> str:
        ...
class ModelComparison:
    """
    Two capacity models compared: parameter drift, peak throughput and the predictions at the baseline's levels, each with an interval, and a verdict; shaped as `loadlaw compare --json` (c.verdict, c.worst, c.drift[0].name, c.changes[0].status, ...).
    """
    def __repr__(self) -> str:
        ...
    def _json(self) -> dict:
        ...
    def to_dict(self) -> dict:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    @property
    def changes(self) -> list[ModelChange]:
        ...
    @property
    def concurrencies(self) -> list[float]:
        ...
    @property
    def confidence(self) -> float:
        ...
    @property
    def drift(self) -> list[ParameterDrift]:
        ...
    @property
    def interval_confidence(self) -> float:
        ...
    @property
    def kind(self) -> str:
        """
        'sweep' or 'model'.
        """
    @property
    def max_regression(self) -> float:
        ...
    @property
    def notes(self) -> list[str]:
        ...
    @property
    def regression(self) -> bool:
        """
        True when the verdict is regression (the CLI exits 1).
        """
    @property
    def simultaneous(self) -> bool:
        ...
    @property
    def verdict(self) -> Verdict:
        ...
    @property
    def worst(self) -> str:
        ...
def _run(load: LoadOptions, concurrency: int = 0, rate: float = 0.0, duration: typing.Any = None, requests: int = 0, warmup: typing.Any = 0.0, records: typing.Any = None) -> RunResult:
    """
    One load level (see loadlaw.run).
    """
def _sweep(load: LoadOptions, levels: list[int], rates: list[float], auto_levels: bool, max_concurrency: int, min_gain: float, refine: int, level_duration: typing.Any, warmup: typing.Any, max_extensions: int, out: typing.Any, records: typing.Any, resume: bool, label: str, metrics: list[str], pid: int, gpu: bool, scrape_metrics: bool, server_limit: int, log: typing.Any) -> SweepFile:
    """
    A calibration sweep (see loadlaw.sweep).
    """
def allen_cunneen(arrival_rate: float, service_time: float, servers: int, arrival_scv: float = 1.0, service_scv: float = 1.0) -> MmcResult:
    """
    G/G/c by the Allen-Cunneen approximation (exact for M/G/1 and M/M/c).
    """
def build_report(model: CapacityModel, sweep: SweepFile = None, *, demand: typing.Any = None, slos: typing.Any = None, headroom: typing.Any = 0.0, price: typing.Any = None, pricing: typing.Any = None, hardware: str = '', gpus_per_replica: int = 1, replicas: int = 0, concurrency_limit: int = 0, growth: list[float] = [1.0, 1.5, 2.0, 4.0], title: str = '', label: str = '') -> Report:
    """
    The report of `model` (and the sweep it was fitted on), planned as plan() is when demand and slos are given, with a plan per growth factor of the demand.
    """
def compare(baseline: typing.Any, candidate: typing.Any, *, max_regression: float = 0.05, max_error_increase: float = 0.01, confidence: float = 0.95, seed: int = 1) -> SweepComparison | ModelComparison:
    """
    Compares ``candidate`` against ``baseline``, as ``loadlaw compare`` does: two sweeps or two capacity models, each a SweepFile, a CapacityModel or the path of either. Thresholds are fractions: max_regression the largest tolerated worsening (0.05: 5 %), max_error_increase the largest rise of a sweep level's error rate (0.01: one percentage point). Returns a SweepComparison or ModelComparison with the fields of `loadlaw compare --json` and `regression` (True where the CLI exits 1).
    """
def compare_laws(n: list[float], x: list[float], weights: list[float] | None = None, aic_tolerance: float = 2.0, confidence: float = 0.95) -> LawComparison:
    """
    Fit the USL, Amdahl and linear laws and choose by AIC.
    """
def compare_plans(plans: list[PlanResult]) -> PlanComparison:
    """
    Names the cheapest feasible plan (or the one of fewest replicas).
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
def fit_sweep(sweep: typing.Any, *, relative_errors: bool = True, max_error_rate: float = 0.05, include_unsettled: bool = False, holdout_levels: int = -1, confidence: float = 0.95, label: str = '') -> CapacityModel:
    """
    The capacity model of a closed-loop sweep (a SweepFile or the path of a sweep file), as `loadlaw fit SWEEP.json` makes it. label= sets the hardware label the price list is matched by.
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
def load_model(path: os.PathLike) -> CapacityModel:
    """
    Reads a capacity model file (*.model.json).
    """
def load_pricing(path: os.PathLike) -> Pricing:
    """
    Reads a price list (models/pricing.json).
    """
def load_sweep(path: os.PathLike) -> SweepFile:
    """
    Reads a sweep file (*.sweep.json).
    """
def mmc(arrival_rate: float, service_time: float, servers: int) -> MmcResult:
    """
    Solve M/M/c; ValueError for a saturated system.
    """
def model_from_json(text: str) -> CapacityModel:
    """
    Parses the text of a capacity model file.
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
def parse_demand(text: str) -> tuple:
    """
    (per second, 'requests' or 'output_tokens') of '200rps', '12000/min', '5000tok/s', ...
    """
def parse_headroom(text: str) -> float:
    """
    '20%' or '0.2' -> 0.2.
    """
def parse_price_per_hour(text: str) -> float:
    """
    '2.50/h', '$2.5/hr', '2.5' -> 2.5.
    """
def parse_slo(text: str) -> Slo:
    """
    Parses 'p99(e2e)<5s', 'p95(ttft)<500ms', ... as the CLI's --slo.
    """
def plan(model: CapacityModel, *, demand: typing.Any, slos: typing.Any, headroom: typing.Any = 0.0, price: typing.Any = None, pricing: typing.Any = None, hardware: str = '', gpus_per_replica: int = 1, replicas: int = 0, concurrency_limit: int = 0, label: str = '') -> PlanResult:
    """
    Plans `model` as `loadlaw plan` does: demand ('200rps', '12000/min', '5000tok/s' or requests/s as a number), slos (one or a list, e.g. 'p99(e2e)<5s'), headroom ('20%' or 0.2), price per replica-hour ('2.50/h' or 2.5) or pricing (a price list or its path, with hardware and gpus_per_replica), replicas (the current fleet, for its headroom).
    """
def servers_for(arrival_rate: float, service_time: float, *, max_wait: float | None = None, max_response: float | None = None, wait_time: float | None = None, max_probability: float | None = None) -> int:
    """
    The fewest M/M/c servers meeting one target.
    """
def simulator_fields() -> list:
    """
    The simulator's parameters: key, unit, help, type and default.
    """
def smallest_count(meets: typing.Callable[[int], bool], min_count: int, max_count: int) -> int:
    """
    The smallest count in [min, max] for which meets(count) is true (monotone predicate).
    """
__version__: str = '0.1.0'
