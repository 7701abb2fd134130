// Writes the CTF report (DESIGN.md, "Leaderboard / report"): for every data set the summary charts (spider
// of E1…E12, composite bars) and, per example forecast, trajectories + histograms (dynamical) or heatmaps +
// spectra (spatio-temporal); each chart rendered once to SVG (inlined in the page) and PNG (for READMEs and
// slides). Files: `outDir/index.html` and `outDir/png/<dataset>-<chart>.png`, each written atomically
// (temporary file, fsync, rename). Stale PNGs from an earlier report are left alone.
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { maxPsdModes } from "../ctf/dynamics/scores/long-time-psd.ts";
import { writeFileAtomic } from "../ctf/formats/atomic-write.ts";
import { compositeBarsSpec } from "./charts/bars.ts";
import { histogramsSpec } from "./charts/histograms.ts";
import { spectraSpec } from "./charts/spectra.ts";
import { spiderSpec } from "./charts/spider.ts";
import { heatmapsSpec, trajectoriesSpec } from "./charts/trajectories.ts";
import { type ChartFigure, type DatasetFigures, pairTask, reportHtml, slug } from "./html.ts";
import { renderChart } from "./render.ts";
import { checkReportInput, type ReportInput } from "./types.ts";

/** Paths written by writeReport. */
export interface WrittenReport {
  html: string;
  pngs: string[];
}

/** A chart of the report before rendering: its file/id name, spec and caption. */
export interface PlannedChart {
  /** Data-set index. */
  dataset: number;
  group: "summary" | "examples";
  /** `<dataset>-<chart>`, unique in the report; the PNG is `png/<name>.png`. */
  name: string;
  spec: TopLevelSpec;
  caption: string;
}

/** Every chart of the report, in page order (validates the input first). */
export function planCharts(input: ReportInput): PlannedChart[] {
  checkReportInput(input);
  const out: PlannedChart[] = [];
  const used = new Set<string>();
  const unique = (base: string): string => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  };
  input.datasets.forEach((ds, d) => {
    const dn = slug(ds.name);
    if (ds.leaderboard.length > 0) {
      out.push({
        dataset: d,
        group: "summary",
        name: unique(`${dn}-spider`),
        spec: spiderSpec(ds.leaderboard, { title: `${ds.name}: score profile E1…E12` }),
        caption:
          "Score profile per model. Radius (E + 100)/200: the centre is E = −100, the rim E = 100; rings at " +
          "−100, −50, 0, 50 and 100. Scores are clipped to [−100, 100].",
      });
      out.push({
        dataset: d,
        group: "summary",
        name: unique(`${dn}-composite`),
        spec: compositeBarsSpec(ds.leaderboard, { title: `${ds.name}: composite score` }),
        caption: "Composite score (mean of E1…E12) per model, best first; error bars ± one std over seeds.",
      });
    }
    for (const ex of ds.examples) {
      // The windows the charts actually use (fewer rows or a coarser grid shorten them; see the charts).
      const histRows = Math.min(500, ex.truth.rows);
      const psdRows = Math.min(20, ex.truth.rows);
      const psdModes = Math.min(100, maxPsdModes(ex.truth.cols));
      const base = `${slug(ex.model)}-pair${ex.pair}`;
      const task = pairTask(ex.pair);
      const what = `${ex.model}, pair ${ex.pair}${task ? ` (${task})` : ""}`;
      if (ds.type === "dynamical") {
        out.push({
          dataset: d,
          group: "examples",
          name: unique(`${dn}-trajectories-${base}`),
          spec: trajectoriesSpec(ex),
          caption: `${what}: truth (solid) and prediction (dashed) of the first state variables over time.`,
        });
        out.push({
          dataset: d,
          group: "examples",
          name: unique(`${dn}-histograms-${base}`),
          spec: histogramsSpec(ex),
          caption: `${what}: distribution of each variable over the last ${histRows} rows, 41 bins on the joint range, as the long-time score bins it.`,
        });
      } else {
        out.push({
          dataset: d,
          group: "examples",
          name: unique(`${dn}-heatmaps-${base}`),
          // 80 × 96 cells per panel keeps a page with a dozen heatmaps to a few MB of inline SVG
          spec: heatmapsSpec(ex, { maxTimeCells: 80, maxSpaceCells: 96 }),
          caption: `${what}: truth and prediction, space × time, on one colour scale (subsampled grid).`,
        });
        out.push({
          dataset: d,
          group: "examples",
          name: unique(`${dn}-spectra-${base}`),
          spec: spectraSpec(ex),
          caption: `${what}: power spectrum over the last ${psdRows} rows, wavenumbers 0…${psdModes - 1}, as the long-time score computes it (log scale).`,
        });
      }
    }
  });
  return out;
}

/** Renders every chart and returns the page and the PNG bytes (nothing written). */
export async function buildReport(
  input: ReportInput,
  options: { pngScale?: number } = {},
): Promise<{ html: string; pngs: { name: string; png: Uint8Array }[] }> {
  const plan = planCharts(input);
  const figures: DatasetFigures[] = input.datasets.map(() => ({ summary: [], examples: [] }));
  const pngs: { name: string; png: Uint8Array }[] = [];
  for (const c of plan) {
    const r = await renderChart(c.spec, `report chart ${c.name}`, options.pngScale ?? 2);
    const fig: ChartFigure = { id: c.name, svg: r.svg, caption: c.caption };
    figures[c.dataset]![c.group].push(fig);
    pngs.push({ name: c.name, png: r.png });
  }
  return { html: reportHtml(input, figures), pngs };
}

/** Writes `outDir/index.html` and `outDir/png/<dataset>-<chart>.png` atomically; returns their paths. */
export async function writeReport(
  input: ReportInput,
  outDir: string,
  options: { pngScale?: number } = {},
): Promise<WrittenReport> {
  const { html, pngs } = await buildReport(input, options);
  const pngPaths: string[] = [];
  for (const p of pngs) {
    const path = join(outDir, "png", `${p.name}.png`);
    writeFileAtomic(path, p.png);
    pngPaths.push(path);
  }
  const htmlPath = join(outDir, "index.html");
  writeFileAtomic(htmlPath, html);
  return { html: htmlPath, pngs: pngPaths };
}
