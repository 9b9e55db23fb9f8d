/**
 * Cross-check of planUnderDataCap against an independent scipy computation (bench/data_cap_scipy.py, run
 * with python3) on the published C4 law: allocation, loss, loss with unlimited data, d(L*)/dU and the compute
 * worth 10B more unique tokens. Prints both and their relative differences, the time per plan, and the time
 * of one data-strategy match (uniqueTokensToMatch: what analysis.dataStrategies computes per query).
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PUBLISHED_DATA_CONSTRAINED_LAWS, planUnderDataCap, uniqueTokensToMatch } from "../src/index";

const here = dirname(fileURLToPath(import.meta.url));
const CASES = [
  { compute: 1e20, uniqueTokens: 5e9 },
  { compute: 1e21, uniqueTokens: 1e10 },
  { compute: 6 * 6.34e9 * 242e9, uniqueTokens: 25e9 },
  { compute: 1e22, uniqueTokens: 5e10 },
  { compute: 1e23, uniqueTokens: 1e11 },
  { compute: 1e24, uniqueTokens: 2e11 },
].map((c) => ({ ...c, extra: 1e10 }));

const WARM_ROUNDS = 20;

const rel = (a: number | null, b: number | null) => (a === null || b === null ? (a === b ? "0" : "n/a") : (Math.abs(a - b) / Math.abs(b)).toExponential(1));

export function benchDataCap(): void {
  const law = PUBLISHED_DATA_CONSTRAINED_LAWS["muennighoff-2023-c4"].params;
  const planAll = () => CASES.map((c) => planUnderDataCap(law, { compute: c.compute, uniqueTokens: c.uniqueTokens, extraUniqueTokens: c.extra }));
  let started = performance.now();
  const ours = planAll();
  const coldMs = (performance.now() - started) / CASES.length;
  started = performance.now();
  for (let i = 0; i < WARM_ROUNDS; i++) planAll();
  const warmMs = (performance.now() - started) / (WARM_ROUNDS * CASES.length);
  console.log(`\ndata-capped plan (muennighoff-2023-c4): ${coldMs.toFixed(2)} ms per plan cold, ${warmMs.toFixed(2)} ms warm (allocation + value of 10B more tokens)`);
  benchMatch(law);
  const out = spawnSync("python3", [join(here, "data_cap_scipy.py")], { input: JSON.stringify({ law, cases: CASES }), encoding: "utf8" });
  if (out.error || out.status !== 0) {
    console.log(`scipy cross-check skipped: ${out.error?.message ?? out.stderr.trim().split("\n").at(-1)}`);
    return;
  }
  const scipy = JSON.parse(out.stdout) as { n: number; epochs: number; loss: number; unlimitedLoss: number; lossPerUniqueToken: number; equivalentCompute: number | null }[];
  console.log("C        U        N ours     N scipy    rel     epochs  loss ours  rel      unlim rel  dL/dU ours  rel      ΔC(10B) ours  ΔC scipy   rel");
  ours.forEach((o, i) => {
    const s = scipy[i]!;
    console.log(
      [
        o.compute.toExponential(2), o.uniqueTokens.toExponential(1), o.capped.n.toExponential(4), s.n.toExponential(4), rel(o.capped.n, s.n),
        o.capped.epochs.toFixed(2).padStart(6), o.capped.loss.toFixed(6), rel(o.capped.loss, s.loss), rel(o.unlimited.loss, s.unlimitedLoss),
        o.marginal.lossPerUniqueToken.toExponential(3), rel(o.marginal.lossPerUniqueToken, s.lossPerUniqueToken),
        o.extraData.equivalentCompute?.toExponential(3) ?? "none", s.equivalentCompute?.toExponential(3) ?? "none", rel(o.extraData.equivalentCompute, s.equivalentCompute),
      ].join("  "),
    );
  });
}

/** uniqueTokensToMatch against the same law with data that repeats worse (R_D* 5) at each case, cold and warm. */
function benchMatch(law: (typeof PUBLISHED_DATA_CONSTRAINED_LAWS)["muennighoff-2023-c4"]["params"]): void {
  const worse = { ...law, RDstar: 5 };
  const matchAll = () => CASES.map((c) => uniqueTokensToMatch(law, worse, { compute: c.compute, uniqueTokens: c.uniqueTokens }));
  let started = performance.now();
  const matches = matchAll();
  const coldMs = (performance.now() - started) / CASES.length;
  started = performance.now();
  for (let i = 0; i < WARM_ROUNDS; i++) matchAll();
  const warmMs = (performance.now() - started) / (WARM_ROUNDS * CASES.length);
  const multipliers = matches.map((m) => (m.multiplier === null ? "none" : m.multiplier.toFixed(3))).join(", ");
  console.log(`data-strategy match (C4 law against R_D* 5): ${coldMs.toFixed(1)} ms per match cold, ${warmMs.toFixed(1)} ms warm; multipliers ${multipliers}`);
}
