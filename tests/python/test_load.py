"""The simulator, run() and sweep() from Python: GIL released, Ctrl-C."""

import os
import signal
import threading
import time

import pytest

import loadlaw
from conftest import FAST_LOAD, FAST_SIM


@pytest.fixture(scope="module")
def sim():
    with loadlaw.Simulator(**FAST_SIM) as s:
        yield s


def test_simulator_serves_on_a_free_port_and_stops():
    s = loadlaw.Simulator(max_num_seqs=4)
    assert s.running and s.url == f"http://127.0.0.1:{s.port}" and s.port > 0
    assert s.config["max_num_seqs"] == 4
    s.stop()
    s.stop()
    assert not s.running
    with loadlaw.Simulator() as t:
        assert t.running
    assert not t.running


def test_run_measures_one_level(sim):
    result = loadlaw.run(sim.url, concurrency=4, duration=1.0, warmup="200ms",
                         **FAST_LOAD)
    assert not result.cancelled
    assert result.levels[0].throughput.requests_per_s > 10
    assert result.throughput.requests_per_s == result.levels[0].throughput.requests_per_s
    assert result.to_dict()["schema"] == "loadlaw.run/1"
    assert result.loop == "closed"
    assert result.transport == "native"  # the default for an http:// target


def test_run_on_libcurl_when_asked(sim):
    result = loadlaw.run(sim.url, concurrency=2, duration=0.5, warmup=0,
                         transport="curl", **FAST_LOAD)
    assert result.transport == "curl"
    assert result.levels[0].requests.completed > 0


def test_run_releases_the_gil(sim):
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.01)

    t = threading.Thread(target=tick)
    t.start()
    loadlaw.run(sim.url, concurrency=2, duration=1.0, **FAST_LOAD)
    stop.set()
    t.join()
    assert len(ticks) > 40


def test_ctrl_c_interrupts_run_within_a_second(sim):
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        loadlaw.run(sim.url, concurrency=4, duration=60, **FAST_LOAD)
    elapsed = time.monotonic() - start
    timer.join()
    assert 0.9 < elapsed < 2.0
    # The simulator and the package still work afterwards.
    assert loadlaw.run(sim.url, concurrency=1, requests=3,
                       **FAST_LOAD).requests.completed == 3


def test_sweep_writes_its_file_and_fits(sim, tmp_path):
    lines = []
    out = tmp_path / "py.sweep.json"
    sweep = loadlaw.sweep(sim.url, levels=[1, 4, 8, 16], warmup=0.2,
                          level_duration=0.8, max_extensions=0, out=out,
                          label="h100", log=lines.append, gpu=False,
                          **FAST_LOAD)
    assert sweep.complete and len(sweep) == 4 and out.exists()
    assert loadlaw.load_sweep(out).to_dict() == sweep.to_dict()
    assert any(line.startswith("level 1: 1 user:") for line in lines)
    assert list(sweep.to_pandas()["concurrency"]) == [1, 4, 8, 16]
    # Levels under 5 s are too short for the steady-state check to judge.
    with pytest.raises(ValueError, match="not settled"):
        loadlaw.fit_sweep(sweep)
    model = loadlaw.fit_sweep(sweep, include_unsettled=True)
    assert model.provenance.hardware == "h100" and model.lam > 0


def test_ctrl_c_interrupts_a_sweep_keeping_its_levels(sim, tmp_path):
    out = tmp_path / "cut.sweep.json"
    timer = threading.Timer(1.2, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        loadlaw.sweep(sim.url, levels=[1, 2, 4, 8], warmup=0.1,
                      level_duration=0.8, max_extensions=0, out=out,
                      gpu=False, **FAST_LOAD)
    assert time.monotonic() - start < 2.5
    timer.join()
    kept = loadlaw.load_sweep(out)
    assert not kept.complete and 1 <= len(kept) < 4


@pytest.mark.parametrize("call, says", [
    (lambda url: loadlaw.run(url, concurrency=2, rate=3, duration=1), "exactly one"),
    (lambda url: loadlaw.run(url, concurrency=2), "duration"),
    (lambda url: loadlaw.run(url, concurrency=2, duration="soon"), "duration"),
    (lambda url: loadlaw.run(url, concurrency=2, duration=1, timeout=-1), "timeout"),
    (lambda url: loadlaw.run(url, concurrency=2, duration=1, api="grpc"), "api"),
    (lambda url: loadlaw.run(url, concurrency=2, duration=1,
                             arrival="bursty"), "arrival"),
    (lambda url: loadlaw.run(url, concurrency=2, duration=1,
                             workload="models/workloads/chat_mix.json",
                             max_tokens=8), "max_tokens"),
    (lambda url: loadlaw.sweep(url, out="x.json"), "levels"),
    (lambda url: loadlaw.LoadOptions(url, transport="quic"), "transport"),
    (lambda url: loadlaw.LoadOptions(url, api_key_env="LOADLAW_NO_SUCH_KEY"),
     "LOADLAW_NO_SUCH_KEY"),
])
def test_bad_load_arguments_raise_value_error_naming_them(sim, call, says):
    with pytest.raises(ValueError, match=says):
        call(sim.url)


@pytest.mark.parametrize("kwargs, says", [
    (dict(max_num_sqs=4), "max_num_sqs"),
    (dict(max_num_seqs=0), "max_num_seqs"),
    (dict(step_base_ms="fast"), "step_base_ms"),
])
def test_bad_simulator_parameters_raise_value_error_naming_them(kwargs, says):
    with pytest.raises(ValueError, match=says):
        loadlaw.Simulator(**kwargs)
