"""Client and Sweep: name a sweep (created when the team lacks it), log runs in batches, read fits back."""

from __future__ import annotations

import os
import time
import urllib.parse
import warnings
from typing import Any, Dict, List, Optional, Sequence, Union

from ._http import Http, ScalecastError, ServerUnavailable
from ._results import Fit, Forecast, Runs
from ._spool import Spool

DEFAULT_SPOOL = os.path.join(os.path.expanduser("~"), ".scalecast", "spool.jsonl")
#: How often Sweep.fit asks again while the server's fit workers compute the fit.
FIT_POLL_SECONDS = 0.5


def _quote(segment: str) -> str:
    return urllib.parse.quote(segment, safe="")


class Client:
    """A connection to a Scalecast server with an API token (its team is where sweeps are found and created).

    ``url`` and ``token`` default to the SCALECAST_URL and SCALECAST_TOKEN environment variables. Runs are sent
    ``batch_size`` at a time; a request without an answer is retried ``retries`` times (waiting ``backoff``
    seconds, doubling), and a batch the server still cannot take is appended to ``spool_path`` (default
    SCALECAST_SPOOL, else ~/.scalecast/spool.jsonl) for ``sync()`` to send later. Use it as a context manager,
    or call ``close()``, so the last partial batch is sent.
    """

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        *,
        team: Optional[str] = None,
        batch_size: int = 500,
        spool_path: Optional[str] = None,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 0.5,
    ):
        url = url or os.environ.get("SCALECAST_URL")
        token = token or os.environ.get("SCALECAST_TOKEN")
        if not url or not token:
            raise ValueError("give the server's url and an API token (or set SCALECAST_URL and SCALECAST_TOKEN)")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.team = team
        self.batch_size = batch_size
        self.http = Http(url, token, timeout, retries, backoff)
        self.spool = Spool(spool_path or os.environ.get("SCALECAST_SPOOL") or DEFAULT_SPOOL)
        self._sweeps: List[Sweep] = []

    def sweep(self, methodology: str, sweep: str, *, axes: Sequence[str], metric: str, direction: str = "lower", **options: Any) -> "Sweep":
        """The sweep of that name in the token's team, created (with its methodology) when missing.

        An existing sweep must have the same axes, metric and direction (else ScalecastError 409). ``options``
        are sweep.create's other fields: pinnedModel, targetScale, metricBounded. When the server cannot be
        reached the sweep is created with the first batch that gets through (logging goes on meanwhile).
        """
        handle = Sweep(self, methodology, sweep, {"axes": list(axes), "metric": metric, "direction": direction, **options})
        try:
            handle.ensure()
        except ServerUnavailable as error:
            warnings.warn(f"scalecast: {error}; runs are spooled to {self.spool.path} until client.sync()", stacklevel=2)
        self._sweeps.append(handle)
        return handle

    def sync(self) -> Dict[str, int]:
        """Sends every open sweep's buffered runs, then every spooled batch, oldest first.

        Returns {"batches", "inserted", "duplicates", "pending"}: ``pending`` batches stay spooled when the server
        is still unreachable. Run keys make this safe to repeat: a run already stored comes back as a duplicate.
        """
        self.close()
        entries = self.spool.entries()
        done = {"batches": 0, "inserted": 0, "duplicates": 0}
        kept: List[Dict[str, Any]] = []
        for index, entry in enumerate(entries):
            if entry["url"] != self.http.url:
                kept.append(entry)
                continue
            try:
                result = self.http.request("POST", "/api/v1/runs", entry["body"])
            except ServerUnavailable:
                break
            # A refused batch (ScalecastError: bad rows, a revoked token) stays spooled and is raised.
            self.spool.replace(kept + entries[index + 1 :])
            done["batches"] += 1
            done["inserted"] += result["inserted"]
            done["duplicates"] += result["duplicates"]
        return {**done, "pending": len(self.spool.entries())}

    def close(self) -> None:
        """Sends every open sweep's buffered runs (spooling them when the server cannot be reached)."""
        for handle in self._sweeps:
            handle.flush()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class Sweep:
    """A sweep named by methodology and name, as ``Client.sweep`` returns it.

    ``log`` buffers runs and sends them ``batch_size`` at a time; ``flush`` sends the rest. ``inserted``,
    ``duplicates`` and ``spooled`` count the runs the server stored, already had, and that wait in the spool.
    """

    def __init__(self, client: Client, methodology: str, name: str, spec: Dict[str, Any]):
        self.client = client
        self.methodology = methodology
        self.name = name
        self.spec = spec
        self.id: Optional[str] = None
        self.inserted = 0
        self.duplicates = 0
        self.spooled = 0
        self._buffer: List[Dict[str, Any]] = []

    @property
    def axes(self) -> List[str]:
        return self.spec["axes"]

    @property
    def metric(self) -> str:
        return self.spec["metric"]

    def ensure(self) -> str:
        """Creates the sweep unless it exists (PUT); returns its id."""
        body = dict(self.spec, **({"team": self.client.team} if self.client.team else {}))
        path = f"/api/v1/methodologies/{_quote(self.methodology)}/sweeps/{_quote(self.name)}"
        self.id = self.client.http.request("PUT", path, body)["id"]
        return self.id

    def log(self, run_key: str, *, seed: Optional[int] = None, tags: Optional[Dict[str, str]] = None, **values: float) -> None:
        """Buffers one run: keyword arguments named like the sweep's axes are its scales, the others metrics.

        The run key identifies the run within the sweep: logging it again (a restarted job) is reported as a
        duplicate and stores nothing twice.
        """
        missing = [axis for axis in self.axes if axis not in values]
        if missing:
            raise ValueError(f"run {run_key!r}: give the scale of axis {', '.join(missing)} (sweep {self.name!r} has axes {', '.join(self.axes)})")
        if self.metric not in values:
            raise ValueError(f"run {run_key!r}: give the metric {self.metric!r}")
        run: Dict[str, Any] = {
            "runKey": run_key,
            "scales": {k: float(v) for k, v in values.items() if k in self.axes},
            "metrics": {k: float(v) for k, v in values.items() if k not in self.axes},
        }
        if seed is not None:
            run["seed"] = int(seed)
        if tags:
            run["tags"] = {str(k): str(v) for k, v in tags.items()}
        self._buffer.append(run)
        if len(self._buffer) >= self.client.batch_size:
            self.flush()

    def flush(self) -> None:
        """Sends the buffered runs in one request; spools them when the server cannot be reached.

        Bad rows raise ScalecastError (400, ``issues`` naming each row and field) and are not spooled.
        """
        if not self._buffer:
            return
        batch, self._buffer = self._buffer, []
        body: Dict[str, Any] = {"methodology": self.methodology, "sweep": self.name, "create": self.spec, "runs": batch}
        if self.client.team:
            body["team"] = self.client.team
        try:
            result = self.client.http.request("POST", "/api/v1/runs", body)
        except ServerUnavailable:
            self.client.spool.append({"url": self.client.http.url, "body": body})
            self.spooled += len(batch)
            return
        self.id = result["sweepId"]
        self.inserted += result["inserted"]
        self.duplicates += result["duplicates"]

    def _read(self, method: str, path: str, body: Any = None, query: Optional[Dict[str, Any]] = None) -> Any:
        """A read of this sweep: buffered runs are sent first, so the answer includes them."""
        self.flush()
        sweep_id = self.id or self.ensure()
        return self.client.http.request(method, f"/api/v1/sweeps/{_quote(sweep_id)}{path}", body, query)

    def runs(self) -> Runs:
        """The sweep's runs, oldest first, with who excluded which from fits and why."""
        return Runs(self._read("GET", "/runs"))

    def fit(self, model: Optional[str] = None, metric: Optional[str] = None, *, wait: float = 120.0) -> Fit:
        """The fit of the sweep's current runs by ``model`` (default: the pinned law, else model selection's choice).

        The server's fit workers compute fits after runs arrive, so this waits up to ``wait`` seconds for the
        fit of the current runs; ``fit.status`` then says "current", or "refitting" (the previous fit, when the
        wait ran out first). A ``model`` no worker fits is asked for once (the server fits it in that request).
        Raises ScalecastError when the runs cannot be fitted (with the reason) or no fit came within ``wait``.
        """
        deadline = time.monotonic() + wait
        query = {"model": model, "metric": metric}
        asked = False
        while True:
            answer = self._read("GET", "/fit", query=query)
            status = answer["fitStatus"]
            if status["state"] == "failed":
                raise ScalecastError(None, "FIT_FAILED", status["reason"])
            if status["state"] == "current" or (answer["fit"] is not None and time.monotonic() >= deadline):
                return Fit(answer["fit"], status=status)
            if time.monotonic() >= deadline:
                raise ScalecastError(None, "NOT_FITTED", f"no fit of sweep {self.name!r} within {wait:g} s (its fit is {status['state']})")
            if model is not None and answer["fit"] is None and not asked:
                asked = True
                self._read("POST", "/fits", {k: v for k, v in query.items() if v is not None})
                continue
            time.sleep(FIT_POLL_SECONDS)

    def forecast(
        self,
        at: Union[float, Sequence[float], None] = None,
        *,
        target: Optional[float] = None,
        level: Optional[float] = None,
        model: Optional[str] = None,
    ) -> Forecast:
        """The score the latest fit (of ``model``) predicts at scale(s) ``at``, or the scale reaching ``target``."""
        fit = self.fit(model)
        body = {k: v for k, v in {"at": at if at is None or isinstance(at, (int, float)) else list(at), "target": target, "level": level}.items() if v is not None}
        return Forecast(self.client.http.request("POST", f"/api/v1/fits/{_quote(fit['id'])}/forecast", body))
