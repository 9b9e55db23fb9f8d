"""scipy's side of the CLI benchmark (bench-only; never a runtime dependency).

`python3 chinchilla_fit_scipy.py FILE.csv` does what `scalecast fit FILE.csv --model chinchilla --json` does:
reads the columns n, d, y of the CSV and fits the Chinchilla law, here exactly as the core benchmark's scipy
reference does (packages/core/bench/chinchilla_scipy.py: Epoch's 4,500-start L-BFGS-B grid on the summed
Huber (delta = 1e-3) of the log-space LSE residuals), and prints the same JSON object. bench/run.ts times it
as a whole process, interpreter start and imports included, as it times the CLI.
"""
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "packages" / "core" / "bench"))
from chinchilla_scipy import fit  # noqa: E402


def main() -> None:
    with open(sys.argv[1], newline="") as f:
        rows = list(csv.DictReader(f))
    json.dump(fit(*([float(r[column]) for r in rows] for column in ("n", "d", "y"))), sys.stdout)


if __name__ == "__main__":
    main()
