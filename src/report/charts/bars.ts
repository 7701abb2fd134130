// Bar chart of the composite score per model with ±std error bars (spec ctf.md §2.6: composite = mean of the
// twelve clipped E1…E12; §2.7: mean and std over seeds). Models are sorted best first; a model without a std
// (fewer seeds than needed) gets no error bar. The x axis spans the composite's range [−100, 100] side of 0.
import type { TopLevelSpec } from "vega-lite";
import type { LeaderboardRow } from "../types.ts";

/** Options of the composite bar chart. */
export interface BarsOptions {
  title?: string;
  /** Plot width in px (default 420). */
  width?: number;
}

/** Vega-Lite spec of the composite per model (horizontal bars, best first) with ±std error bars. */
export function compositeBarsSpec(rows: readonly LeaderboardRow[], options: BarsOptions = {}): TopLevelSpec {
  const sorted = [...rows].sort((a, b) => b.composite - a.composite);
  const values = sorted.map((r) => ({
    model: r.model,
    composite: r.composite,
    lo: r.std === null ? null : r.composite - r.std,
    hi: r.std === null ? null : r.composite + r.std,
    label: r.std === null ? r.composite.toFixed(1) : `${r.composite.toFixed(1)} ± ${r.std.toFixed(1)}`,
    seeds: r.seeds,
  }));
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    lo = Math.min(lo, v.lo ?? v.composite, v.composite);
    hi = Math.max(hi, v.hi ?? v.composite, v.composite);
  }
  // Room on the right for the value labels; the domain never leaves [−100, 100] unless a value does.
  const pad = 0.03 * (hi - lo);
  const domain = [Math.min(lo - pad, -10), Math.max(hi + 0.25 * (hi - lo), 10)];
  const order = sorted.map((r) => r.model);
  const y = { field: "model", type: "nominal" as const, sort: order, title: null, axis: { labelLimit: 320 } };
  const x = {
    type: "quantitative" as const,
    scale: { domain, nice: false },
    title: "composite (mean of E1…E12)",
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: options.title ?? "Composite score",
      subtitle: "mean of E1…E12; error bar ± std over seeds",
    },
    width: options.width ?? 420,
    height: { step: 26 },
    data: { values },
    layer: [
      {
        mark: { type: "bar", color: "#4c78a8", height: { band: 0.7 } },
        encoding: {
          y,
          x: { field: "composite", ...x },
          tooltip: [{ field: "model" }, { field: "label", title: "composite" }, { field: "seeds" }],
        },
      },
      {
        transform: [{ filter: "datum.lo !== null" }],
        mark: { type: "errorbar", color: "#222", ticks: { size: 8 } },
        encoding: { y, x: { field: "lo", ...x }, x2: { field: "hi" } },
      },
      {
        mark: { type: "text", align: "left", dx: 6, fontSize: 11, color: "#222" },
        encoding: {
          y,
          x: { field: "xlabel", ...x },
          text: { field: "label" },
        },
        transform: [
          {
            calculate: "datum.hi !== null ? max(datum.hi, datum.composite, 0) : max(datum.composite, 0)",
            as: "xlabel",
          },
        ],
      },
      {
        mark: { type: "rule", color: "#666" },
        encoding: { x: { datum: 0, ...x } },
      },
    ],
  } as TopLevelSpec;
}
