# Type stub of loadlaw._core, generated from the compiled module with
# pybind11-stubgen; regenerate it whenever the bindings change
# (tests/python/test_package.py checks that it lists every public name).
"""
loadlaw's compiled core (use the `loadlaw` package instead)
"""
from __future__ import annotations
import numpy
import os
import typing
__all__: list[str] = ['ApiPrice', 'CapacityModel', 'Estimate', 'FlowEquivalentResult', 'HardwarePrice', 'HoldoutPoint', 'HoldoutResult', 'LatencyCurveFit', 'LawComparison', 'LoadOptions', 'MmcResult', 'ModelComparison', 'MulticlassMvaResult', 'MvaResult', 'PlanComparison', 'PlanResult', 'Pricing', 'Report', 'RunResult', 'Simulator', 'Slo', 'SweepComparison', 'SweepFile', 'UslFit', 'UslModel', 'allen_cunneen', 'build_report', 'compare', 'compare_laws', 'compare_plans', 'erlang_b', 'erlang_c', 'fit_latency_curve', 'fit_sweep', 'fit_usl', 'flow_equivalent', 'holdout', 'load_model', 'load_pricing', 'load_sweep', 'mmc', 'model_from_json', 'mva', 'mva_multiclass', 'mva_series', 'parse_demand', 'parse_headroom', 'parse_price_per_hour', 'parse_slo', 'plan', 'servers_for', 'simulator_fields', 'smallest_count']
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
class CapacityModel:
    """
    The capacity model of one deployment (a fitted sweep): USL for request and token throughput, latency-quantile curves, hold-out validation and a trust verdict. Every field of the model file is an attribute (model.trust.ok, model.holdout.points, ...).
    """
    def __getattr__(self, name: str) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def curve(self, metric: str, quantile: str) -> LatencyCurveFit:
        """
        The fitted latency curve of a metric and quantile.
        """
    def latency(self, n: typing.Any, metric: str = 'e2e', quantile: str = 'p99') -> typing.Any:
        """
        A latency quantile in seconds at concurrency n, vectorised.
        """
    def peak(self) -> tuple:
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
    def to_dict(self) -> typing.Any:
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
    def kappa(self) -> float:
        ...
    @property
    def lam(self) -> float:
        ...
    @property
    def lambda_(self) -> float:
        ...
    @property
    def output_tokens(self) -> UslFit:
        """
        The USL of output tokens/s against achieved concurrency.
        """
    @property
    def requests(self) -> UslFit:
        """
        The USL of requests/s against achieved concurrency.
        """
    @property
    def sigma(self) -> float:
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
    What a load run measured; its fields are those of `loadlaw run --json` (result.levels[0].summary..., and for one level result.metrics, result.throughput, ...).
    """
    def __getattr__(self, name: str) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    @property
    def cancelled(self) -> bool:
        ...
    @property
    def elapsed_s(self) -> float:
        ...
class SweepFile:
    """
    A calibration sweep: provenance and one entry per finished level. Its fields are those of the sweep file (sweep.provenance.target, sweep.levels[0].summary.throughput.requests_per_s, ...).
    """
    def __getattr__(self, name: str) -> typing.Any:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def save(self, path: os.PathLike) -> None:
        """
        Writes the sweep file atomically.
        """
    def to_dict(self) -> typing.Any:
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
    def open_loop(self) -> bool:
        ...
    @property
    def stop_reason(self) -> str:
        ...
class PlanResult:
    """
    A capacity plan. Its fields are those of `loadlaw plan --json`: feasible, replicas (an Estimate), per_replica_capacity_rps, saturation, closed_loop, operating_point, headroom, cost, tokens_per_request, warnings...
    """
    def __getattr__(self, name: str) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
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
    def feasible(self) -> bool:
        ...
    @property
    def label(self) -> str:
        ...
    @property
    def replicas(self) -> Estimate:
        ...
class PlanComparison:
    """
    Several plans for the same demand and SLOs, the cheapest named; the fields of `loadlaw plan A B --json`.
    """
    def __getattr__(self, name: str) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
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
    def metric(self) -> str:
        ...
    @property
    def quantile(self) -> str:
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
    def __enter__(self) -> typing.Any:
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
    def config(self) -> typing.Any:
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
    The capacity and TCO report: the answer first, then the evidence. Its fields are those of report.json (report.answer, report.headline, report.sections, ...); a notebook shows it as Markdown.
    """
    def __getattr__(self, name: str) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def _repr_markdown_(self) -> str:
        ...
    def html(self) -> str:
        """
        The report as one self-contained HTML page.
        """
    def markdown(self) -> str:
        """
        The report as Markdown.
        """
    def to_dict(self) -> typing.Any:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    def write(self, out_dir: os.PathLike) -> dict:
        """
        Writes report.html, report.md and report.json into out_dir; returns their paths.
        """
    @property
    def answer(self) -> str:
        ...
    @property
    def title(self) -> str:
        ...
    @property
    def trusted(self) -> bool:
        ...
class SweepComparison:
    """
    Two sweeps compared level by level: throughput, latency quantiles and the error rate, each with an interval, and a verdict (pass, inconclusive, regression). Its fields are those of `loadlaw compare --json` (c.verdict, c.worst, c.levels[0].changes[0].status, ...).
    """
    def __getattr__(self, name: str) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    @property
    def regression(self) -> bool:
        """
        True when the verdict is regression (the CLI exits 1).
        """
class ModelComparison:
    """
    Two capacity models compared: parameter drift, peak throughput and the predictions at the baseline's levels, each with an interval, and a verdict. Its fields are those of `loadlaw compare --json` (c.verdict, c.worst, c.drift[0].name, c.changes[0].status, ...).
    """
    def __getattr__(self, name: str) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def to_dict(self) -> typing.Any:
        """
        The JSON document as Python dicts and lists (a fresh copy).
        """
    def to_json(self, indent: int = 2) -> str:
        """
        The JSON text, as the CLI prints it with --json.
        """
    @property
    def regression(self) -> bool:
        """
        True when the verdict is regression (the CLI exits 1).
        """
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
def compare(baseline: typing.Any, candidate: typing.Any, *, max_regression: float = 0.05, max_error_increase: float = 0.01, confidence: float = 0.95, seed: int = 1) -> typing.Any:
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
