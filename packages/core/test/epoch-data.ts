/**
 * Epoch AI's Chinchilla data (Besiroglu et al. 2024) as the joint fits read it, with Epoch's preprocessing:
 * D = C/(6N) from the training FLOP C, and the 5 largest losses dropped, which leaves 240 rows. One loader
 * for the golden tests and the benchmark, so that both fit exactly the same points.
 * Needs the published anchors (check `anchorsPresent` from ./anchors first).
 */
import type { JointPoint } from "../src/types";
import { readAnchorCsv } from "./anchors";

export function epochChinchillaPoints(): JointPoint[] {
  const rows = readAnchorCsv("epoch_chinchilla_svg_extracted.csv").map((r) => ({
    n: Number(r["Model Size"]),
    c: Number(r["Training FLOP"]),
    y: Number(r.loss),
  }));
  const cut = rows.map((r) => r.y).sort((a, b) => a - b)[rows.length - 5]!;
  return rows.filter((r) => r.y < cut).map((r) => ({ n: r.n, d: r.c / (6 * r.n), y: r.y }));
}
