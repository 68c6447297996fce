"""Load tests from Python: run() one level, sweep() a calibration sweep.

Both release the GIL while the load runs and stop cleanly on Ctrl-C (or a
Jupyter interrupt): the run ends within a moment, a sweep keeps its finished
levels in its file, and KeyboardInterrupt is raised.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Optional, Sequence, Union

from loadlaw import _core

Duration = Union[float, str]
PathLike = Union[str, "os.PathLike[str]"]


def _load_options(target: Union[str, _core.LoadOptions],
                  load: dict) -> _core.LoadOptions:
    if isinstance(target, _core.LoadOptions):
        if load:
            raise ValueError(
                f"{sorted(load)[0]}: give load options either in LoadOptions "
                "or as keywords, not both")
        return target
    return _core.LoadOptions(target, **load)


def run(target: Union[str, _core.LoadOptions], *, concurrency: int = 0,
        rate: float = 0.0, duration: Optional[Duration] = None,
        requests: int = 0, warmup: Duration = 0.0,
        records: Optional[PathLike] = None, **load: Any) -> _core.RunResult:
    """Load-tests ``target`` at one level, as ``loadlaw run`` does.

    Give exactly one of ``concurrency`` (closed loop, virtual users) or
    ``rate`` (open loop, arrivals/s), and one of ``duration`` (seconds or
    '60s') or ``requests``. Other keywords are those of :class:`LoadOptions`
    (workload=, prompt_tokens=, max_tokens=, think_time=, slo_e2e=, ...), or
    pass a LoadOptions as ``target``. Returns a :class:`RunResult` whose
    fields are those of ``loadlaw run --json``.
    """
    options = _load_options(target, load)
    return _core._run(options, concurrency=concurrency, rate=rate,
                      duration=duration, requests=requests, warmup=warmup,
                      records=records)


def sweep(target: Union[str, _core.LoadOptions], *,
          levels: Sequence[int] = (), rates: Sequence[float] = (),
          auto: bool = False, out: PathLike,
          level_duration: Duration = "60s", warmup: Duration = "10s",
          max_concurrency: int = 256, min_gain: float = 0.10, refine: int = 2,
          max_extensions: int = 1, records: Optional[PathLike] = None,
          resume: bool = False, label: str = "",
          metrics: Sequence[str] = (), pid: int = 0, gpu: bool = True,
          scrape_metrics: bool = True, server_limit: int = 0,
          log: Optional[Callable[[str], Any]] = None,
          **load: Any) -> _core.SweepFile:
    """A calibration sweep of ``target``, as ``loadlaw sweep`` does.

    Closed loop over ``levels`` (users) or ``auto=True``; open loop over
    ``rates``. Each level has a ``warmup`` and a ``level_duration`` window;
    the sweep file ``out`` (its folder is created when missing) is rewritten
    after every level (``resume=True`` continues it). ``label`` is the hardware label, ``server_limit`` the
    server's concurrency limit; ``log`` (e.g. ``print``) gets one line per
    event. Other keywords are those of :class:`LoadOptions`.
    """
    options = _load_options(target, load)
    folder = os.path.dirname(os.fspath(out))
    if folder:
        os.makedirs(folder, exist_ok=True)
    return _core._sweep(
        options, levels=list(levels), rates=list(rates), auto_levels=auto,
        max_concurrency=max_concurrency, min_gain=min_gain, refine=refine,
        level_duration=level_duration, warmup=warmup,
        max_extensions=max_extensions, out=out, records=records,
        resume=resume, label=label, metrics=list(metrics), pid=pid, gpu=gpu,
        scrape_metrics=scrape_metrics, server_limit=server_limit, log=log)
