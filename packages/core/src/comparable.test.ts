import { describe, expect, it } from "vitest";
import { COMPARABLE_PROBLEMS, comparabilityProblems, compareAxisOf, JOINT_COMPARE_AXIS } from "./comparable";

const loss = { metric: "loss", direction: "lower", axes: ["D"], model: "power-law" } as const;

describe("comparabilityProblems(a, b)", () => {
  it("finds nothing wrong with two fits of one metric, direction and axis (names case-insensitive)", () => {
    expect(comparabilityProblems(loss, { ...loss, metric: "Loss", axes: ["d"], model: "saturating-power-law" })).toEqual([]);
  });

  it("joint laws compare with each other on compute", () => {
    const joint = { ...loss, axes: ["N", "D"], model: "chinchilla" };
    expect(compareAxisOf(joint)).toBe(JOINT_COMPARE_AXIS);
    expect(comparabilityProblems(joint, { ...joint, model: "kaplan" })).toEqual([]);
  });

  it("names every difference: metric, direction, scale axis", () => {
    const accuracy = { metric: "accuracy", direction: "higher", axes: ["C"], model: "log-linear" } as const;
    expect(comparabilityProblems(loss, accuracy)).toEqual([
      COMPARABLE_PROBLEMS.metric("loss", "accuracy"),
      COMPARABLE_PROBLEMS.direction("lower", "higher"),
      COMPARABLE_PROBLEMS.axis("D", "C"),
    ]);
    expect(COMPARABLE_PROBLEMS.axis("D", "C")).toBe("they are on different scale axes (D and C)");
  });

  it("does not put a compute-axis sweep on the joint laws' compute axis", () => {
    const joint = { ...loss, axes: ["N", "D"], model: "chinchilla" };
    expect(comparabilityProblems({ ...loss, axes: ["C"] }, joint)).toEqual([COMPARABLE_PROBLEMS.axis("C", JOINT_COMPARE_AXIS)]);
  });
});
