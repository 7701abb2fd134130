// Tests of the CTF HTML report (src/report/): a report of two toy models on a Lorenz-like and a KS-like
// data set (both made here) is self-contained (no URL, no script, no external resource), names every
// model with one table row each, holds one well-formed inline SVG per chart and writes PNG files; the
// spider chart's geometry is exact at the rim and the centre; bad input is refused with a named field.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Resvg } from "@resvg/resvg-js";
import { AnsatzError } from "../../src/core/errors.ts";
import { Mat } from "../../src/core/matrix.ts";
import { Rng } from "../../src/core/random.ts";
import { psd } from "../../src/ctf/dynamics/scores/long-time-psd.ts";
import { featureHistograms } from "../../src/report/charts/histograms.ts";
import { exampleSpectra } from "../../src/report/charts/spectra.ts";
import { spiderPoint, spiderPolygons, spiderRadius } from "../../src/report/charts/spider.ts";
import { heatmapDomain, strideIndices } from "../../src/report/charts/trajectories.ts";
import { escapeHtml, inlineSvg, scoreColor, slug } from "../../src/report/html.ts";
import { compactSvg } from "../../src/report/render.ts";
import { E_NAMES, type EName, type LeaderboardRow, type ReportInput } from "../../src/report/types.ts";
import { writeReport } from "../../src/report/write-report.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]; // PNG spec §5.2

/** Lorenz-63 (σ 10, ρ 28, β 8/3) by RK4, dt 0.01, sampled every step: rows × 3. */
function lorenzLike(rows: number): Mat {
  const m = new Mat(rows, 3);
  let [x, y, z] = [1, 1, 20];
  const f = (a: number, b: number, c: number): [number, number, number] => [
    10 * (b - a),
    a * (28 - c) - b,
    a * b - (8 / 3) * c,
  ];
  const h = 0.01;
  for (let r = 0; r < rows; r++) {
    const k1 = f(x, y, z);
    const k2 = f(x + (h / 2) * k1[0], y + (h / 2) * k1[1], z + (h / 2) * k1[2]);
    const k3 = f(x + (h / 2) * k2[0], y + (h / 2) * k2[1], z + (h / 2) * k2[2]);
    const k4 = f(x + h * k3[0], y + h * k3[1], z + h * k3[2]);
    x += (h / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
    y += (h / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
    z += (h / 6) * (k1[2] + 2 * k2[2] + 2 * k3[2] + k4[2]);
    m.data.set([x, y, z], r * 3);
  }
  return m;
}

/** KS-like travelling pattern u(t, s) = sin(2πs/S·3 − t) + 0.5 cos(2πs/S·5 + 0.7t): rows × S. */
function ksLike(rows: number, S: number): Mat {
  const m = new Mat(rows, S);
  for (let r = 0; r < rows; r++) {
    const t = 0.25 * r;
    for (let s = 0; s < S; s++) {
      const x = (2 * Math.PI * s) / S;
      m.data[r * S + s] = Math.sin(3 * x - t) + 0.5 * Math.cos(5 * x + 0.7 * t);
    }
  }
  return m;
}

function perturbed(m: Mat, sigma: number, seed: number): Mat {
  const rng = new Rng(seed);
  const o = new Mat(m.rows, m.cols);
  for (let i = 0; i < m.data.length; i++) o.data[i] = m.data[i]! + sigma * rng.normal();
  return o;
}

function row(model: string, base: number, std: number | null): LeaderboardRow {
  const E = {} as Record<EName, number>;
  let sum = 0;
  E_NAMES.forEach((e, i) => {
    E[e] = Math.max(-100, Math.min(100, base + 30 * Math.sin(i)));
    sum += E[e];
  });
  return { model, E, composite: sum / 12, std, seeds: std === null ? 1 : 5 };
}

const MODELS = ["toy-alpha", "Toy Beta (rank 4)"];

function toyInput(): ReportInput {
  const lz = lorenzLike(600);
  const ks = ksLike(120, 64);
  const lzTimes = new Float64Array(600).map((_, i) => 10 + 0.01 * i);
  const ksTimes = new Float64Array(120).map((_, i) => 0.25 * i);
  const ksBad = perturbed(ks, 0.3, 2);
  ksBad.data[7] = Number.NaN; // a diverged prediction must still be drawable
  return {
    title: "Toy CTF report",
    generatedAt: "2025-01-01T00:00:00Z",
    codeVersion: "abc1234",
    datasets: [
      {
        name: "ODE_Lorenz",
        type: "dynamical",
        deltaT: 0.01,
        leaderboard: [row(MODELS[0]!, 40, 5.5), row(MODELS[1]!, -20, null)],
        examples: [
          { model: MODELS[0]!, pair: 1, truth: lz, pred: perturbed(lz, 1, 1), times: lzTimes },
          { model: MODELS[1]!, pair: 8, truth: lz, pred: perturbed(lz, 4, 3), times: lzTimes },
        ],
      },
      {
        name: "PDE_KS",
        type: "spatio-temporal",
        deltaT: 0.25,
        leaderboard: [row(MODELS[1]!, 60, 2), row(MODELS[0]!, 10, 8)],
        examples: [
          { model: MODELS[1]!, pair: 1, truth: ks, pred: perturbed(ks, 0.1, 4), times: ksTimes },
          { model: MODELS[0]!, pair: 8, truth: ks, pred: ksBad, times: ksTimes },
        ],
      },
    ],
    notes: ["Toy numbers & <script>alert(1)</script> must be escaped."],
  };
}

describe("spider chart geometry", () => {
  it("puts E = 100 on the unit rim and E = −100 exactly at the centre", () => {
    // r = (E + 100)/200 (header of charts/spider.ts): r(100) = 1, r(−100) = 0, r(0) = 1/2, r(−50) = 1/4.
    assert.equal(spiderRadius(100), 1);
    assert.equal(spiderRadius(-100), 0);
    assert.equal(spiderRadius(0), 0.5);
    assert.equal(spiderRadius(-50), 0.25);
    // Clipped to [−100, 100] first (spec ctf.md §2.6).
    assert.equal(spiderRadius(250), 1);
    assert.equal(spiderRadius(-1e9), 0);
    for (let k = 0; k < 12; k++) {
      const rim = spiderPoint(k, 100);
      assert.equal(rim.r, 1);
      assert.ok(Math.abs(Math.hypot(rim.x, rim.y) - 1) < 1e-15, `spoke ${k}: |(x, y)| = 1`);
      const c = spiderPoint(k, -100);
      assert.equal(c.x, 0);
      assert.equal(c.y, 0);
    }
    // E1 at the top: (0, 1); E4 (θ = π/2) on the right: x = sin(π/2) = 1.
    assert.deepEqual(spiderPoint(0, 100), { x: 0, y: 1, r: 1 });
    assert.equal(spiderPoint(3, 100).x, 1);
    // E7 (θ = π) at the bottom, E = 0 → (0, −0.5) up to cos/sin rounding.
    const p7 = spiderPoint(6, 0);
    assert.ok(Math.abs(p7.x) < 1e-16 && p7.y === -0.5);
  });

  it("closes each model's polygon: 13 vertices, the last equal to the first", () => {
    const poly = spiderPolygons([row("m", 0, null)]);
    assert.equal(poly.length, 13);
    assert.equal(poly[12]!.x, poly[0]!.x);
    assert.equal(poly[12]!.y, poly[0]!.y);
    assert.equal(poly[12]!.score, "E1");
  });
});

describe("chart data", () => {
  it("bins the last 500 rows in 41 bins on the joint range, as the long-time score", () => {
    const lz = lorenzLike(600);
    const pred = perturbed(lz, 2, 9);
    const hs = featureHistograms({ model: "m", pair: 1, truth: lz, pred, times: new Float64Array(600) });
    assert.equal(hs.length, 3);
    for (const [j, h] of hs.entries()) {
      assert.equal(h.truth.length, 41);
      assert.equal(h.edges.length, 42);
      assert.equal(
        h.truth.reduce((a, b) => a + b, 0),
        500,
      );
      assert.equal(
        h.pred.reduce((a, b) => a + b, 0),
        500,
      );
      let lo = Infinity;
      let hi = -Infinity;
      for (let r = 100; r < 600; r++) {
        lo = Math.min(lo, lz.get(r, j), pred.get(r, j));
        hi = Math.max(hi, lz.get(r, j), pred.get(r, j));
      }
      assert.equal(h.edges[0], lo);
      assert.equal(h.edges[41], hi);
    }
  });

  it("takes the PSD of the score: last 20 rows, wavenumbers capped at S − ⌊S/2⌋", () => {
    const ks = ksLike(120, 64);
    const sp = exampleSpectra({ model: "m", pair: 1, truth: ks, pred: ks, times: new Float64Array(120) });
    // S = 64 → at most 32 wavenumbers (long-time-psd.ts maxPsdModes).
    assert.equal(sp.modes, 32);
    assert.equal(sp.k, 20);
    assert.deepEqual(sp.truth, psd(ks, 20, 32));
    // sin(3x − t) has |DFT|² = (S/2)² = 1024 at m = 3 for every row; 0.5cos(5x + ·): (S/4)² = 256 at m = 5.
    assert.ok(Math.abs(sp.truth[3]! - 1024) < 1e-9);
    assert.ok(Math.abs(sp.truth[5]! - 256) < 1e-9);
  });

  it("subsamples heatmaps to at most the requested cells and shares one colour domain", () => {
    assert.deepEqual(strideIndices(10, 4), { idx: [0, 3, 6, 9], stride: 3 });
    assert.deepEqual(strideIndices(3, 100), { idx: [0, 1, 2], stride: 1 });
    // Joint range when the prediction stays near the truth; truth range (clamped) when it runs far off.
    assert.deepEqual(heatmapDomain([-1, 1], [-1.2, 0.5]).domain, [-1.2, 1]);
    const far = heatmapDomain([-1, 1], [-50, 3, Number.NaN]);
    assert.deepEqual(far.domain, [-1, 1]);
    assert.equal(far.clamped, true);
    assert.deepEqual(far.predRange, [-50, 3]);
  });
});

describe("HTML pieces", () => {
  it("colours scores on a diverging scale: −100 red, 0 white, 100 blue", () => {
    // Stops of html.ts (ColorBrewer RdBu ends, neutral middle).
    assert.equal(scoreColor(-100), "rgb(178, 24, 43)");
    assert.equal(scoreColor(0), "rgb(247, 247, 247)");
    assert.equal(scoreColor(100), "rgb(33, 102, 172)");
    assert.equal(scoreColor(-1000), "rgb(178, 24, 43)");
    // Halfway between the 0 and 50 stops: (247 + 103)/2 = 175, (247 + 169)/2 = 208, (247 + 207)/2 = 227.
    assert.equal(scoreColor(25), "rgb(175, 208, 227)");
  });

  it("escapes text, makes slugs, prefixes SVG ids and compacts numbers", () => {
    assert.equal(escapeHtml(`<a href="x">&'`), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    assert.equal(slug("PDE_KS"), "pde-ks");
    assert.equal(slug("Toy Beta (rank 4)"), "toy-beta-rank-4");
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><clipPath id="clip1"></clipPath>' +
      '</defs><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>';
    assert.equal(
      inlineSvg(svg, "c"),
      '<svg width="10" height="10"><defs><clipPath id="c-clip1"></clipPath></defs>' +
        '<g clip-path="url(#c-clip1)"><use href="#c-clip1"/></g></svg>',
    );
    assert.equal(
      compactSvg('<path d="M0.123456,2.4000000000000057h-0.0001Z" fill="rgb(242, 169, 141)"/>'),
      '<path d="M0.12,2.4h0Z" fill="#f2a98d"/>',
    );
  });
});

describe("writeReport", () => {
  const dir = mkdtempSync(join(tmpdir(), "ansatz-report-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a self-contained page naming every model, with one SVG per chart and PNG files", async () => {
    const input = toyInput();
    const out = await writeReport(input, dir);
    assert.equal(out.html, join(dir, "index.html"));
    const html = readFileSync(out.html, "utf8");
    assert.ok(html.startsWith("<!DOCTYPE html>"));
    // Self-contained: no URL at all, no script, no external stylesheet, image or font.
    assert.equal(/https?:\/\//i.test(html), false, "no http(s) URL anywhere");
    assert.equal(/<script/i.test(html), false, "no <script> element");
    assert.equal(/\ssrc\s*=/i.test(html), false, "no src attribute");
    assert.equal(/<link\b/i.test(html), false, "no <link>");
    assert.equal(/@import|@font-face/i.test(html), false, "no imported CSS or web font");
    assert.equal(/url\((?!#)/.test(html), false, "url(...) only for in-page #ids");
    for (const m of html.matchAll(/href="([^"]*)"/g)) assert.ok(m[1]!.startsWith("#"), `href ${m[1]}`);
    // The note is escaped, the meta data shown.
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert.ok(html.includes("2025-01-01T00:00:00Z") && html.includes("abc1234"));
    // Every model named; one leaderboard row per model and data set (2 × 2).
    for (const m of MODELS) assert.ok(html.includes(escapeHtml(m)), m);
    assert.equal(html.match(/<td class="model">/g)?.length, 4);
    assert.equal(html.match(/<table class="leaderboard">/g)?.length, 2);
    // Charts: per data set spider + bars, then two per example (2 examples each): 2 × (2 + 4) = 12.
    const figures = [...html.matchAll(/<figure id="([^"]+)">(<svg[\s\S]*?<\/svg>)/g)];
    assert.equal(figures.length, 12);
    const ids = figures.map((f) => f[1]!);
    assert.equal(new Set(ids).size, 12);
    assert.ok(ids.includes("ode-lorenz-spider") && ids.includes("pde-ks-heatmaps-toy-alpha-pair8"));
    for (const [, id, svg] of figures) {
      assert.match(svg!, /^<svg[^>]*\swidth="\d+(\.\d+)?"/, `${id}: <svg with a width`);
      // Well-formed: resvg's XML parser accepts it (the namespace restored as for a standalone file).
      const standalone = svg!.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
      const r = new Resvg(standalone);
      assert.ok(r.width > 0 && r.height > 0, `${id}: parsed with a size`);
    }
    // The diverged prediction is drawn and said to be incomplete.
    assert.ok(html.includes("1 non-finite prediction value left out"));
    // PNGs: one per chart, named <dataset>-<chart>.png, each starting with the PNG signature.
    assert.equal(out.pngs.length, 12);
    for (const p of out.pngs) {
      assert.ok(p.startsWith(join(dir, "png")) && p.endsWith(".png"), p);
      const bytes = readFileSync(p);
      assert.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE, p);
    }
    assert.ok(existsSync(join(dir, "png", "ode-lorenz-spider.png")));
    assert.ok(existsSync(join(dir, "png", "pde-ks-spectra-toy-beta-rank-4-pair1.png")));
  });

  it("refuses an example whose prediction has the wrong shape, naming the field", async () => {
    const input = toyInput();
    const ex = input.datasets[1]!.examples[0]!;
    ex.pred = new Mat(ex.truth.rows, ex.truth.cols - 1);
    await assert.rejects(
      writeReport(input, join(dir, "bad")),
      (e: unknown) =>
        e instanceof AnsatzError &&
        e.code === "bad-shape" &&
        e.message.startsWith("report.datasets[1].examples[0].pred: expected the truth's shape [120, 64]"),
    );
    assert.equal(existsSync(join(dir, "bad", "index.html")), false);
  });

  it("refuses a non-finite score, naming the row and score", async () => {
    const input = toyInput();
    input.datasets[0]!.leaderboard[1]!.E.E7 = Number.NaN;
    await assert.rejects(
      writeReport(input, join(dir, "bad2")),
      (e: unknown) =>
        e instanceof AnsatzError &&
        e.code === "not-finite" &&
        e.message.includes("report.datasets[0].leaderboard[1].E.E7"),
    );
  });
});
