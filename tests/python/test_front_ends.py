"""The CLI and Python are two front ends of one library: a sweep started in
one is resumed by the other, and sweeps of the same workload made by each
compare without "the workloads differ". The think time is given the way each
front end's users write it (Python: a number of seconds; CLI: "50ms"), which
is where the two once drifted apart."""

import json
import subprocess

import pytest

import loadlaw
from conftest import CLI, FAST_LOAD, FAST_SIM, ROOT

# Short levels: the resume and identity checks need finished levels, not
# settled measurements.
FAST_LEVELS = dict(warmup=0.2, level_duration=0.6, max_extensions=0,
                   gpu=False)
CLI_FAST = ["--warmup", "200ms", "--level-duration", "600ms",
            "--max-extensions", "0", "--no-gpu", "--no-progress",
            "--prompt-tokens", str(FAST_LOAD["prompt_tokens"]),
            "--max-tokens", str(FAST_LOAD["max_tokens"])]


@pytest.fixture(scope="module")
def sim():
    with loadlaw.Simulator(**FAST_SIM) as s:
        yield s


def cli_sweep(url, out, levels, *extra):
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: run scripts/setup.sh first")
    return subprocess.run(
        [str(CLI), "sweep", "--target", url, "--levels", levels,
         "--out", str(out), *CLI_FAST, *extra],
        capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_a_python_sweep_resumes_in_the_cli(sim, tmp_path):
    out = tmp_path / "py.sweep.json"
    first = loadlaw.sweep(sim.url, levels=[1, 2], out=out, think_time=0.05,
                          **FAST_LEVELS, **FAST_LOAD)
    assert len(first) == 2
    done = cli_sweep(sim.url, out, "1,2,4", "--think-time", "50ms",
                     "--resume")
    assert done.returncode == 0, done.stderr
    assert "2 finished levels kept" in done.stderr
    resumed = loadlaw.load_sweep(out)
    assert [lv.concurrency for lv in resumed.levels] == [1, 2, 4]
    assert resumed.provenance.workload_hash == first.provenance.workload_hash

    # A different think time is another workload: refused.
    other = cli_sweep(sim.url, out, "1,2,4,8", "--think-time", "60ms",
                      "--resume")
    assert other.returncode == 2
    assert "workload hash" in other.stderr


def test_a_cli_sweep_resumes_in_python(sim, tmp_path):
    out = tmp_path / "cli.sweep.json"
    started = cli_sweep(sim.url, out, "1,2", "--think-time", "0.05s")
    assert started.returncode == 0, started.stderr
    resumed = loadlaw.sweep(sim.url, levels=[1, 2, 4], out=out, resume=True,
                            think_time="50ms", **FAST_LEVELS, **FAST_LOAD)
    assert [lv.concurrency for lv in resumed.levels] == [1, 2, 4]
    with pytest.raises(ValueError, match="workload hash"):
        loadlaw.sweep(sim.url, levels=[1, 2, 4, 8], out=out, resume=True,
                      think_time=0.06, **FAST_LEVELS, **FAST_LOAD)


def test_sweeps_of_one_workload_compare_as_one(sim, tmp_path):
    py_out, cli_out = tmp_path / "py.sweep.json", tmp_path / "cli.sweep.json"
    loadlaw.sweep(sim.url, levels=[1, 2], out=py_out, think_time=2 / 40,
                  **FAST_LEVELS, **FAST_LOAD)
    done = cli_sweep(sim.url, cli_out, "1,2", "--think-time", "50ms")
    assert done.returncode == 0, done.stderr
    from_python = loadlaw.compare(py_out, cli_out)
    assert not [n for n in from_python.notes if "workloads differ" in n]
    from_cli = subprocess.run([str(CLI), "compare", str(py_out), str(cli_out),
                               "--json"], capture_output=True, text=True,
                              cwd=ROOT, timeout=120)
    assert from_cli.returncode in (0, 1), from_cli.stderr
    notes = json.loads(from_cli.stdout)["notes"]
    assert not [n for n in notes if "workloads differ" in n]
    # The same document either way.
    assert json.loads(from_cli.stdout)["levels"][0]["load"] == \
        from_python.to_dict()["levels"][0]["load"]
