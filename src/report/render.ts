// Chart rendering for the CTF report (DESIGN.md, "Leaderboard / report": Vega-Lite specs rendered to SVG in
// Node, PNG where needed). The one place where a Vega-Lite spec becomes pixels: vega-lite `compile` → a
// Vega spec, a headless `vega.View` (renderer "none") → SVG text, and resvg (a Rust SVG rasteriser) → PNG.
// No browser, no canvas, no network: every chart draws from inline data values.
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compile } from "vega-lite";
import { AnsatzError } from "../core/errors.ts";

/** A chart as SVG text and PNG bytes. */
export interface RenderedChart {
  svg: string;
  png: Uint8Array;
}

/** Font stack used by every chart (generic families only: no web fonts). */
export const CHART_FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

/** Shared Vega-Lite config: fonts and sizes readable at 100 % and in the 2× PNGs. */
export const CHART_CONFIG = {
  font: CHART_FONT,
  background: "white",
  padding: 8,
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" as const },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 14, anchor: "start" as const, subtitleFontSize: 11, subtitleColor: "#555" },
  view: { stroke: "#ccc" },
};

/** Adds the shared config to a spec (the spec's own config entries win). */
export function withConfig(spec: TopLevelSpec): TopLevelSpec {
  const own = (spec as { config?: Record<string, unknown> }).config ?? {};
  return { ...spec, config: { ...CHART_CONFIG, ...own } } as TopLevelSpec;
}

/** Rounds a number to 2 decimals and prints it without a trailing zero or a negative zero. */
function round2(text: string): string {
  const v = Math.round(Number(text) * 100) / 100;
  return String(v === 0 ? 0 : v);
}

function hex2(n: string): string {
  return Math.max(0, Math.min(255, Math.round(Number(n))))
    .toString(16)
    .padStart(2, "0");
}

/**
 * Shrinks Vega's SVG without changing what it draws: coordinates in `d`, `transform`, `x`/`y`/`x2`/`y2`
 * attributes rounded to 0.01 px, `rgb(r, g, b)` colours written as #rrggbb. Heatmaps of ~25 000 cells
 * shrink about two-fold.
 */
export function compactSvg(svg: string): string {
  const num = /-?\d*\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+/g;
  let s = svg.replace(
    /(\s(?:d|transform|x|y|x1|y1|x2|y2|width|height)=")([^"]*)"/g,
    (_m, a: string, v: string) => {
      return `${a}${v.replace(num, round2)}"`;
    },
  );
  s = s.replace(
    /rgb\((\d+(?:\.\d+)?), ?(\d+(?:\.\d+)?), ?(\d+(?:\.\d+)?)\)/g,
    (_m, r: string, g: string, b: string) => {
      return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
    },
  );
  return s;
}

/** Renders a Vega-Lite spec to an SVG string (headless Vega view), compacted by compactSvg. */
export async function renderSvg(spec: TopLevelSpec, where = "chart"): Promise<string> {
  let view: vega.View | null = null;
  try {
    const vgSpec = compile(withConfig(spec)).spec;
    view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
    return compactSvg(await view.toSVG());
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new AnsatzError("internal", `${where}: Vega-Lite could not render the chart (${msg})`, {
      where,
      expected: "a valid Vega-Lite spec",
      found: msg,
    });
  } finally {
    view?.finalize();
  }
}

/** Rasterises SVG text to PNG bytes at `scale` × its own size, on a white background. */
export function svgToPng(svg: string, scale = 2, where = "chart"): Uint8Array {
  if (!(Number.isFinite(scale) && scale > 0)) {
    throw AnsatzError.expected("bad-value", `${where}(scale)`, "a finite number > 0", String(scale));
  }
  try {
    const r = new Resvg(svg, {
      fitTo: { mode: "zoom", value: scale },
      background: "white",
      font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    });
    return new Uint8Array(r.render().asPng());
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new AnsatzError("internal", `${where}: could not rasterise the SVG (${msg})`, {
      where,
      expected: "a well-formed SVG document",
      found: msg,
    });
  }
}

/** Renders a Vega-Lite spec to both SVG text and PNG bytes (PNG at `scale` ×, default 2). */
export async function renderChart(spec: TopLevelSpec, where = "chart", scale = 2): Promise<RenderedChart> {
  const svg = await renderSvg(spec, where);
  return { svg, png: svgToPng(svg, scale, where) };
}
