"""Scalecast's Python client: log training runs from a script or notebook, read fits and forecasts back.

Standard library only (pandas is used by ``to_pandas()`` when it is installed)::

    from scalecast_client import Client

    client = Client("http://scalecast:3000", "sc_...")
    sweep = client.sweep("Dense transformer", "Data sweep", axes=["D"], metric="loss")
    sweep.log(run_key="d1e9", D=1e9, loss=2.71)
    print(sweep.fit()["model"], sweep.forecast(at=1e11).records())
"""

from ._client import Client, Sweep
from ._http import ScalecastError, ServerUnavailable
from ._results import Fit, Forecast, Runs

__all__ = ["Client", "Sweep", "ScalecastError", "ServerUnavailable", "Fit", "Forecast", "Runs"]
__version__ = "0.1.0"
