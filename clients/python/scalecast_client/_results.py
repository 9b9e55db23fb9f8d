"""Answers as plain Python (lists and dicts, as the REST API sends them) with ``records()`` rows for tables and
``to_pandas()`` when pandas is installed."""

from __future__ import annotations

from typing import Any, Dict, List


def _data_frame(records: List[Dict[str, Any]]) -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError("to_pandas() needs pandas (pip install pandas); records() gives the same rows as dicts") from None
    return pandas.DataFrame.from_records(records)


class Runs(list):
    """A sweep's runs, oldest first, as GET /api/v1/sweeps/{id}/runs answers them."""

    def records(self) -> List[Dict[str, Any]]:
        """One row a run: run_key, each scale and metric, seed, excluded (bool) and exclusion_reason."""
        rows = []
        for run in self:
            excluded = run.get("excluded")
            row = {"run_key": run["runKey"], **run["scales"], **run["metrics"], "seed": run.get("seed")}
            row.update(excluded=excluded is not None, exclusion_reason=excluded["reason"] if excluded else None)
            rows.append(row)
        return rows

    def to_pandas(self) -> Any:
        return _data_frame(self.records())


class Fit(dict):
    """A fit as GET /api/v1/sweeps/{id}/fit answers it (model, params, intervals, metrics, curve, summary, …),
    with ``status``: the fit's state ("current", or "refitting" while a newer fit is computed) and reason."""

    def __init__(self, fit: Dict[str, Any], status: Dict[str, Any]):
        super().__init__(fit)
        self.status = status

    def records(self) -> List[Dict[str, Any]]:
        """One row a parameter: param, value and, with bootstrap resamples, median, lower and upper."""
        intervals = self.get("intervals") or {}
        rows = []
        for name, value in self["params"].items():
            interval = intervals.get(name) or {}
            rows.append({"param": name, "value": value, "median": interval.get("median"), "lower": interval.get("lo"), "upper": interval.get("hi")})
        return rows

    def to_pandas(self) -> Any:
        return _data_frame(self.records())


class Forecast(dict):
    """A forecast as POST /api/v1/fits/{id}/forecast answers it: the frontier, each requested scale, the target."""

    def records(self) -> List[Dict[str, Any]]:
        """One row a requested scale: scale, value, lower and upper (the interval at `level`), level and method."""
        rows = []
        for point in self["at"]:
            interval = point.get("interval") or {}
            rows.append(
                {
                    "scale": point["scale"],
                    "value": point["value"],
                    "lower": interval.get("lower"),
                    "upper": interval.get("upper"),
                    "level": interval.get("level"),
                    "method": interval.get("method"),
                }
            )
        return rows

    def to_pandas(self) -> Any:
        return _data_frame(self.records())
