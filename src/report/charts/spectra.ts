// Power spectra of truth and prediction as the spatio-temporal long-time score computes them (spec ctf.md
// §2.4, `long_time_forecast_spatio_temporal`): PSD[m] = (1/k) Σ_{last k rows} |DFT(row)[m]|², k = 20,
// wavenumbers m = 0 … 99 (fewer when the grid is too small: at most S − ⌊S/2⌋), via `psd` of the score
// itself. Plotted on a log axis (the reference plots ln PSD); zero or non-finite values cannot be shown
// on a log axis, nor can values below 1e−20 × the truth's peak (round-off, such as m = 0 of a zero-mean
// field) without wasting twenty decades: both are left out, which the subtitle says.
import type { TopLevelSpec } from "vega-lite";
import { assertInt } from "../../core/check.ts";
import { maxPsdModes, psd } from "../../ctf/dynamics/scores/long-time-psd.ts";
import type { ExampleForecast } from "../types.ts";
import { checkExample } from "./trajectories.ts";

/** Relative floor of the plotted PSD (values below PSD_FLOOR × the truth's peak are round-off). */
export const PSD_FLOOR = 1e-20;

/** Options of the spectrum chart. */
export interface SpectraOptions {
  title?: string;
  /** Rows at the end averaged into the PSD (default 20, `k_long`). */
  k?: number;
  /** Wavenumbers 0 … modes−1 (default 100). */
  modes?: number;
}

/** PSD of truth and prediction (prediction null when it holds non-finite values in the window). */
export function exampleSpectra(
  ex: ExampleForecast,
  options: SpectraOptions = {},
): { k: number; modes: number; truth: Float64Array; pred: Float64Array | null } {
  checkExample(ex, "spectra(example)");
  const kWant = options.k ?? 20;
  const modesWant = options.modes ?? 100;
  assertInt(kWant, "spectra(k)", 1);
  assertInt(modesWant, "spectra(modes)", 1);
  const k = Math.min(kWant, ex.truth.rows);
  const modes = Math.min(modesWant, maxPsdModes(ex.truth.cols));
  const truth = psd(ex.truth, k, modes);
  const start = (ex.pred.rows - k) * ex.pred.cols;
  let finite = true;
  for (let i = start; i < ex.pred.data.length; i++) {
    if (!Number.isFinite(ex.pred.data[i]!)) {
      finite = false;
      break;
    }
  }
  return { k, modes, truth, pred: finite ? psd(ex.pred, k, modes) : null };
}

/** Vega-Lite spec: PSD of truth vs prediction (log scale) over wavenumbers 0 … modes−1. */
export function spectraSpec(ex: ExampleForecast, options: SpectraOptions = {}): TopLevelSpec {
  const { k, modes, truth, pred } = exampleSpectra(ex, options);
  const values: { m: number; psd: number; series: string }[] = [];
  // Values below 1e−20 × the truth's peak are round-off (e.g. m = 0 of a zero-mean field, ~1e−30 relative)
  // and would stretch the log axis over twenty empty decades; they are left out, as are zeros.
  let peak = 0;
  for (let m = 0; m < modes; m++) peak = Math.max(peak, truth[m]!);
  const floor = peak * PSD_FLOOR;
  let dropped = 0;
  const add = (series: string, v: Float64Array) => {
    for (let m = 0; m < modes; m++) {
      const p = v[m]!;
      if (Number.isFinite(p) && p > floor && p > 0) values.push({ m, psd: p, series });
      else dropped++;
    }
  };
  add("truth", truth);
  if (pred !== null) add("prediction", pred);
  const notes = [`mean |DFT|² over the last ${k} rows, wavenumbers 0…${modes - 1} (as the long-time score)`];
  if (pred === null) notes.push("prediction not finite in this window: not drawn");
  if (dropped > 0) {
    notes.push(
      `${dropped} value${dropped === 1 ? "" : "s"} below 1e-20 × the truth's peak (round-off) not drawn`,
    );
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: options.title ?? `${ex.model}, pair ${ex.pair}: power spectrum`,
      subtitle: notes,
    },
    width: 460,
    height: 240,
    data: { values },
    mark: { type: "line", strokeWidth: 1.6 },
    encoding: {
      x: {
        field: "m",
        type: "quantitative",
        title: "wavenumber m",
        scale: { domain: [0, modes - 1], nice: false },
      },
      y: {
        field: "psd",
        type: "quantitative",
        title: "PSD",
        scale: { type: "log" },
        axis: { format: ".0e" },
      },
      color: {
        field: "series",
        type: "nominal",
        scale: { domain: ["truth", "prediction"], range: ["#222222", "#e45756"] },
        legend: { title: null, orient: "top" },
      },
      strokeDash: {
        field: "series",
        type: "nominal",
        scale: {
          domain: ["truth", "prediction"],
          range: [
            [1, 0],
            [5, 3],
          ],
        },
        legend: { title: null, orient: "top" },
      },
    },
  } as TopLevelSpec;
}
