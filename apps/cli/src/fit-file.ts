/** Read a file, pick the model's columns, fit (with an optional bootstrap): the step every command shares. */
import {
  bootstrapModel,
  fitModel,
  getModel,
  type FitResult,
  type ModelBootstrap,
  type Observation,
} from "@scalecast/core";
import { observationsFor } from "./dataset";
import type { CommonOptions } from "./options";
import { progressBar } from "./progress";
import { readTable, type Table } from "./read-table";

export interface FittedFile {
  file: string;
  model: string;
  rows: Observation[];
  fit: FitResult;
  boot?: ModelBootstrap;
}

export function fitFile(file: string, model: string, o: CommonOptions): FittedFile {
  getModel(model); // unknown model: fail before reading the file
  return fitTable(readTable(file), model, o);
}

/** fitFile on a table already read. */
export function fitTable(table: Table, model: string, o: CommonOptions): FittedFile {
  const file = table.file;
  const rows = observationsFor(model, table, o);
  const fitOptions = { direction: o.direction, ...(o.breaks === undefined ? {} : { breaks: o.breaks }) };
  if (o.bootstrap === undefined) return { file, model, rows, fit: fitModel(model, rows, fitOptions) };
  const bar = progressBar(!o.json, `bootstrap ${file}`);
  try {
    const boot = bootstrapModel(model, rows, {
      resamples: o.bootstrap,
      seed: o.seed,
      level: o.level,
      fitOptions,
      onProgress: bar.onProgress,
    });
    return { file, model, rows, fit: boot.fit, boot };
  } finally {
    bar.stop();
  }
}
