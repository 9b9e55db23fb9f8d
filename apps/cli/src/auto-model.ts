/**
 * `--model auto` for fit and predict: rank every model the file's columns allow (core's selectModel:
 * held-out error on the largest scales, then AIC/BIC) and use rank 1; when rank 1 cannot be used (it could
 * not be fitted, or its fit is degenerate) core's chooseModel takes the next usable law and says why.
 */
import { chooseModel, describeChoice, selectModel, type ModelChoice, type ModelScore } from "@scalecast/core";
import { observationsWithAllAxes } from "./dataset";
import { fitFile, fitTable, type FittedFile } from "./fit-file";
import type { CommonOptions } from "./options";
import { formatNumber, formatTable } from "./output";
import { readTable, type Table } from "./read-table";

export const AUTO = "auto";

export interface AutoSelection {
  ranking: ModelScore[];
  choice: ModelChoice;
}

/** The ranking of the table's candidate laws and the law to use. Throws when no law could be fitted. */
export function chooseForTable(table: Table, o: CommonOptions): AutoSelection {
  const rows = observationsWithAllAxes(table, o);
  const ranking = selectModel(rows, { direction: o.direction, fitOptions: o.breaks === undefined ? {} : { bnsl: { breaks: o.breaks } } });
  return { ranking, choice: chooseModel(ranking) };
}

/** Fits `model` to the file; with `auto`, the law model selection chooses (the file is read once for both). */
export function fitNamedOrChosen(file: string, model: string, o: CommonOptions): { fitted: FittedFile; selection?: AutoSelection } {
  if (model !== AUTO) return { fitted: fitFile(file, model, o) };
  const table = readTable(file);
  const selection = chooseForTable(table, o);
  return { fitted: fitTable(table, selection.choice.model, o), selection };
}

/** The ranking as `--json` prints it (without each candidate's full fit). */
export function selectionReport(ranking: ModelScore[]) {
  return ranking.map(({ rank, model, heldOutError, errorSpace, aic, bic, k, fit, error, degenerate }) => ({
    rank,
    model,
    heldOutError: heldOutError ?? null,
    errorSpace,
    aic: aic ?? null,
    bic: bic ?? null,
    k,
    converged: fit?.converged ?? false,
    degenerate,
    ...(error === undefined ? {} : { error }),
  }));
}

/** The ranking table, the chosen law starred, and the line saying which law is used and why. */
export function selectionText({ ranking, choice }: AutoSelection): string {
  const rows = ranking.map((s) => [
    `${s.rank}${s.model === choice.model ? " *" : ""}`,
    s.model,
    s.heldOutError === undefined ? "-" : formatNumber(s.heldOutError),
    s.aic === undefined ? "-" : formatNumber(s.aic),
    s.fit ? (s.fit.converged ? "yes" : "no") : "-",
    s.error ?? (s.degenerate.length > 0 ? `degenerate: ${s.degenerate.join("; ")}` : ""),
  ]);
  const space = ranking[0]?.errorSpace === "log" ? "rms ln(ŷ/y)" : "rms ŷ − y";
  return [
    `model selection (held-out error on the largest scales, ${space}; ties by AIC):`,
    formatTable(["rank", "model", "held-out", "AIC", "converged", "note"], rows),
    describeChoice(choice),
  ].join("\n");
}
