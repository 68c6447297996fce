"""The cost of Python calls into loadlaw: predict on 1 and on 10,000 points
(a UslFit and a CapacityModel), and a plan call. Run it by hand:

    .venv/bin/python bench/python_bench.py [MODEL.model.json]

Without a model file it fits one to a short simulator sweep first (~30 s).
Figures are in bench/README.md ("python").
"""

import pathlib
import sys
import tempfile
import timeit

import numpy as np

import loadlaw

ROOT = pathlib.Path(__file__).resolve().parents[1]


def per_call(fn, min_time=0.5):
    """Median seconds per call over 5 batches of at least min_time / 5 each."""
    number, elapsed = 1, 0.0
    while elapsed < min_time / 5:
        number *= 2
        elapsed = timeit.timeit(fn, number=number)
    return sorted(timeit.repeat(fn, number=number, repeat=5))[2] / number


def model_from_simulator():
    with loadlaw.Simulator(max_num_seqs=16, step_base_ms=2,
                           step_per_seq_ms=0.3) as sim:
        out = pathlib.Path(tempfile.mkdtemp()) / "bench.sweep.json"
        sweep = loadlaw.sweep(sim.url, levels=[1, 2, 4, 8, 16], warmup=1,
                              level_duration=5, prompt_tokens=32,
                              max_tokens=16, label="h100", gpu=False, out=out)
    return loadlaw.fit_sweep(sweep)


def main():
    model = (loadlaw.load_model(sys.argv[1]) if len(sys.argv) > 1
             else model_from_simulator())
    n, x = np.loadtxt(ROOT / "models/examples/specsdm91.csv", delimiter=",",
                      comments="#", skiprows=3, unpack=True)
    fit = loadlaw.fit_usl(n, x)
    one, many = 32.0, np.linspace(1, 200, 10_000)
    rows = [
        ("UslFit.predict, 1 point", per_call(lambda: fit.predict(one))),
        ("UslFit.predict, 10,000 points", per_call(lambda: fit.predict(many))),
        ("CapacityModel.predict, 1 point", per_call(lambda: model.predict(one))),
        ("CapacityModel.predict, 10,000 points",
         per_call(lambda: model.predict(many))),
        ("CapacityModel.latency (p99 e2e), 10,000 points",
         per_call(lambda: model.latency(many))),
        ("plan (2 SLOs, 20 % headroom, price list)",
         per_call(lambda: loadlaw.plan(
             model, demand="200rps", slos=["p99(e2e)<1s", "p95(ttft)<300ms"],
             headroom="20%", pricing=ROOT / "models/pricing.json"))),
        ("plan(...).to_dict()", per_call(lambda: loadlaw.plan(
            model, demand=200, slos="p99(e2e)<1s").to_dict())),
    ]
    for name, seconds in rows:
        print(f"{name:48} {seconds * 1e6:12.1f} us")


if __name__ == "__main__":
    main()
