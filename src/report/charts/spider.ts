// Score-profile spider (radar) chart of E1…E12 per model (spec ctf.md §2.6: "the papers show a radar/spider
// plot of E1–E12 and stress 'profile, not a single score'"). Vega-Lite has no radar mark, so the polygon is
// computed here: score k (0-based) sits on the spoke at angle θ_k = 2πk/12 measured clockwise from the top,
// at radius r = (E + 100)/200, so E = −100 is the centre and E = 100 the rim; (x, y) = (r sin θ_k, r cos θ_k).
// Scores are clipped to [−100, 100] (spec §2.6) before plotting. Grid rings at −100, −50, 0, 50, 100.
import type { TopLevelSpec } from "vega-lite";
import { AnsatzError } from "../../core/errors.ts";
import { E_NAMES, type LeaderboardRow } from "../types.ts";

/** Score values at which grid rings are drawn. */
export const SPIDER_RINGS = [-100, -50, 0, 50, 100] as const;

/** Radius of score E on the spider chart: (clip(E, −100, 100) + 100)/200 ∈ [0, 1]. */
export function spiderRadius(E: number): number {
  if (Number.isNaN(E)) {
    throw AnsatzError.expected("not-finite", "spider chart score", "a number in [−100, 100]", "NaN");
  }
  const c = Math.min(100, Math.max(-100, E));
  return (c + 100) / 200;
}

/** Angle (radians, clockwise from the top) of the spoke of score k (0-based) out of n. */
export function spiderAngle(k: number, n = E_NAMES.length): number {
  return (2 * Math.PI * k) / n;
}

/** Chart coordinates of score E on spoke k of n: r = (E+100)/200, (x, y) = (r sin θ_k, r cos θ_k). */
export function spiderPoint(k: number, E: number, n = E_NAMES.length): { x: number; y: number; r: number } {
  const r = spiderRadius(E);
  const th = spiderAngle(k, n);
  // `+ 0` turns −0 into 0 so that the centre is exactly (0, 0).
  return { x: r * Math.sin(th) + 0, y: r * Math.cos(th) + 0, r };
}

/** One vertex of a model's spider polygon. */
export interface SpiderPolygonPoint {
  model: string;
  score: string;
  E: number;
  order: number;
  x: number;
  y: number;
}

/** The closed polygon of each model (13 points: E1…E12 and E1 again), in chart coordinates. */
export function spiderPolygons(rows: readonly LeaderboardRow[]): SpiderPolygonPoint[] {
  const out: SpiderPolygonPoint[] = [];
  for (const row of rows) {
    for (let k = 0; k <= E_NAMES.length; k++) {
      const name = E_NAMES[k % E_NAMES.length]!;
      const E = row.E[name];
      const p = spiderPoint(k % E_NAMES.length, E);
      out.push({ model: row.model, score: name, E, order: k, x: p.x, y: p.y });
    }
  }
  return out;
}

/** Options of the spider chart. */
export interface SpiderOptions {
  title?: string;
  /** Side of the square plot in px (default 380). */
  size?: number;
}

/** Vega-Lite spec of the E1…E12 spider chart, one coloured closed line per model with a legend. */
export function spiderSpec(rows: readonly LeaderboardRow[], options: SpiderOptions = {}): TopLevelSpec {
  const size = options.size ?? 380;
  const ringSteps = 96;
  const rings: { ring: string; order: number; x: number; y: number }[] = [];
  for (const v of SPIDER_RINGS) {
    const r = spiderRadius(v);
    for (let i = 0; i <= ringSteps; i++) {
      const th = (2 * Math.PI * i) / ringSteps;
      rings.push({ ring: String(v), order: i, x: r * Math.sin(th), y: r * Math.cos(th) });
    }
  }
  // Spokes from the centre to the rim, and the score names just outside the rim.
  const spokes = E_NAMES.map((name, k) => {
    const rim = spiderPoint(k, 100);
    const th = spiderAngle(k);
    return {
      score: name,
      x0: 0,
      y0: 0,
      x: rim.x,
      y: rim.y,
      lx: 1.12 * Math.sin(th),
      ly: 1.12 * Math.cos(th),
    };
  });
  // Ring labels just right of the top spoke (E1), so they never sit on a model line's vertex label.
  const ringLabels = SPIDER_RINGS.map((v) => ({
    label: v < 0 ? `−${-v}` : String(v),
    x: 0.02,
    y: spiderRadius(v),
  }));
  const polys = spiderPolygons(rows);
  const dom = [-1.22, 1.22];
  const xs = { type: "quantitative" as const, scale: { domain: dom, nice: false, zero: false }, axis: null };
  const models = rows.map((r) => r.model);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: options.title ?? "Score profile E1…E12",
      subtitle: "radius (E + 100)/200: centre E = −100, rim E = 100; rings at −100, −50, 0, 50, 100",
    },
    width: size,
    height: size,
    config: { view: { stroke: null } },
    layer: [
      {
        data: { values: rings },
        mark: { type: "line", stroke: "#bbb", strokeWidth: 0.8, interpolate: "linear" },
        encoding: {
          x: { field: "x", ...xs },
          y: { field: "y", ...xs },
          detail: { field: "ring" },
          order: { field: "order", type: "quantitative" },
        },
      },
      {
        data: { values: spokes },
        mark: { type: "rule", stroke: "#bbb", strokeWidth: 0.8 },
        encoding: {
          x: { field: "x0", ...xs },
          y: { field: "y0", ...xs },
          x2: { field: "x" },
          y2: { field: "y" },
        },
      },
      {
        data: { values: spokes },
        mark: { type: "text", fontSize: 12, fontWeight: "bold", fill: "#333" },
        encoding: {
          x: { field: "lx", ...xs },
          y: { field: "ly", ...xs },
          text: { field: "score" },
        },
      },
      {
        data: { values: ringLabels },
        mark: { type: "text", fontSize: 9, fill: "#777", align: "left", baseline: "bottom", dy: -1 },
        encoding: {
          x: { field: "x", ...xs },
          y: { field: "y", ...xs },
          text: { field: "label" },
        },
      },
      {
        data: { values: polys },
        mark: { type: "line", strokeWidth: 2, opacity: 0.85, point: { filled: true, size: 22 } },
        encoding: {
          x: { field: "x", ...xs },
          y: { field: "y", ...xs },
          order: { field: "order", type: "quantitative" },
          color: {
            field: "model",
            type: "nominal",
            scale: { domain: models, scheme: models.length <= 10 ? "tableau10" : "tableau20" },
            legend: { title: "model", orient: "right" },
          },
        },
      },
    ],
  } as TopLevelSpec;
}
