// Truth-versus-prediction plots of one example forecast (spec ctf.md §3, "Reports": trajectory plots for
// dynamical data sets, 2-D comparison plots for spatio-temporal ones). Dynamical: the first three state
// columns over time, truth and prediction overlaid, one panel per column. Spatio-temporal: two heatmaps side
// by side (space × time, truth and prediction) on one shared colour scale, drawn with `rect` marks on a
// grid subsampled to at most 100 time × 128 space cells (every s-th row/column, no averaging). Non-finite
// prediction values (a diverged model) are left out and counted in the subtitle.
import type { TopLevelSpec } from "vega-lite";
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";
import type { ExampleForecast } from "../types.ts";

/** Checks an example's truth/prediction/times agree in shape; throws an AnsatzError naming the field. */
export function checkExample(ex: ExampleForecast, where: string): void {
  if (ex.truth.rows !== ex.pred.rows || ex.truth.cols !== ex.pred.cols) {
    throw AnsatzError.expected(
      "bad-shape",
      `${where}.pred`,
      `the truth's shape [${ex.truth.rows}, ${ex.truth.cols}]`,
      `shape [${ex.pred.rows}, ${ex.pred.cols}]`,
    );
  }
  if (ex.times.length !== ex.truth.rows) {
    throw AnsatzError.expected(
      "bad-shape",
      `${where}.times`,
      `length ${ex.truth.rows} (one time per truth row)`,
      `length ${ex.times.length}`,
    );
  }
  if (ex.truth.rows === 0 || ex.truth.cols === 0) {
    throw AnsatzError.expected("bad-shape", `${where}.truth`, "a non-empty matrix", "shape with a zero");
  }
  for (let i = 0; i < ex.times.length; i++) {
    if (!Number.isFinite(ex.times[i]!)) {
      throw AnsatzError.expected(
        "not-finite",
        `${where}.times`,
        "finite times",
        `${ex.times[i]} at index ${i}`,
      );
    }
  }
  for (let i = 0; i < ex.truth.data.length; i++) {
    if (!Number.isFinite(ex.truth.data[i]!)) {
      throw AnsatzError.expected(
        "not-finite",
        `${where}.truth`,
        "finite values",
        `${ex.truth.data[i]} at index ${i}`,
      );
    }
  }
}

/** Number of non-finite entries of a matrix. */
export function countNonFinite(m: Mat): number {
  let n = 0;
  for (let i = 0; i < m.data.length; i++) if (!Number.isFinite(m.data[i]!)) n++;
  return n;
}

/** Evenly strided indices 0, s, 2s, … < n with s = ⌈n/max⌉ (at most `max` of them). */
export function strideIndices(n: number, max: number): { idx: number[]; stride: number } {
  const stride = Math.max(1, Math.ceil(n / max));
  const idx: number[] = [];
  for (let i = 0; i < n; i += stride) idx.push(i);
  return { idx, stride };
}

/** Options of the trajectory and heatmap charts. */
export interface TrajectoryOptions {
  title?: string;
  /** Dynamical: columns plotted (default 3). */
  columns?: number;
  /** Dynamical: most time points per line (default 1500; every s-th row beyond). */
  maxPoints?: number;
  /** Spatio-temporal: most time cells (default 100). */
  maxTimeCells?: number;
  /** Spatio-temporal: most space cells (default 128). */
  maxSpaceCells?: number;
}

function exampleTitle(ex: ExampleForecast, what: string, title?: string): string {
  return title ?? `${ex.model}, pair ${ex.pair}: ${what}`;
}

function nonFiniteNote(n: number): string {
  return n === 0 ? "" : `; ${n} non-finite prediction value${n === 1 ? "" : "s"} left out`;
}

/** Vega-Lite spec: truth vs prediction over time for the first columns of a dynamical example. */
export function trajectoriesSpec(ex: ExampleForecast, options: TrajectoryOptions = {}): TopLevelSpec {
  checkExample(ex, "trajectories(example)");
  const F = ex.truth.cols;
  const ncol = Math.min(options.columns ?? 3, F);
  const { idx, stride } = strideIndices(ex.truth.rows, options.maxPoints ?? 1500);
  const values: { t: number; v: number | null; series: string; col: string }[] = [];
  for (let j = 0; j < ncol; j++) {
    const col = `x${j + 1}`;
    for (const r of idx) {
      const t = ex.times[r]!;
      values.push({ t, v: ex.truth.data[r * F + j]!, series: "truth", col });
      const p = ex.pred.data[r * F + j]!;
      values.push({ t, v: Number.isFinite(p) ? p : null, series: "prediction", col });
    }
  }
  const bad = countNonFinite(ex.pred);
  const sub =
    `first ${ncol} of ${F} column${F === 1 ? "" : "s"}` +
    (stride > 1 ? `; every ${stride}th row of ${ex.truth.rows}` : "") +
    nonFiniteNote(bad);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: exampleTitle(ex, "trajectories", options.title), subtitle: sub },
    data: { values },
    facet: {
      row: { field: "col", type: "nominal", title: null, header: { labelAngle: 0, labelAlign: "left" } },
    },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 560,
      height: 110,
      mark: { type: "line", strokeWidth: 1.3, clip: true },
      encoding: {
        x: { field: "t", type: "quantitative", title: "time", scale: { nice: false, zero: false } },
        y: { field: "v", type: "quantitative", title: null, scale: { zero: false } },
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
    },
  } as TopLevelSpec;
}

/** Colour-scale domain of a heatmap pair: the joint finite range, or the truth's when the prediction runs far outside it. */
export function heatmapDomain(
  truth: ArrayLike<number>,
  pred: ArrayLike<number>,
): { domain: [number, number]; clamped: boolean; predRange: [number, number] } {
  const range = (a: ArrayLike<number>): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return [lo, hi];
  };
  const [tlo, thi] = range(truth);
  const [plo, phi] = range(pred);
  const span = thi - tlo || 1;
  const far = !(plo >= tlo - 0.25 * span && phi <= thi + 0.25 * span);
  if (far || !(plo <= phi)) return { domain: [tlo, thi], clamped: plo <= phi, predRange: [plo, phi] };
  return { domain: [Math.min(tlo, plo), Math.max(thi, phi)], clamped: false, predRange: [plo, phi] };
}

/** Vega-Lite spec: truth and prediction heatmaps (space × time, shared colour scale) of a spatio-temporal example. */
export function heatmapsSpec(ex: ExampleForecast, options: TrajectoryOptions = {}): TopLevelSpec {
  checkExample(ex, "heatmaps(example)");
  const T = ex.truth.rows;
  const S = ex.truth.cols;
  const rowsSel = strideIndices(T, options.maxTimeCells ?? 100);
  const colsSel = strideIndices(S, options.maxSpaceCells ?? 128);
  const dt = T > 1 ? (ex.times[T - 1]! - ex.times[0]!) / (T - 1) : 1;
  const tEnd = ex.times[T - 1]! + dt;
  const cells = (m: Mat, withNull: boolean) => {
    const out: { t: number; t2: number; s: number; s2: number; v: number | null }[] = [];
    for (const r of rowsSel.idx) {
      const t = ex.times[r]!;
      const t2 = r + rowsSel.stride < T ? ex.times[r + rowsSel.stride]! : tEnd;
      for (const c of colsSel.idx) {
        const v = m.data[r * S + c]!;
        if (!Number.isFinite(v) && !withNull) continue;
        // Each cell reaches 15 % into its right/upper neighbour, which is drawn after it: anti-aliased
        // seams between abutting rects would otherwise show as a faint white grid. The plot clips at S.
        const s2 = c + 1.15 * colsSel.stride;
        out.push({ t, t2: t + 1.15 * (t2 - t), s: c, s2, v: Number.isFinite(v) ? v : null });
      }
    }
    return out;
  };
  const truthCells = cells(ex.truth, false);
  const predCells = cells(ex.pred, false);
  const { domain, clamped, predRange } = heatmapDomain(
    truthCells.map((c) => c.v as number),
    predCells.map((c) => c.v as number),
  );
  const diverging = domain[0] < 0 && domain[1] > 0;
  const colorScale = diverging
    ? { domain, domainMid: 0, scheme: "redblue", reverse: true, clamp: true }
    : { domain, scheme: "viridis", clamp: true };
  const bad = countNonFinite(ex.pred);
  const notes = [
    `${rowsSel.idx.length} × ${colsSel.idx.length} cells of ${T} × ${S}` +
      (rowsSel.stride > 1 || colsSel.stride > 1
        ? ` (every ${rowsSel.stride}th time, ${colsSel.stride}th space point)`
        : ""),
  ];
  if (clamped) {
    notes.push(
      `colour scale = truth range; prediction range [${predRange[0].toPrecision(3)}, ${predRange[1].toPrecision(3)}] clamped`,
    );
  }
  if (bad > 0) notes.push(nonFiniteNote(bad).slice(2));
  const sub = notes;
  const panel = (name: string, values: typeof truthCells) => ({
    title: { text: name, fontSize: 12, anchor: "middle" as const },
    width: 280,
    height: 240,
    data: { values },
    // No ARIA labels on the ~13 000 cells: they would triple the SVG.
    mark: { type: "rect", aria: false, clip: true },
    encoding: {
      x: {
        field: "s",
        type: "quantitative",
        title: "space index",
        scale: { domain: [0, S], nice: false, zero: false },
      },
      x2: { field: "s2" },
      y: {
        field: "t",
        type: "quantitative",
        title: "time",
        scale: { domain: [ex.times[0]!, tEnd], nice: false, zero: false },
      },
      y2: { field: "t2" },
      color: {
        field: "v",
        type: "quantitative",
        title: "value",
        scale: colorScale,
        legend: { orient: "right" as const, gradientLength: 200 },
      },
    },
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: exampleTitle(ex, "truth and prediction", options.title), subtitle: sub },
    hconcat: [panel("truth", truthCells), panel("prediction", predCells)],
    resolve: { scale: { color: "shared" } },
    config: { view: { stroke: null } },
  } as TopLevelSpec;
}
