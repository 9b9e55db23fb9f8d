"""The client against a running Scalecast server (packages/api/test/python-client.test.ts starts one on a real
database, with a control endpoint to stop and restart it: SCALECAST_URL, SCALECAST_TOKEN, SCALECAST_CONTROL)."""

import os
import tempfile
import unittest
import urllib.request
import uuid

from scalecast_client import Client, ScalecastError

URL = os.environ.get("SCALECAST_URL", "")
TOKEN = os.environ.get("SCALECAST_TOKEN", "")
CONTROL = os.environ.get("SCALECAST_CONTROL", "")


def control(action):
    """Stops, starts or restarts (stops, then starts again shortly after answering) the server under test."""
    with urllib.request.urlopen(f"{CONTROL}/{action}", timeout=30) as response:
        assert response.read() == b"ok"


def loss_at(tokens, index):
    """loss = 8·D^-0.12 with ±2 % deterministic noise: what a data sweep of one model size gives."""
    return 8 * tokens**-0.12 * (1 + 0.02 * ((index * 7919) % 11 - 5) / 5)


@unittest.skipUnless(URL and TOKEN and CONTROL, "needs a running server (run by npm test)")
class ClientTest(unittest.TestCase):
    def setUp(self):
        self.spool_path = os.path.join(tempfile.mkdtemp(), "spool.jsonl")
        self.client = Client(URL, TOKEN, batch_size=3, spool_path=self.spool_path, retries=6, backoff=0.2)
        self.name = f"sweep {uuid.uuid4().hex[:8]}"

    def log_runs(self, sweep, indices):
        for i in indices:
            tokens = 1e6 * 2**i
            sweep.log(run_key=f"d{i}", D=tokens, loss=loss_at(tokens, i), seed=0, tags={"git": "ab12f"})

    def test_creates_the_sweep_logs_in_batches_and_reads_fit_forecast_and_runs(self):
        sweep = self.client.sweep("Python client", self.name, axes=["D"], metric="loss")
        self.assertIsNotNone(sweep.id)
        self.log_runs(sweep, range(8))
        self.assertEqual(sweep.inserted, 6)  # two full batches of 3 sent; 2 runs still buffered
        runs = sweep.runs()  # sends the buffer first
        self.assertEqual(sweep.inserted, 8)
        self.assertEqual(sorted(r["runKey"] for r in runs), [f"d{i}" for i in range(8)])
        self.assertEqual(runs.records()[0], {"run_key": "d0", "D": 1e6, "loss": loss_at(1e6, 0), "seed": 0, "excluded": False, "exclusion_reason": None})

        fit = sweep.fit(model="power-law")  # a law no worker fits: asked for once, then read
        self.assertEqual((fit["model"], fit["pointCount"], fit.status), ("power-law", 8, {"state": "current", "reason": None}))
        default = sweep.fit()  # the default law: waits for the server's fit worker
        self.assertEqual((default["pointCount"], default.status["state"]), (8, "current"))
        self.assertEqual({row["param"] for row in fit.records()}, set(fit["params"]))
        forecast = sweep.forecast(at=[1e12, 1e13], model="power-law")
        [at12, at13] = forecast.records()
        self.assertEqual((at12["scale"], at13["scale"]), (1e12, 1e13))
        self.assertLess(abs(at12["value"] / (8 * 1e12**-0.12) - 1), 0.05)
        self.assertLess(at13["value"], at12["value"])

        # The same sweep named again is found, not created twice.
        again = self.client.sweep("Python client", self.name, axes=["D"], metric="loss")
        self.assertEqual(again.id, sweep.id)

    def test_to_pandas_gives_the_records_as_a_data_frame_or_says_it_needs_pandas(self):
        sweep = self.client.sweep("Python client", self.name, axes=["D"], metric="loss")
        self.log_runs(sweep, range(2))
        runs = sweep.runs()
        try:
            import pandas
        except ImportError:
            with self.assertRaisesRegex(ImportError, r"to_pandas\(\) needs pandas"):
                runs.to_pandas()
        else:
            self.assertEqual(runs.to_pandas().to_dict("records"), pandas.DataFrame.from_records(runs.records()).to_dict("records"))

    def test_retried_runs_are_reported_as_duplicates_never_doubled(self):
        sweep = self.client.sweep("Python client", self.name, axes=["D"], metric="loss")
        self.log_runs(sweep, range(4))
        sweep.flush()
        self.log_runs(sweep, range(4))  # a restarted job logs the same run keys again
        sweep.flush()
        self.assertEqual((sweep.inserted, sweep.duplicates), (4, 4))
        self.assertEqual(len(sweep.runs()), 4)

    def test_bad_runs_raise_naming_the_field_and_are_not_spooled(self):
        sweep = self.client.sweep("Python client", self.name, axes=["D"], metric="loss")
        with self.assertRaisesRegex(ValueError, "give the scale of axis D"):
            sweep.log(run_key="r", loss=1.0)
        sweep.log(run_key="negative", D=-5, loss=1.0)
        with self.assertRaises(ScalecastError) as refused:
            sweep.flush()
        self.assertEqual(refused.exception.status, 400)
        self.assertEqual(refused.exception.issues[0]["path"], "runs.0.scales.D")
        self.assertFalse(os.path.exists(self.spool_path))
        with self.assertRaises(ScalecastError) as conflict:
            self.client.sweep("Python client", self.name, axes=["N"], metric="loss")
        self.assertEqual((conflict.exception.status, conflict.exception.issues[0]["path"]), (409, "axes"))

    def test_spools_while_the_server_is_down_and_sync_sends_it_later(self):
        control("stop")
        try:
            with self.assertWarnsRegex(UserWarning, "runs are spooled"):
                sweep = self.client.sweep("Python client", self.name, axes=["D"], metric="loss")
            self.assertIsNone(sweep.id)
            self.log_runs(sweep, range(7))
            self.client.close()
            self.assertEqual((sweep.inserted, sweep.spooled), (0, 7))
            self.assertEqual(self.client.sync()["pending"], 3)  # still down: nothing lost, nothing sent
        finally:
            control("start")
        self.assertEqual(self.client.sync(), {"batches": 3, "inserted": 7, "duplicates": 0, "pending": 0})
        self.assertFalse(os.path.exists(self.spool_path))
        self.assertEqual(len(sweep.runs()), 7)
        # Syncing again sends nothing twice.
        self.assertEqual(self.client.sync(), {"batches": 0, "inserted": 0, "duplicates": 0, "pending": 0})

    def test_a_server_restart_mid_log_loses_and_doubles_nothing(self):
        sweep = self.client.sweep("Python client", self.name, axes=["D"], metric="loss")
        self.log_runs(sweep, range(6))
        control("restart")  # the server goes away and comes back while the job keeps logging
        self.log_runs(sweep, range(6, 12))
        self.client.close()
        self.client.sync()
        self.assertEqual(sorted(int(r["runKey"][1:]) for r in sweep.runs()), list(range(12)))
        self.assertEqual(self.client.sync()["pending"], 0)


if __name__ == "__main__":
    unittest.main()
