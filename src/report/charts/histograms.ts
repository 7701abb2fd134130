// Per-feature distributions of truth and prediction over the long-time window, binned exactly as the
// dynamical long-time score bins them (spec ctf.md §2.3, `long_time_forecast_dynamical`): the last 500 rows
// (all rows when fewer), 41 equal bins on the joint [min, max] of truth and prediction per feature, numpy
// edges (core/stats `histogram`, lo == hi widened to lo ∓ 0.5), raw counts. Truth is drawn as grey bars,
// the prediction as a red step outline. Non-finite prediction values are left out (and counted).
import type { TopLevelSpec } from "vega-lite";
import { assertInt } from "../../core/check.ts";
import { histogram } from "../../core/stats.ts";
import type { ExampleForecast } from "../types.ts";
import { checkExample, countNonFinite } from "./trajectories.ts";

/** Options of the histogram chart. */
export interface HistogramOptions {
  title?: string;
  /** Rows at the end of the window that are binned (default 500, the Lorenz `modes`). */
  window?: number;
  /** Number of bins (default 41, the Lorenz `bins`). */
  bins?: number;
  /** Columns plotted (default 3). */
  columns?: number;
}

/** Truth and prediction histograms of one feature on their joint range. */
export interface FeatureHistograms {
  feature: string;
  edges: Float64Array;
  truth: Float64Array;
  pred: Float64Array;
}

/** Histograms of the first `columns` features over the last `window` rows, `bins` bins on the joint range. */
export function featureHistograms(ex: ExampleForecast, options: HistogramOptions = {}): FeatureHistograms[] {
  checkExample(ex, "histograms(example)");
  const window = options.window ?? 500;
  const bins = options.bins ?? 41;
  assertInt(window, "histograms(window)", 1);
  assertInt(bins, "histograms(bins)", 1);
  const F = ex.truth.cols;
  const w = Math.min(window, ex.truth.rows);
  const r0 = ex.truth.rows - w;
  const ncol = Math.min(options.columns ?? 3, F);
  const out: FeatureHistograms[] = [];
  for (let j = 0; j < ncol; j++) {
    const t = new Float64Array(w);
    const p: number[] = [];
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < w; r++) {
      const tv = ex.truth.data[(r0 + r) * F + j]!;
      t[r] = tv;
      if (tv < lo) lo = tv;
      if (tv > hi) hi = tv;
      const pv = ex.pred.data[(r0 + r) * F + j]!;
      if (Number.isFinite(pv)) {
        p.push(pv);
        if (pv < lo) lo = pv;
        if (pv > hi) hi = pv;
      }
    }
    const ht = histogram(t, bins, [lo, hi]);
    const hp = histogram(p, bins, [lo, hi]);
    out.push({ feature: `x${j + 1}`, edges: ht.edges, truth: ht.counts, pred: hp.counts });
  }
  return out;
}

/** Vega-Lite spec: per-feature histograms, truth (bars) vs prediction (step line), of one dynamical example. */
export function histogramsSpec(ex: ExampleForecast, options: HistogramOptions = {}): TopLevelSpec {
  const hs = featureHistograms(ex, options);
  const window = Math.min(options.window ?? 500, ex.truth.rows);
  const bins = options.bins ?? 41;
  const values: { feature: string; series: string; x: number; x2: number; count: number }[] = [];
  for (const h of hs) {
    const B = h.truth.length;
    for (let b = 0; b < B; b++) {
      const x = h.edges[b]!;
      const x2 = h.edges[b + 1]!;
      values.push({ feature: h.feature, series: "truth", x, x2, count: h.truth[b]! });
      values.push({ feature: h.feature, series: "prediction", x, x2, count: h.pred[b]! });
    }
    // Closing point of the prediction's step outline at the last edge.
    values.push({
      feature: h.feature,
      series: "prediction-end",
      x: h.edges[B]!,
      x2: h.edges[B]!,
      count: h.pred[B - 1]!,
    });
  }
  const bad = countNonFinite(ex.pred);
  const sub =
    `last ${window} rows, ${bins} bins on the joint range (as the long-time score)` +
    (bad > 0 ? `; ${bad} non-finite prediction value${bad === 1 ? "" : "s"} left out` : "");
  const color = {
    field: "legend",
    type: "nominal" as const,
    scale: { domain: ["truth", "prediction"], range: ["#9e9e9e", "#e45756"] },
    legend: { title: null, orient: "top" as const },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title ?? `${ex.model}, pair ${ex.pair}: distributions`, subtitle: sub },
    data: { values },
    transform: [{ calculate: "datum.series === 'truth' ? 'truth' : 'prediction'", as: "legend" }],
    facet: { column: { field: "feature", type: "nominal", title: null } },
    resolve: { scale: { x: "independent", y: "independent" } },
    spec: {
      width: 190,
      height: 150,
      layer: [
        {
          transform: [{ filter: "datum.series === 'truth'" }],
          mark: { type: "rect", opacity: 0.75 },
          encoding: {
            x: { field: "x", type: "quantitative", title: "value", scale: { zero: false, nice: false } },
            x2: { field: "x2" },
            y: { field: "count", type: "quantitative", title: "count" },
            y2: { datum: 0 },
            color,
          },
        },
        {
          transform: [{ filter: "datum.series !== 'truth'" }],
          mark: { type: "line", interpolate: "step-after", strokeWidth: 1.6 },
          encoding: {
            x: { field: "x", type: "quantitative", title: "value" },
            y: { field: "count", type: "quantitative", title: "count" },
            color,
          },
        },
      ],
    },
  } as TopLevelSpec;
}
