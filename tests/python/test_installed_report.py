"""A report from loadlaw installed away from the source tree, with no network:
the wheel built from this tree, installed with numpy (from build/wheelhouse/,
filled by scripts/setup.sh) into a fresh environment in a temporary
directory, and a copy of build/bin/loadlaw in another. Each writes a report
on the reference sweep and model, from a working directory outside the tree,
with LOADLAW_ASSETS_DIR unset, sealed off by `unshare`: a network namespace
of its own (no interface but a loopback that is down) and a mount namespace
in which an empty file system hides the source tree, so neither Chart.js
nor the dev tree's package can come from there even by an absolute path
compiled in. Both pages then pass the headless-Chromium check of
test_report_browser.py.

About 12 s on 2 cores when the wheel's build directory (build/python/) is
up to date, as scripts/setup.sh leaves it: 2.5 s for the wheel (CMake finds
nothing to rebuild), 3.5 s for the environment, 2.5 s for the install, the
rest for the two reports and the browser; plus the build of whatever
changed since.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from test_report_browser import BUILD, ROOT, open_page, problems

WHEELHOUSE = BUILD / "wheelhouse"
REFERENCE = ROOT / "models" / "reference" / "llama-server-smollm2"
# The plan of models/reference/report.html (README there), as keyword
# arguments of loadlaw.build_report and as flags of `loadlaw report`.
PLAN = dict(demand="20rps", slos=["p99(e2e)<3s", "p95(ttft)<500ms"],
            headroom="20%", price="0.10/h")
PLAN_FLAGS = ["--demand", PLAN["demand"], "--slo", PLAN["slos"][0],
              "--slo", PLAN["slos"][1], "--headroom", PLAN["headroom"],
              "--price", PLAN["price"]]
# The report from the installed package, in a working directory holding the
# inputs (argv: the hidden tree, the plan as JSON); prints where _core came
# from and the paths written.
SCRIPT = """
import errno, json, os, socket, sys
import loadlaw, loadlaw._core
assert os.listdir(sys.argv[1]) == [], "the source tree is visible"
try:  # no route anywhere in this namespace
    socket.create_connection(("192.0.2.1", 9), timeout=5).close()
    sys.exit("the network is reachable")
except OSError as e:
    if e.errno != errno.ENETUNREACH:
        sys.exit(f"the network is not absent: {e}")
report = loadlaw.build_report(loadlaw.load_model("ref.model.json"),
                              loadlaw.load_sweep("ref.sweep.json"),
                              **json.loads(sys.argv[2]))
print(json.dumps({"core": loadlaw._core.__file__,
                  "written": report.write("python-report")}))
"""
# Runs "$@" with an empty read-only file system mounted over "$0" (the tree).
HIDE = 'mount -t tmpfs -o ro,size=4k loadlaw-hidden "$0" && exec "$@"'


def sealed():
    """The command prefix that runs a command with no network and the source
    tree hidden (root may make namespaces directly; others through a user
    namespace, where the kernel allows it)."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) is not installed: cannot cut the network")
    why = []
    for flags in (["-n", "-m"], ["-r", "-n", "-m"]):
        prefix = ["unshare", *flags, "sh", "-c", HIDE, str(ROOT)]
        tried = subprocess.run([*prefix, "true"], capture_output=True, text=True)
        if tried.returncode == 0:
            return prefix
        why.append(f"`unshare {' '.join(flags)}`: {tried.stderr.strip()}")
    pytest.skip(f"cannot make network and mount namespaces here ({'; '.join(why)})")


def clean_env():
    """This process's environment without what points into the dev tree."""
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "LOADLAW_ASSETS_DIR",
            "LOADLAW_BUILD_DIR")
    return {k: v for k, v in os.environ.items() if k not in drop}


def run(args, cwd, timeout=300):
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=clean_env(),
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, (
        f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def outside_tree(path):
    path = pathlib.Path(path).resolve()
    assert not path.is_relative_to(ROOT), f"{path} is inside {ROOT}"
    return path


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """A temporary directory outside the tree, holding a copy of the inputs
    (work/) and a copy of the CLI (bin/loadlaw)."""
    root = outside_tree(tmp_path_factory.mktemp("installed"))
    work = root / "work"
    work.mkdir()
    shutil.copy(f"{REFERENCE}.sweep.json", work / "ref.sweep.json")
    shutil.copy(f"{REFERENCE}.model.json", work / "ref.model.json")
    return root


def assert_charts_drew(report_dir):
    """Every chart of report.json has a canvas in report.html that drew."""
    report = json.loads((report_dir / "report.json").read_text())
    charts = [c["id"] for s in report["sections"] for c in s["charts"]]
    result = open_page(report_dir / "report.html")
    assert problems(result) == []
    assert sorted(result["canvases"]) == sorted(charts)
    assert len(charts) >= 5, charts


def test_installed_wheel_writes_a_report_offline(place):
    numpy = sorted(WHEELHOUSE.glob("numpy-*.whl"))
    if not numpy:
        pytest.fail(f"no numpy wheel in {WHEELHOUSE}: run bash scripts/setup.sh")
    seal = sealed()
    wheels = place / "wheels"  # numpy and loadlaw, outside the hidden tree
    wheels.mkdir()
    for wheel in numpy:
        shutil.copy(wheel, wheels)
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation",
         "--no-deps", "--disable-pip-version-check", "-w", wheels, ROOT],
        cwd=ROOT)
    (wheel,) = wheels.glob("loadlaw-*.whl")
    venv = place / "venv"
    # Made by this interpreter, whose base is outside the tree (ensurepip
    # installs pip from a wheel of the standard library, offline).
    run([sys.executable, "-m", "venv", venv], cwd=place)
    python = venv / "bin" / "python"
    run([*seal, python, "-m", "pip", "install", "-q", "--no-index",
         "--disable-pip-version-check", "--find-links", wheels, wheel],
        cwd=place)
    out = json.loads(run([*seal, python, "-c", SCRIPT, ROOT, json.dumps(PLAN)],
                         cwd=place / "work"))
    core = outside_tree(out["core"])
    assert core.is_relative_to(venv.resolve()), core
    assert out["written"]["html"] == "python-report/report.html"
    assert_charts_drew(place / "work" / "python-report")


def test_copied_binary_writes_a_report_offline(place):
    built = BUILD / "bin" / "loadlaw"
    if not built.exists():
        pytest.fail(f"{built} is missing: build first (bash scripts/setup.sh)")
    seal = sealed()
    loadlaw = place / "bin" / "loadlaw"
    loadlaw.parent.mkdir()
    shutil.copy2(built, loadlaw)
    written = run([*seal, loadlaw, "report", "ref.sweep.json", "ref.model.json",
                   *PLAN_FLAGS, "--out", "cli-report"], cwd=place / "work")
    assert written.split() == [f"cli-report/{n}" for n in
                               ("report.html", "report.md", "report.json")]
    assert_charts_drew(place / "work" / "cli-report")
