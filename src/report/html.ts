// The self-contained HTML page of the CTF report (DESIGN.md, "Leaderboard / report"; spec ctf.md §3,
// "Reports": score table, spider plot, bar charts, trajectory/histogram/PSD/2-D comparison plots). One file,
// readable without JavaScript and without a network: inline CSS, charts as inline SVG (ids prefixed per
// chart so that gradients and clip paths of different charts never collide; namespace attributes dropped,
// as HTML5 inline SVG needs none), no script, no web font, no external URL. Leaderboard cells E1…E12 are
// coloured on a diverging scale (−100 red, 0 white, 100 blue), like the published score tables.
import { E_NAMES, type LeaderboardRow, type ReportDataset, type ReportInput } from "./types.ts";

/** A rendered chart placed in the page. */
export interface ChartFigure {
  /** Unique id within the page (letters, digits, '-', '_'); also the PNG's base name. */
  id: string;
  svg: string;
  caption?: string;
}

/** The charts of one data set: the summary charts (spider, bars) and the example-forecast charts. */
export interface DatasetFigures {
  summary: ChartFigure[];
  examples: ChartFigure[];
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A lower-case identifier made of [a-z0-9-] for ids and file names ("PDE_KS" → "pde-ks"). */
export function slug(s: string): string {
  const t = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return t.length > 0 ? t : "x";
}

// Diverging stops (ColorBrewer RdBu ends and a neutral middle): −100, −50, 0, 50, 100.
const STOPS: [number, [number, number, number]][] = [
  [-100, [178, 24, 43]],
  [-50, [239, 138, 98]],
  [0, [247, 247, 247]],
  [50, [103, 169, 207]],
  [100, [33, 102, 172]],
];

/** Background colour of a score cell: diverging scale, −100 red, 0 white, 100 blue (clipped outside). */
export function scoreColor(E: number): string {
  const v = Math.min(100, Math.max(-100, E));
  let i = 0;
  while (i < STOPS.length - 2 && v > STOPS[i + 1]![0]) i++;
  const [a, ca] = STOPS[i]!;
  const [b, cb] = STOPS[i + 1]!;
  const f = (v - a) / (b - a);
  const c = ca.map((x, k) => Math.round(x + f * (cb[k]! - x)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Text colour readable on scoreColor(E). */
function scoreTextColor(E: number): string {
  return Math.abs(E) > 70 ? "#fff" : "#111";
}

/** Prepares Vega's SVG for inlining: drops the XML prolog and namespace attributes, prefixes every id. */
export function inlineSvg(svg: string, prefix: string): string {
  let s = svg.replace(/^\s*<\?xml[^>]*\?>\s*/, "");
  s = s.replace(/\s+xmlns(:\w+)?="[^"]*"/g, "");
  const ids = new Set<string>();
  for (const m of s.matchAll(/\sid="([^"]+)"/g)) ids.add(m[1]!);
  if (ids.size > 0) {
    s = s.replace(/(\sid=")([^"]+)(")/g, (_m, a: string, id: string, c: string) => `${a}${prefix}-${id}${c}`);
    s = s.replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : m));
    s = s.replace(/(href=")#([^"]+)"/g, (m, a: string, id: string) =>
      ids.has(id) ? `${a}#${prefix}-${id}"` : m,
    );
  }
  return s;
}

function fmt(v: number, digits = 1): string {
  // −0.0 reads as a bug in a score table.
  const s = v.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s.replace("-", "−");
}

/** The leaderboard table of one data set: rank, model, E1…E12 (coloured), composite ± std, seeds. */
export function leaderboardTable(rows: readonly LeaderboardRow[]): string {
  if (rows.length === 0) return '<p class="empty">No results for this data set.</p>';
  const sorted = [...rows].sort((a, b) => b.composite - a.composite);
  const head = [
    "<th>#</th>",
    '<th class="model">model</th>',
    ...E_NAMES.map((e) => `<th>${e}</th>`),
    "<th>composite</th>",
    "<th>seeds</th>",
  ].join("");
  const body = sorted
    .map((r, i) => {
      const cells = E_NAMES.map((e) => {
        const v = r.E[e];
        return `<td class="score" style="background:${scoreColor(v)};color:${scoreTextColor(v)}">${fmt(v)}</td>`;
      }).join("");
      const comp = r.std === null ? fmt(r.composite) : `${fmt(r.composite)} ± ${r.std.toFixed(1)}`;
      return (
        `<tr><td>${i + 1}</td><td class="model">${escapeHtml(r.model)}</td>${cells}` +
        `<td class="composite">${comp}</td><td>${r.seeds}</td></tr>`
      );
    })
    .join("\n");
  return `<table class="leaderboard">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function figureHtml(f: ChartFigure): string {
  const cap = f.caption ? `<figcaption>${escapeHtml(f.caption)}</figcaption>` : "";
  return `<figure id="${escapeHtml(f.id)}">${inlineSvg(f.svg, f.id)}${cap}</figure>`;
}

const PAIR_TASK: Record<number, string> = {
  1: "clean forecast",
  2: "denoise, medium noise",
  3: "forecast from medium noise",
  4: "denoise, high noise",
  5: "forecast from high noise",
  6: "limited data, clean",
  7: "limited data, noisy",
  8: "parametric interpolation",
  9: "parametric extrapolation",
};

/** The name of a CTF pair's task (spec ctf.md §1.2), or "" for an unknown pair. */
export function pairTask(pair: number): string {
  return PAIR_TASK[pair] ?? "";
}

function datasetSection(ds: ReportDataset, figs: DatasetFigures, id: string): string {
  const parts: string[] = [];
  parts.push(`<section id="${id}">`);
  parts.push(`<h2>${escapeHtml(ds.name)}</h2>`);
  const models = ds.leaderboard.length;
  parts.push(
    `<p class="meta">${ds.type} data set, Δt = ${ds.deltaT}; ${models} model${models === 1 ? "" : "s"}, ` +
      "ranked by composite score (mean of the twelve clipped scores E1…E12, ± std over seeds).</p>",
  );
  parts.push(leaderboardTable(ds.leaderboard));
  if (figs.summary.length > 0)
    parts.push(`<div class="figs">${figs.summary.map(figureHtml).join("\n")}</div>`);
  if (figs.examples.length > 0) {
    parts.push("<h3>Example forecasts</h3>");
    parts.push(`<div class="figs">${figs.examples.map(figureHtml).join("\n")}</div>`);
  }
  parts.push("</section>");
  return parts.join("\n");
}

const CSS = `
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #111; margin: 0 auto; padding: 1.5em;
  max-width: 1280px; line-height: 1.4; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
.meta, .generated { color: #555; }
nav ul { padding-left: 1.2em; }
table.leaderboard { border-collapse: collapse; font-size: 0.85em; margin: 0.8em 0; }
table.leaderboard th, table.leaderboard td { border: 1px solid #ddd; padding: 0.25em 0.45em; text-align: right;
  white-space: nowrap; font-variant-numeric: tabular-nums; }
table.leaderboard th { background: #f0f0f0; }
table.leaderboard .model { text-align: left; }
table.leaderboard td.composite { font-weight: bold; }
.scale { display: inline-block; width: 12em; height: 0.9em; vertical-align: middle; border: 1px solid #ccc;
  background: linear-gradient(to right, rgb(178,24,43), rgb(239,138,98), rgb(247,247,247), rgb(103,169,207),
  rgb(33,102,172)); }
.figs { display: flex; flex-wrap: wrap; gap: 1.2em; align-items: flex-start; }
figure { margin: 0; max-width: 100%; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85em; color: #444; max-width: 44em; }
.empty { color: #777; font-style: italic; }
footer { margin-top: 3em; color: #666; font-size: 0.85em; border-top: 1px solid #ddd; padding-top: 0.6em; }
`;

/** The whole report page as one self-contained HTML string (`figures[d]` belongs to `input.datasets[d]`). */
export function reportHtml(input: ReportInput, figures: readonly DatasetFigures[]): string {
  const ids = input.datasets.map((ds, d) => `ds-${d + 1}-${slug(ds.name)}`);
  const toc =
    input.datasets.length > 1
      ? `<nav><ul>${input.datasets.map((ds, d) => `<li><a href="#${ids[d]}">${escapeHtml(ds.name)}</a></li>`).join("")}</ul></nav>`
      : "";
  const sections =
    input.datasets.length === 0
      ? '<p class="empty">No data sets in this report.</p>'
      : input.datasets
          .map((ds, d) => datasetSection(ds, figures[d] ?? { summary: [], examples: [] }, ids[d]!))
          .join("\n");
  const notes =
    input.notes && input.notes.length > 0
      ? `<section id="notes"><h2>Notes</h2><ul>${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul></section>`
      : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(input.title)}</h1>
<p class="generated">Generated at ${escapeHtml(input.generatedAt)} · code version ${escapeHtml(input.codeVersion)}</p>
<p class="meta">Scores E1…E12 as in the CTF for science and engineering: each clipped to [−100, 100], 100 is a
perfect score. Cell colours: <span class="scale"></span> −100 … 0 … 100.</p>
${toc}
</header>
<main>
${sections}
${notes}
</main>
<footer>Ansatz CTF report · ${escapeHtml(input.generatedAt)} · code version ${escapeHtml(input.codeVersion)} ·
self-contained: no scripts, no external resources.</footer>
</body>
</html>
`;
}
