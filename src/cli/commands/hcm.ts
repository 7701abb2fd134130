// `ansatz hcm entropy-production | effect`: the Hamiltonian-causal-models module on trajectories from a
// file (overdamped positions, float64 .npy of shape [trajectories, steps, dim] or [steps, dim]).
import type { Command } from "commander";
import { AnsatzError } from "../../core/errors.ts";
import { readNpyArray } from "../../ctf/formats/npy-file.ts";
import {
  type EstimatorName,
  estimateEffect,
  estimateEntropyProduction,
} from "../../methods/hamiltonian-causal/estimate.ts";
import { type Ensemble, makeEnsemble } from "../../methods/hamiltonian-causal/trajectory.ts";
import { printJson } from "../output.ts";

const ESTIMATORS: readonly EstimatorName[] = ["known", "sfi", "tur", "neep", "binned"];

function parseDt(v: string): number {
  const dt = Number(v);
  if (!Number.isFinite(dt) || dt <= 0)
    throw AnsatzError.expected("bad-argument", "--dt", "a finite number > 0", JSON.stringify(v));
  return dt;
}

/** Reads trajectories [paths, steps, dim] (or [steps, dim], one path) from a .npy file. */
export function readEnsemble(path: string, dt: number): Ensemble {
  const a = readNpyArray(path);
  const s = a.shape;
  if (s.length !== 2 && s.length !== 3) {
    throw AnsatzError.expected(
      "bad-shape",
      path,
      "a float array [trajectories, steps, dim] or [steps, dim]",
      `shape [${s.join(", ")}]`,
    );
  }
  const [nPaths, nPoints, dim] = s.length === 3 ? [s[0]!, s[1]!, s[2]!] : [1, s[0]!, s[1]!];
  return makeEnsemble(a.data, { nPaths, nPoints, dim }, dt, 0, path);
}

export function registerHcm(program: Command): void {
  const hcm = program
    .command("hcm")
    .description("Hamiltonian causal models: entropy production and causal effects from trajectories");
  hcm
    .command("entropy-production")
    .description("estimate the entropy production rate (per unit time) from overdamped trajectories")
    .requiredOption("--input <traj.npy>", "float64 positions [trajectories, steps, dim] or [steps, dim]")
    .requiredOption("--dt <Δt>", "the time step between recorded points", parseDt)
    .option(
      "--estimator <name>",
      `one of ${ESTIMATORS.join(", ")} (known needs a model: use the library API)`,
      "sfi",
    )
    .option("--basis <basis>", "linear or poly2 (force/current basis of sfi, tur, neep)", "linear")
    .option("--json", 'print one JSON object {"estimator", "rate", "stderr", "convention"}')
    .action((opts: { input: string; dt: number; estimator: string; basis: string; json?: boolean }) => {
      if (!(ESTIMATORS as readonly string[]).includes(opts.estimator)) {
        throw AnsatzError.expected(
          "bad-argument",
          "--estimator",
          `one of ${ESTIMATORS.join(", ")}`,
          JSON.stringify(opts.estimator),
        );
      }
      if (opts.basis !== "linear" && opts.basis !== "poly2") {
        throw AnsatzError.expected("bad-argument", "--basis", "linear or poly2", JSON.stringify(opts.basis));
      }
      const e = readEnsemble(opts.input, opts.dt);
      const r = estimateEntropyProduction(e, opts.estimator as EstimatorName, { basis: opts.basis });
      const out = { estimator: r.estimator, rate: r.rate, stderr: r.stderr, convention: r.convention };
      if (opts.json) return printJson(out);
      process.stdout.write(`${r.estimator}: ${r.rate} ± ${r.stderr} per unit time\n(${r.convention})\n`);
    });
  hcm
    .command("effect")
    .description(
      "path-KL rate (drift fit + Girsanov), endpoint and cumulative ATE of each coordinate with 95% intervals",
    )
    .requiredOption("--a <a.npy>", "trajectories of arm a [trajectories, steps, dim]")
    .requiredOption("--b <b.npy>", "trajectories of arm b (same dim)")
    .requiredOption("--dt <Δt>", "the time step between recorded points", parseDt)
    .option("--json", "print one JSON object")
    .action((opts: { a: string; b: string; dt: number; json?: boolean }) => {
      const a = readEnsemble(opts.a, opts.dt);
      const b = readEnsemble(opts.b, opts.dt);
      if (a.dim !== b.dim) {
        throw AnsatzError.expected(
          "bad-shape",
          "--b",
          `trajectories of dim ${a.dim} like --a`,
          `dim ${b.dim}`,
        );
      }
      const r = estimateEffect(a, b);
      if (opts.json) return printJson(r);
      process.stdout.write(
        `path-KL rate ${r.pathKlRate} (same-sample ${r.pathKlRateSameSample})\n` +
          r.ateEnd
            .map(
              (x, i) =>
                `x${i}: ATE_end ${x.ate} [${x.ci95.join(", ")}], ATE_cum ${r.ateCum[i]!.ate} [${r.ateCum[i]!.ci95.join(", ")}]`,
            )
            .join("\n") +
          `\n(${r.convention})\n`,
      );
    });
}
