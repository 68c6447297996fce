import inspect
import json
import math
import os
import pathlib
import subprocess

os.environ.setdefault("MPLBACKEND", "Agg")  # before anything imports pyplot

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("LOADLAW_BUILD_DIR", ROOT / "build"))
CLI = BUILD / "bin" / "loadlaw"

# A fast simulated endpoint: up to 16 sequences a batch, 2 ms + 0.3 ms per
# sequence a step, 16 output tokens an answer (a request takes ~40 ms alone).
FAST_SIM = dict(max_num_seqs=16, step_base_ms=2.0, step_per_seq_ms=0.3,
                jitter=0.02)
FAST_LOAD = dict(prompt_tokens=32, max_tokens=16)


@pytest.fixture
def example():
    """Loads columns x and y of models/examples/NAME.csv as numpy arrays."""

    def load(name, x=0, y=1):
        lines = (ROOT / "models" / "examples" / f"{name}.csv").read_text()
        rows = [ln for ln in lines.splitlines() if ln and not ln.startswith("#")]
        data = np.array([[float(v) for v in r.split(",")] for r in rows[1:]])
        return data[:, x], data[:, y]

    return load


def run_cli(*args):
    """Runs build/bin/loadlaw ARGS... and returns its stdout parsed as JSON."""
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: run scripts/setup.sh first")
    out = subprocess.run([str(CLI), *map(str, args)], check=True,
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    return json.loads(out.stdout)


# Attributes a typed result class has beyond its JSON keys, and why.
EXTRAS = {
    "Estimate": {"std_error"},  # plan JSON writes value, low and high only
    # C++ fields the JSON folds into relative_change | difference, metric
    "Change": {"absolute", "relative_change", "difference", "metric"},
    "ModelChange": {"absolute", "relative_change", "difference", "metric"},
    "SweepComparison": {"open_loop", "regression"},
    "ModelComparison": {"regression"},
    "Series": {"x", "y", "y_low", "y_high"},  # the columns behind "points"
    "SweepFile": {"open_loop"},
    "CapacityModel": {"requests", "output_tokens", "sigma", "kappa", "lam",
                      "lambda_"},  # the typed fits behind "throughput"
}


def _properties(obj):
    return {name for name, _ in inspect.getmembers(
        type(obj), lambda v: isinstance(v, property)) if name[0] != "_"}


def same(got, want, path="$"):
    """Asserts that `got` (a typed result, a Record or a value) equals the
    JSON `want` (its to_dict(), or the CLI's JSON) key by key, recursively,
    and has no attribute the JSON lacks but None and those of EXTRAS."""
    import loadlaw

    if isinstance(want, dict) and isinstance(got, dict):  # a map (gauges)
        assert got.keys() == want.keys(), path
        for key, value in want.items():
            same(got[key], value, f"{path}[{key!r}]")
    elif isinstance(want, dict):
        for key, value in want.items():
            assert hasattr(got, key), f"{path}.{key}: no such attribute"
            same(getattr(got, key), value, f"{path}.{key}")
        if not isinstance(got, loadlaw.Record):
            # (an attribute that is None stands for a key the JSON omits)
            extra = {name for name in _properties(got) - want.keys()
                     if getattr(got, name) is not None}
            assert extra <= EXTRAS.get(type(got).__name__, set()), (
                f"{path}: attributes not in the JSON: {extra}")
    elif isinstance(want, list):
        assert isinstance(got, (list, tuple)), f"{path}: {got!r}"
        assert len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            same(g, w, f"{path}[{i}]")
    elif want is None or want in ("inf", "-inf"):
        # null: an absent optional, or a non-finite number.
        assert got is None or (isinstance(got, float) and (
            not math.isfinite(got) if want is None else got == float(want))), (
            f"{path}: {got!r}")
    elif isinstance(want, bool):
        assert isinstance(got, bool) and got == want, f"{path}: {got!r}"
    elif isinstance(want, (int, float)):
        assert not isinstance(got, bool) and got == want, f"{path}: {got!r}"
    else:
        assert isinstance(got, str) and got == want, f"{path}: {got!r}"


@pytest.fixture(scope="session")
def cli_sweep_path(tmp_path_factory):
    """A sweep file written by the CLI (`loadlaw sweep`) against a simulator
    this process serves (loadlaw.Simulator): five levels of 5 s (the least
    the steady-state check judges), about 30 s."""
    import loadlaw

    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: run scripts/setup.sh first")
    path = tmp_path_factory.mktemp("sweep") / "sim.sweep.json"
    with loadlaw.Simulator(**FAST_SIM) as sim:
        subprocess.run(
            [str(CLI), "sweep", "--target", sim.url, "--prompt-tokens", "32",
             "--max-tokens", "16", "--levels", "1,2,4,8,16",
             "--warmup", "1s", "--level-duration", "5s",
             "--max-extensions", "0", "--label", "h100",
             "--server-limit", "16", "--no-gpu", "--no-progress",
             "--out", str(path)],
            check=True, capture_output=True, text=True, timeout=120)
    return path


@pytest.fixture(scope="session")
def sim_model(cli_sweep_path):
    import loadlaw

    return loadlaw.fit_sweep(loadlaw.load_sweep(cli_sweep_path))


@pytest.fixture(scope="session")
def model_path(sim_model, tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "h100.model.json"
    sim_model.save(path)
    return path


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch):
    """Relative paths (models/pricing.json) are the repository's."""
    monkeypatch.chdir(ROOT)
