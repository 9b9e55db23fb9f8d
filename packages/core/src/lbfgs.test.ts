import { describe, expect, it } from "vitest";
import { LBFGS_DEFAULTS, minimizeLbfgs, resolveLbfgsOptions, type ObjectiveWithGradient } from "./lbfgs";

const rosenbrock: ObjectiveWithGradient = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i]!;
    const b = x[i + 1]!;
    f += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    g[i]! += -400 * a * (b - a * a) - 2 * (1 - a);
    g[i + 1]! += 200 * (b - a * a);
  }
  return f;
};

/** f = Σ c_i (x_i − t_i)², an ill-conditioned separable quadratic with known minimiser t. */
function quadratic(c: number[], t: number[]): ObjectiveWithGradient {
  return (x, g) => {
    let f = 0;
    for (let i = 0; i < x.length; i++) {
      const r = x[i]! - t[i]!;
      f += c[i]! * r * r;
      g[i] = 2 * c[i]! * r;
    }
    return f;
  };
}

/** Beale's function: minimum 0 at (3, 0.5). */
const beale: ObjectiveWithGradient = (x, g) => {
  const [a, b] = [x[0]!, x[1]!];
  const t1 = 1.5 - a + a * b;
  const t2 = 2.25 - a + a * b * b;
  const t3 = 2.625 - a + a * b ** 3;
  g[0] = 2 * t1 * (b - 1) + 2 * t2 * (b * b - 1) + 2 * t3 * (b ** 3 - 1);
  g[1] = 2 * t1 * a + 2 * t2 * 2 * a * b + 2 * t3 * 3 * a * b * b;
  return t1 * t1 + t2 * t2 + t3 * t3;
};

describe("minimizeLbfgs(fg, x0) on problems with known minima (unbounded, strong Wolfe)", () => {
  const tight = { gradientTolerance: 1e-9, functionTolerance: 0 };
  it.each([
    { name: "2-D Rosenbrock from (−1.2, 1)", fg: rosenbrock, x0: [-1.2, 1], xStar: [1, 1], tol: 1e-6 },
    { name: "10-D Rosenbrock from 0", fg: rosenbrock, x0: new Array(10).fill(0), xStar: new Array(10).fill(1), tol: 1e-6 },
    {
      name: "quadratic with condition number 1e6",
      fg: quadratic([1, 10, 1e3, 1e6], [3, -2, 0.5, 7]),
      x0: [0, 0, 0, 0],
      xStar: [3, -2, 0.5, 7],
      tol: 1e-7,
    },
    { name: "Beale from (1, 1)", fg: beale, x0: [1, 1], xStar: [3, 0.5], tol: 1e-6 },
  ])("$name", ({ fg, x0, xStar, tol }) => {
    const r = minimizeLbfgs(fg, x0, tight);
    expect(r.converged).toBe(true);
    expect(r.message).toMatch(/^converged/);
    r.x.forEach((v, i) => expect(Math.abs(v - xStar[i]!)).toBeLessThan(tol));
    expect(r.f).toBeLessThan(1e-10);
    expect(r.evaluations).toBeGreaterThanOrEqual(r.iterations);
  });

  it("stops on the relative reduction of f with scipy's default tolerances", () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-3);
  });

  it("returns its best point with converged: false when it runs out of iterations", () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIterations: 5 });
    expect(r.converged).toBe(false);
    expect(r.message).toBe("stopped after the maximum of 5 iterations");
    expect(r.iterations).toBe(5);
    expect(r.f).toBeLessThan(24.2); // f(−1.2, 1) = 24.2
    expect(Number.isFinite(r.f)).toBe(true);
  });

  it("returns converged: false when it runs out of evaluations", () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxEvaluations: 4 });
    expect(r.converged).toBe(false);
    expect(r.message).toBe("stopped after the maximum of 4 evaluations");
  });

  it("backs off from steps where the objective is not finite", () => {
    // f = x − log(x) is undefined for x ≤ 0; minimum at x = 1. A unit step from x = 0.1 overshoots into
    // the region where log gives NaN/−Infinity on its way down.
    const fg: ObjectiveWithGradient = (x, g) => {
      const v = x[0]!;
      g[0] = 1 - 1 / v;
      return v <= 0 ? NaN : v - Math.log(v);
    };
    const r = minimizeLbfgs(fg, [5], { gradientTolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-6);
  });
});

describe("minimizeLbfgs(fg, x0, {lower, upper}) (projected L-BFGS)", () => {
  it.each([
    {
      name: "quadratic whose minimum lies outside the box ends on the bounds",
      fg: quadratic([1, 100, 1], [3, -2, 0.5]),
      x0: [0, 0, 0],
      lower: [-1, -1, -1],
      upper: [1, 1, 1],
      xStar: [1, -1, 0.5],
    },
    {
      name: "Rosenbrock with x ≤ 0.5 (known constrained optimum x = 0.5, y = 0.25)",
      fg: rosenbrock,
      x0: [-1.2, 1],
      lower: [-Infinity, -Infinity],
      upper: [0.5, Infinity],
      xStar: [0.5, 0.25],
    },
    {
      name: "Rosenbrock with a box that contains the optimum",
      fg: rosenbrock,
      x0: [-1.2, 1],
      lower: [-2, -2],
      upper: [2, 2],
      xStar: [1, 1],
    },
  ])("$name", ({ fg, x0, lower, upper, xStar }) => {
    const r = minimizeLbfgs(fg, x0, { lower, upper, gradientTolerance: 1e-9, functionTolerance: 0 });
    expect(r.converged).toBe(true);
    r.x.forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(lower[i]!);
      expect(v).toBeLessThanOrEqual(upper[i]!);
      expect(Math.abs(v - xStar[i]!)).toBeLessThan(1e-5);
    });
  });

  it("projects a starting point outside the box before evaluating", () => {
    const seen: number[] = [];
    const fg: ObjectiveWithGradient = (x, g) => {
      seen.push(x[0]!);
      return quadratic([1], [0])(x, g);
    };
    const r = minimizeLbfgs(fg, [10], { lower: [2], upper: [5] });
    expect(seen[0]).toBe(5);
    expect(r.x[0]).toBe(2);
    expect(r.converged).toBe(true);
  });
});

describe("resolveLbfgsOptions(options) and minimizeLbfgs errors", () => {
  it("documents scipy's defaults", () => {
    expect(resolveLbfgsOptions()).toEqual({ ...LBFGS_DEFAULTS });
    expect(LBFGS_DEFAULTS.functionTolerance).toBeCloseTo(2.220446e-9, 14);
    expect(LBFGS_DEFAULTS.gradientTolerance).toBe(1e-5);
    expect(LBFGS_DEFAULTS.memory).toBe(10);
  });
  it.each([
    [{ memory: 0 }, "lbfgs option memory must be a positive integer, got 0"],
    [{ maxIterations: 2.5 }, "lbfgs option maxIterations must be a positive integer, got 2.5"],
    [{ maxEvaluations: -1 }, "lbfgs option maxEvaluations must be a positive integer, got -1"],
    [{ maxLineSearchSteps: 0 }, "lbfgs option maxLineSearchSteps must be a positive integer, got 0"],
    [{ gradientTolerance: -1 }, "lbfgs option gradientTolerance must be a finite number ≥ 0, got -1"],
    [{ functionTolerance: NaN }, "lbfgs option functionTolerance must be a finite number ≥ 0, got NaN"],
    [{ c1: 0.95, c2: 0.9 }, "lbfgs line search needs 0 < c1 < c2 < 1, got c1 = 0.95, c2 = 0.9"],
  ])("rejects %o", (opts, message) => {
    expect(() => minimizeLbfgs(rosenbrock, [0, 0], opts)).toThrow(new Error(message));
  });
  it("rejects bounds of the wrong length", () => {
    expect(() => minimizeLbfgs(rosenbrock, [0, 0], { lower: [0] })).toThrow(
      new Error("lbfgs option lower has 1 entries but x0 has 2"),
    );
  });
  it("rejects empty bounds", () => {
    expect(() => minimizeLbfgs(rosenbrock, [0, 0], { lower: [0, 3], upper: [1, 2] })).toThrow(
      new Error("lbfgs bounds are empty for variable 2: lower 3 > upper 2"),
    );
  });
  it("rejects an empty or non-finite starting point", () => {
    expect(() => minimizeLbfgs(rosenbrock, [])).toThrow(
      new Error("lbfgs needs at least one variable, got an empty starting point"),
    );
    expect(() => minimizeLbfgs(rosenbrock, [0, Infinity])).toThrow(
      new Error("lbfgs starting point must be finite: x0[1] = Infinity"),
    );
  });
  it("rejects a start where the objective or its gradient is not finite", () => {
    expect(() => minimizeLbfgs(() => NaN, [0])).toThrow(
      new Error("lbfgs objective is not finite at the starting point (f = NaN)"),
    );
    expect(() =>
      minimizeLbfgs((_x, g) => {
        g[0] = Infinity;
        return 1;
      }, [0]),
    ).toThrow(new Error("lbfgs gradient is not finite at the starting point (component 1)"));
  });
});
