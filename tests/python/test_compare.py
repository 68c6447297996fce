"""loadlaw.compare(): sweeps and models, from objects or paths, as the CLI."""

import json

import pytest

import loadlaw
from conftest import ROOT, run_cli

REF = ROOT / "models" / "reference"
SWEEP = REF / "llama-server-smollm2.sweep.json"
MODEL = REF / "llama-server-smollm2.model.json"


def test_a_sweep_against_itself_passes_as_the_cli_says():
    c = loadlaw.compare(SWEEP, loadlaw.load_sweep(SWEEP))
    assert isinstance(c, loadlaw.SweepComparison)
    assert c.verdict == "pass" and not c.regression
    assert len(c.levels) == 7
    metrics = [m.metric for m in c.levels[0].changes]
    assert metrics[0] == "requests_per_s" and metrics[-1] == "error_rate"
    cli = run_cli("compare", SWEEP, SWEEP, "--json")
    ours = c.to_dict()
    for key in ("verdict", "worst", "levels", "interval_confidence"):
        assert ours[key] == cli[key], key


def test_failures_in_the_candidate_are_a_regression(tmp_path):
    doc = json.loads(SWEEP.read_text())
    for level in doc["levels"]:
        requests = level["summary"]["requests"]
        requests["failed"] = requests["finished"] // 4  # a quarter failing
        requests["completed"] = requests["finished"] - requests["failed"]
    candidate = tmp_path / "failing.sweep.json"
    candidate.write_text(json.dumps(doc))
    c = loadlaw.compare(SWEEP, candidate)
    assert c.regression
    assert c.worst.startswith("error_rate at ")
    loose = loadlaw.compare(SWEEP, candidate, max_error_increase=0.5)
    assert all(m.status != "regression" for level in loose.levels
               for m in level.changes if m.metric == "error_rate")


def test_models_compare_too():
    c = loadlaw.compare(MODEL, loadlaw.load_model(MODEL))
    assert isinstance(c, loadlaw.ModelComparison)
    assert c.verdict == "pass" and not c.regression
    assert c.to_dict()["kind"] == "model"


@pytest.mark.parametrize("baseline, candidate, says", [
    (SWEEP, MODEL, "is a sweep but candidate is a capacity model"),
    (ROOT / "models" / "pricing.json", SWEEP, "neither a sweep"),
])
def test_mismatched_or_unknown_files_raise_value_error(baseline, candidate,
                                                       says):
    with pytest.raises(ValueError, match=says):
        loadlaw.compare(baseline, candidate)


def test_bad_thresholds_name_the_field():
    with pytest.raises(ValueError, match="max_error_rate_increase"):
        loadlaw.compare(SWEEP, SWEEP, max_error_increase=2)
