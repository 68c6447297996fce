"""The notebooks: committed without outputs, and each runs top to bottom in
a real Jupyter kernel (this venv's python3) without a failing cell."""

import json
import pathlib
import sys

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_the_three_notebooks():
    assert [p.name for p in NOTEBOOKS] == [
        "01_calibrate.ipynb", "02_forecast_and_slos.ipynb", "03_tco.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.fixture
def kernel(tmp_path, monkeypatch):
    """A kernelspec running this interpreter (the venv's), found first: a
    user's own python3 kernel elsewhere cannot shadow it."""
    spec = tmp_path / "kernels" / "loadlaw-venv"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f",
                 "{connection_file}"],
        "display_name": "loadlaw (.venv)", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    return "loadlaw-venv"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, kernel):
    nb = nbformat.read(path, as_version=4)
    # Runs where the notebook lives (relative paths as a user has them);
    # the notebooks write only under runs/ and reports/ (git-ignored).
    client = NotebookClient(nb, timeout=120, kernel_name=kernel,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError naming the failing cell
