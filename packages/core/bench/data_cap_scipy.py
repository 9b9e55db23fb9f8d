"""Independent scipy computation of the data-capped plan (bench-only; never a runtime dependency).

For each case, from the data-constrained law of Muennighoff et al. 2023 written out here from the datablations
README: the N minimising L(N, D = C/(6N), U) (scipy minimize_scalar, bounded, in ln N, after a coarse scan),
the unlimited-data optimum (Chinchilla closed form), d L*/dU by a central difference of the re-optimised loss,
and the extra compute that reaches L*(C, U + dU) with U unique tokens (scipy brentq in ln C).

Reads {"law": {E, A, B, alpha, beta, RDstar, RNstar}, "cases": [{"compute", "uniqueTokens", "extra"}]} as JSON
on stdin; prints a JSON list with one result per case.
"""
import json
import sys

import numpy as np
from scipy.optimize import brentq, minimize_scalar


def main() -> None:
    data = json.load(sys.stdin)
    p = data["law"]
    E, A, B, al, be, rds, rns = (p[k] for k in ("E", "A", "B", "alpha", "beta", "RDstar", "RNstar"))
    G = (al * A / (be * B)) ** (1 / (al + be))

    def loss(n, d, u):
        u = min(u, d)
        r_d = max(d / u - 1, 0.0)
        u_n = min(n, G ** ((al + be) / al) * u ** (be / al))
        r_n = max(n / u_n - 1, 0.0)
        n_eff = u_n + u_n * rns * (1 - np.exp(-r_n / rns))
        d_eff = u + u * rds * (1 - np.exp(-r_d / rds))
        return E + A / n_eff**al + B / d_eff**be

    def optimum(c, u):
        f = lambda x: loss(np.exp(x), c / (6 * np.exp(x)), u)
        n_free = G * (c / 6) ** (be / (al + be))
        xs = np.linspace(np.log(n_free) - 14, np.log(n_free) + 14, 400)
        i = int(np.argmin([f(x) for x in xs]))
        r = minimize_scalar(f, bounds=(xs[max(i - 1, 0)], xs[min(i + 1, len(xs) - 1)]), method="bounded", options={"xatol": 1e-12})
        return float(np.exp(r.x)), float(r.fun)

    out = []
    for case in data["cases"]:
        c, u, extra = (float(case[k]) for k in ("compute", "uniqueTokens", "extra"))
        n, l_cap = optimum(c, u)
        n_free = G * (c / 6) ** (be / (al + be))
        d_free = c / (6 * n_free)
        h = 1e-3 * u
        dl_du = (optimum(c, u + h)[1] - optimum(c, u - h)[1]) / (2 * h)
        target = optimum(c, u + extra)[1]
        g = lambda lnc: optimum(np.exp(lnc), u)[1] - target
        try:
            c_eq = float(np.exp(brentq(g, np.log(c), np.log(c) + 40, xtol=1e-12)))
            equivalent = c_eq - c
        except ValueError:
            equivalent = None
        out.append({
            "compute": c, "uniqueTokens": u, "n": n, "d": c / (6 * n), "epochs": c / (6 * n) / u, "loss": l_cap,
            "unlimitedN": n_free, "unlimitedLoss": float(E + A / n_free**al + B / d_free**be),
            "lossPerUniqueToken": dl_du, "extraLoss": target, "equivalentCompute": equivalent,
        })
    print(json.dumps(out))


if __name__ == "__main__":
    main()
