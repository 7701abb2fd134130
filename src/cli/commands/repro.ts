// `ansatz repro NAME`: runs a registered reproduction and prints its claims (measured vs reference).
import { join, resolve } from "node:path";
import type { Command } from "commander";
import type { TopLevelSpec } from "vega-lite";
import { writeFileAtomic } from "../../ctf/formats/atomic-write.ts";
import { reproductions } from "../../ctf/registry.ts";
import type { ReproResult } from "../../ctf/reproduction.ts";
import { renderChart } from "../../report/render.ts";
import { fmt, formatTable, printJson, status } from "../output.ts";

function show(v: unknown): string {
  if (typeof v === "number") return fmt(v, 6);
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && !Array.isArray(v)) {
    return Object.entries(v)
      .map(([k, x]) => `${k}=${show(x)}`)
      .join(" ");
  }
  return JSON.stringify(v);
}

/** The claims of a reproduction as a text table with a pass count. */
export function formatClaims(result: ReproResult): string {
  const rows = result.claims.map((c) => [
    c.id,
    c.pass ? "pass" : "FAIL",
    show(c.measured),
    show(c.reference),
    show(c.tolerance),
  ]);
  const passed = result.claims.filter((c) => c.pass).length;
  return `${formatTable(["claim", "result", "measured", "reference", "tolerance"], rows)}\n${passed} of ${result.claims.length} claims pass`;
}

/** Renders each Vega-Lite plot to `<dir>/<name>.svg` and `.png` (atomic writes); returns the written paths. */
export async function writePlots(
  plots: { name: string; spec: object }[],
  dir: string,
  label: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const p of plots) {
    const chart = await renderChart(p.spec as TopLevelSpec, `${label} plot ${p.name}`);
    for (const [ext, data] of [
      ["svg", chart.svg],
      ["png", chart.png],
    ] as const) {
      const path = join(dir, `${p.name}.${ext}`);
      writeFileAtomic(path, data);
      written.push(path);
    }
  }
  return written;
}

/** Renders each plot of `result` to `<dir>/<name>.svg` and `.png`; returns the written paths. */
export function writeReproPlots(result: ReproResult, dir: string): Promise<string[]> {
  return writePlots(result.plots ?? [], dir, result.method);
}

export function registerRepro(program: Command): void {
  program
    .command("repro")
    .description("reproduce a module's claims and print measured vs reference values (see `ansatz list`)")
    .argument("<name>", "the reproduction id, e.g. foundation")
    .option("--quick", "a shorter run at smaller sizes (what the tests and the main job use)")
    .option(
      "--json",
      "print one JSON object {method, claims: [{id, description, measured, reference, tolerance, pass}]}",
    )
    .option(
      "--plots <dir>",
      "render the reproduction's charts to <dir>/<name>.svg and .png (where it has any)",
    )
    .action(async (name: string, opts: { quick?: boolean; json?: boolean; plots?: string }) => {
      const repro = reproductions.get(name);
      const t0 = performance.now();
      const result = await repro.run({ quick: Boolean(opts.quick), onProgress: status });
      if (opts.plots !== undefined) {
        const dir = resolve(opts.plots);
        const written = await writeReproPlots(result, dir);
        // always said (stderr, so that --json stays one object on stdout)
        process.stderr.write(
          `${
            written.length > 0
              ? `wrote ${written.length} plot files to ${dir}: ${written.map((w) => w.slice(dir.length + 1)).join(", ")}`
              : `${name} has no plots; nothing written to ${dir}`
          }\n`,
        );
      }
      if (opts.json) return printJson(result);
      process.stdout.write(`${repro.title}\n\n`);
      for (const c of result.claims) process.stdout.write(`- ${c.id}: ${c.description}\n`);
      process.stdout.write(
        `\n${formatClaims(result)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
      );
    });
}
