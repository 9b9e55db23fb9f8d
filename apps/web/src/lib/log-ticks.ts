/**
 * Ticks for a log axis: every decade labelled (thinned to every 2nd/3rd decade when there are many), the
 * 2…9 multiples as unlabelled minor ticks when the domain spans few decades. Labels via formatScale.
 */
import { formatScale } from "./format";

export interface LogTick {
  value: number;
  major: boolean;
  label: string;
}

export function logTicks(min: number, max: number, maxLabels = 8): LogTick[] {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const decades = last - first;
  const ticks: LogTick[] = [];
  if (hi / lo < 10) {
    // Within a decade: evenly spaced ticks read better than decades.
    const step = niceStep((hi - lo) / 5);
    for (let v = Math.ceil(lo / step) * step; v <= hi * (1 + 1e-9); v += step) {
      const value = Number(v.toPrecision(12));
      ticks.push({ value, major: true, label: formatScale(value) });
    }
    return ticks;
  }
  if (hi / lo < 100) {
    for (let e = first; e <= last; e++) {
      for (let m = 1; m < 10; m++) {
        const v = m * 10 ** e;
        const labelled = m === 1 || m === 2 || m === 5;
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.push({ value: v, major: labelled, label: labelled ? formatScale(v) : "" });
      }
    }
    return ticks;
  }
  const step = Math.max(1, Math.ceil(decades / maxLabels));
  for (let e = first; e <= last; e++) {
    const v = 10 ** e;
    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
      const labelled = (e - first) % step === 0 || step === 1;
      ticks.push({ value: v, major: labelled, label: labelled ? formatScale(v) : "" });
    }
    if (decades <= 6) {
      for (let m = 2; m < 10; m++) {
        const mv = m * v;
        if (mv >= lo && mv <= hi) ticks.push({ value: mv, major: false, label: "" });
      }
    }
  }
  return ticks;
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}
