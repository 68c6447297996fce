import pathlib

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def example():
    """Loads columns x and y of models/examples/NAME.csv as numpy arrays."""

    def load(name, x=0, y=1):
        lines = (ROOT / "models" / "examples" / f"{name}.csv").read_text()
        rows = [ln for ln in lines.splitlines() if ln and not ln.startswith("#")]
        data = np.array([[float(v) for v in r.split(",")] for r in rows[1:]])
        return data[:, x], data[:, y]

    return load
