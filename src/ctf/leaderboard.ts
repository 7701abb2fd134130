// The leaderboard of one data set (issue 4, spec ctf.md §2.6–2.7, §5.3): for each (model, config hash),
// every seed's profile E1…E12 — a pair that failed, was skipped or was not run scores −100, as the
// reference's sheets replace missing scores (`visualize_scores_helpers.load_sheets_data`) — then the
// mean of each E over the seeds, the composite (mean of the twelve averaged E = mean over seeds of the
// per-seed composites) and its standard deviation across seeds. As `benchmark_module.ModelBenchmarker`,
// the std is numpy's `np.std` (population, ddof 0) and is reported only when at least 3 seeds succeeded
// (a seed succeeds when every pair of the data set — by default every pair that any unit of the data set
// has — has a unit for it and none failed; skipped pairs are the model's declared scope, not failures);
// otherwise std is null. Rows are sorted by composite, best
// first (ties by model id).
import { E_IDS, type EId, PAIR_IDS, PAIRS, type PairId } from "./dynamics/pairs.ts";
import type { ResultsStore, StoredUnit } from "./store.ts";

/** Minimum successful seeds for a std (spec §2.7). */
export const MIN_SEEDS_FOR_STD = 3;

export interface LeaderboardRow {
  model: string;
  configHash: string;
  config: unknown;
  /** Each E averaged over the seeds (failed / missing pairs −100). */
  E: Record<EId, number>;
  /** Mean of the twelve averaged E. */
  composite: number;
  /** Population std of the per-seed composites; null with fewer than 3 successful seeds. */
  std: number | null;
  /** Population std of each E over seeds; null with fewer than 3 successful seeds. */
  Estd: Record<EId, number> | null;
  /** Seeds with at least one stored unit. */
  seeds: number;
  /** Seeds whose every pair is stored and none failed. */
  seedsOk: number;
  /** Failed units (all seeds). */
  failures: number;
  /** Total wall-clock seconds of predict over all units. */
  seconds: number;
}

export interface LeaderboardOptions {
  /** Pairs a seed must have to succeed (default: every pair found among the units given). */
  pairs?: readonly PairId[];
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** numpy `np.std(x)` (ddof 0). */
function popStd(xs: readonly number[]): number {
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / xs.length);
}

/** Leaderboard rows of one data set's units (pure; see the file header for the rules). */
export function leaderboardFromUnits(
  units: readonly StoredUnit[],
  opts: LeaderboardOptions = {},
): LeaderboardRow[] {
  const pairs = opts.pairs ?? PAIR_IDS.filter((p) => units.some((u) => u.pair === p));
  const groups = new Map<string, StoredUnit[]>();
  for (const u of units) {
    const k = `${u.model}\u0000${u.configHash}`;
    const g = groups.get(k);
    if (g) g.push(u);
    else groups.set(k, [u]);
  }
  const rows: LeaderboardRow[] = [];
  for (const g of groups.values()) {
    const bySeed = new Map<number, StoredUnit[]>();
    for (const u of g) {
      const s = bySeed.get(u.seed);
      if (s) s.push(u);
      else bySeed.set(u.seed, [u]);
    }
    const seedProfiles: Record<EId, number>[] = [];
    const seedComposites: number[] = [];
    let seedsOk = 0;
    for (const su of bySeed.values()) {
      const E = {} as Record<EId, number>;
      for (const e of E_IDS) E[e] = -100;
      for (const u of su) {
        if (u.status !== "ok") continue;
        for (const e of PAIRS[u.pair].e) {
          const v = u.E[e];
          if (typeof v === "number" && Number.isFinite(v)) E[e] = v;
        }
      }
      const have = new Set(su.map((u) => u.pair));
      if (pairs.every((p) => have.has(p)) && su.every((u) => u.status !== "failed")) seedsOk++;
      seedProfiles.push(E);
      seedComposites.push(mean(E_IDS.map((e) => E[e])));
    }
    const E = {} as Record<EId, number>;
    for (const e of E_IDS) E[e] = mean(seedProfiles.map((p) => p[e]));
    const enough = seedsOk >= MIN_SEEDS_FOR_STD;
    let Estd: Record<EId, number> | null = null;
    if (enough) {
      Estd = {} as Record<EId, number>;
      for (const e of E_IDS) Estd[e] = popStd(seedProfiles.map((p) => p[e]));
    }
    const first = g[0]!;
    rows.push({
      model: first.model,
      configHash: first.configHash,
      config: first.config,
      E,
      composite: mean(E_IDS.map((e) => E[e])),
      std: enough ? popStd(seedComposites) : null,
      Estd,
      seeds: bySeed.size,
      seedsOk,
      failures: g.filter((u) => u.status === "failed").length,
      seconds: g.reduce((s, u) => s + u.seconds, 0),
    });
  }
  rows.sort((a, b) => b.composite - a.composite || a.model.localeCompare(b.model));
  return rows;
}

/** The leaderboard of `dataset` from the store (pairs: those the data set has, when given). */
export function leaderboard(
  store: ResultsStore,
  dataset: string,
  opts: LeaderboardOptions & { model?: string } = {},
): LeaderboardRow[] {
  return leaderboardFromUnits(store.units({ dataset, model: opts.model }), opts);
}

/** The JSON form of the issue: `{model, E: {E1…E12}, composite, std, seeds}` (plus config hash). */
export function leaderboardJson(rows: readonly LeaderboardRow[]): Record<string, unknown>[] {
  return rows.map((r) => ({
    model: r.model,
    configHash: r.configHash,
    E: r.E,
    composite: r.composite,
    std: r.std,
    seeds: r.seeds,
  }));
}

/** A fixed-width text table: rank, model, composite ± std, seeds, E1…E12 (one decimal). */
export function formatLeaderboard(rows: readonly LeaderboardRow[], title?: string): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.model, (counts.get(r.model) ?? 0) + 1);
  const label = (r: LeaderboardRow) =>
    (counts.get(r.model) ?? 0) > 1 ? `${r.model} [${r.configHash.slice(0, 6)}]` : r.model;
  const head = ["#", "model", "composite", "± std", "seeds", ...E_IDS];
  const body = rows.map((r, i) => [
    String(i + 1),
    label(r),
    r.composite.toFixed(2),
    r.std === null ? "–" : r.std.toFixed(2),
    r.seedsOk === r.seeds ? String(r.seeds) : `${r.seedsOk}/${r.seeds}`,
    ...E_IDS.map((e) => r.E[e].toFixed(1)),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((b) => b[j]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, j) => (j === 1 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join("  ");
  const out: string[] = [];
  if (title) out.push(title);
  out.push(line(head), widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) out.push(line(b));
  if (rows.length === 0) out.push("(no results)");
  out.push(
    `scores clipped to [−100, 100]; failed or missing pairs −100; std (np.std over seeds) only with ≥ ${MIN_SEEDS_FOR_STD} successful seeds`,
  );
  return out.join("\n");
}
