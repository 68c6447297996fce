"""The queueing bindings against closed forms and published values."""

import numpy as np
import pytest

import loadlaw


def test_erlang_c_mm3_is_four_ninths():
    q = loadlaw.mmc(arrival_rate=2, service_time=1, servers=3)
    assert q.wait_probability == pytest.approx(4 / 9, abs=1e-12)
    assert q.mean_wait == pytest.approx(4 / 9, abs=1e-12)
    assert q.wait_exceeds(0.0) == pytest.approx(4 / 9, abs=1e-12)
    assert loadlaw.erlang_c(3, 2.0) == pytest.approx(4 / 9, abs=1e-12)
    assert loadlaw.erlang_b(3, 2.0) == pytest.approx(4 / 19, abs=1e-12)


def test_saturated_system_raises_value_error():
    with pytest.raises(ValueError, match="saturat"):
        loadlaw.mmc(arrival_rate=3, service_time=1, servers=3)


def test_pollaczek_khinchine_reduction():
    q = loadlaw.allen_cunneen(0.8, 1.0, 1, arrival_scv=1.0, service_scv=2.0)
    assert q.mean_wait == pytest.approx(6.0, rel=1e-12)


def test_mva_lazowska_and_series():
    r = loadlaw.mva([0.605, 2.1, 1.35], think_time=15, users=3)
    np.testing.assert_allclose(r.queue_lengths, [0.0976, 0.3947, 0.2350],
                               atol=1e-3)
    series = loadlaw.mva_series([0.605, 2.1, 1.35], think_time=15, users=3)
    assert [s.users for s in series] == [1, 2, 3]
    assert series[-1].throughput == pytest.approx(r.throughput, rel=1e-12)


def test_flow_equivalent_of_min_n_c_is_erlang_c():
    # X(n) = min(n, 3) / S with S = 1: exactly M/M/3.
    fes = loadlaw.flow_equivalent([1.0, 2.0, 3.0], arrival_rate=2.0)
    assert fes.mean_wait == pytest.approx(4 / 9, abs=1e-9)
    assert isinstance(fes.state_probabilities, np.ndarray)


def test_servers_for_meets_the_target():
    c = loadlaw.servers_for(20, 0.5, max_wait=0.1)
    assert loadlaw.mmc(20, 0.5, c).mean_wait <= 0.1
    with pytest.raises(ValueError, match="target"):
        loadlaw.servers_for(20, 0.5)
    assert loadlaw.smallest_count(lambda k: k * k >= 50, 1, 100) == 8
