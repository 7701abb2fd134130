// The entropy-production `estimate` challenges of the common task framework (DESIGN.md "Framework"; issue 5
// item 4) and the EP estimators as models that enter them. A challenge simulates one steady-state overdamped
// system with an exact EP rate (spec hamiltonian-causal.md §4.1): S3 curl trap (σ = 2ε²/k = 0.18) or S5
// two-temperature bead-spring (σ = k(T1 − T2)²/(4eT1T2) = 2.025). The public part is the position trajectories
// only; the hidden part is the exact continuous-time rate. Score = relative error |rate − σ|/σ.
import { z } from "zod";
import { AnsatzError } from "../../core/errors.ts";
import { Rng } from "../../core/random.ts";
import type { Challenge, Prepared, ScoreSheet, Size } from "../../ctf/challenge.ts";
import type { Model } from "../../ctf/model.ts";
import { parseModelConfig } from "../../ctf/model-config.ts";
import { challenges, models } from "../../ctf/registry.ts";
import { estimateEntropyProduction } from "./estimate.ts";
import { simulateOverdamped } from "./simulate.ts";
import { s3CurlTrap, s5BeadSpring } from "./systems.ts";
import type { Ensemble } from "./trajectory.ts";

/** Systems an EP challenge can be built on. */
export type EpSystem = "S3" | "S5";

/** What a model sees: the trajectories and a description of the task (no parameters, no exact value). */
export interface EpPublic {
  system: EpSystem;
  description: string;
  trajectories: Ensemble;
}

/** The exact EP rate the submission is scored against, with its convention. */
export interface EpHidden {
  system: EpSystem;
  rate: number;
  convention: string;
}

/** A submission: the estimated EP rate per unit time (k_B = 1), optionally its standard error. */
export interface EpSubmission {
  rate: number;
  stderr?: number;
  convention?: string;
}

/** Recording plan per system and size: one long stationary path of nPoints samples at dt. */
const PLAN: Record<EpSystem, Record<Size, { nPoints: number; dt: number; substeps: number }>> = {
  // τ = 10 000 (quick) / 20 000 (full), dt = 0.01 with 10 Euler substeps (spec §4.3 test 7).
  S3: {
    quick: { nPoints: 1_000_001, dt: 0.01, substeps: 10 },
    full: { nPoints: 2_000_001, dt: 0.01, substeps: 10 },
  },
  // τ = 500 (quick) / 2000 (full), dt = 1e-3 (spec §4.3 test 11).
  S5: {
    quick: { nPoints: 500_001, dt: 1e-3, substeps: 1 },
    full: { nPoints: 2_000_001, dt: 1e-3, substeps: 1 },
  },
};

const DESCRIPTION: Record<EpSystem, string> = {
  S3: "2-D overdamped positions of a stationary non-equilibrium steady state (constant, isotropic diffusion), one path",
  S5: "2-D overdamped positions of a stationary non-equilibrium steady state (two coordinates at different temperatures), one path",
};

function simulateSystem(system: EpSystem, seed: number, size: Size): { e: Ensemble; exact: number } {
  const plan = PLAN[system][size];
  const rng = new Rng(seed);
  const opts = { nPaths: 1, nPoints: plan.nPoints, dt: plan.dt, substeps: plan.substeps, rng };
  if (system === "S3") {
    const s = s3CurlTrap();
    return { e: simulateOverdamped(s.model, s.init, opts), exact: s.exact.epRate };
  }
  const s = s5BeadSpring();
  return { e: simulateOverdamped(s.model, s.init, opts), exact: s.exact.epRate };
}

/** Builds the EP estimate challenge on one system (S3 → id `hcm-entropy-production`, S5 → `…-s5`). */
export function entropyProductionChallenge(system: EpSystem): Challenge<EpPublic, EpHidden, EpSubmission> {
  return {
    id: system === "S3" ? "hcm-entropy-production" : "hcm-entropy-production-s5",
    title:
      system === "S3"
        ? "Entropy production rate from trajectories: overdamped curl trap S3 (exact 2ε²/k = 0.18)"
        : "Entropy production rate from trajectories: two-temperature bead-spring S5 (exact 2.025)",
    kind: "estimate",
    source: "methods/hamiltonian-causal",
    prepare({ seed, size }): Prepared<EpPublic, EpHidden> {
      if (!Number.isInteger(seed))
        throw AnsatzError.expected("bad-argument", "seed", "an integer", `${seed}`);
      if (size !== "quick" && size !== "full")
        throw AnsatzError.expected("bad-argument", "size", '"quick" or "full"', `${size}`);
      const { e, exact } = simulateSystem(system, seed, size);
      return {
        public: {
          system,
          description: `${DESCRIPTION[system]}; Δt = ${e.dt}; estimate the total EP rate per unit time (k_B = 1)`,
          trajectories: e,
        },
        hidden: {
          system,
          rate: exact,
          convention:
            "exact continuous-time steady-state total EP rate per unit time (k_B = 1), closed form (spec §4.1)",
        },
      };
    },
    score(submission, hidden): ScoreSheet {
      const r = submission?.rate;
      if (typeof r !== "number" || !Number.isFinite(r))
        throw AnsatzError.expected("bad-value", "submission rate", "a finite number", `${r}`);
      const relativeError = Math.abs(r - hidden.rate) / hidden.rate;
      const scores: Record<string, number> = { relativeError };
      const notes = [`${hidden.system}: exact rate ${hidden.rate} (${hidden.convention})`];
      const se = submission.stderr;
      if (typeof se === "number" && Number.isFinite(se) && se > 0) {
        scores.zScore = (r - hidden.rate) / se;
        notes.push("zScore = (rate − exact)/stderr");
      }
      if (submission.convention) notes.push(`submission convention: ${submission.convention}`);
      return { scores, notes };
    },
  };
}

/** Estimator ids of the EP models. */
export type EpModelEstimator = "sfi" | "tur" | "neep" | "binned";

/** Config of an EP model: the basis (sfi, tur, neep) or the bins per coordinate (binned). */
export interface EpModelConfig {
  basis?: "linear" | "poly2";
  bins?: number;
}

/** An EP estimator entering the `estimate` challenges: estimate(public, config) → submission. */
export interface EpModel extends Model<EpModelConfig> {
  estimator: EpModelEstimator;
  estimate(pub: EpPublic, config: EpModelConfig): EpSubmission;
}

const basisSchema = z.strictObject({ basis: z.enum(["linear", "poly2"]).default("linear") });
const binsSchema = z.strictObject({ bins: z.number().int().min(2).max(100).default(10) });

const TITLES: Record<EpModelEstimator, string> = {
  sfi: "SFI projection EP (Frishman & Ronceray 2020), debiased",
  tur: "Short-time TUR EP lower bound (Manikandan et al. 2020; Otsubo et al. 2020)",
  neep: "Linear NEEP EP (Kim et al. 2020), cross-fitted",
  binned: "Binned transition-KL plug-in EP (Roldán & Parrondo 2010)",
};

function epModel(estimator: EpModelEstimator): EpModel {
  const id = `ep-${estimator}`;
  const binned = estimator === "binned";
  return {
    id,
    title: TITLES[estimator],
    kind: "estimate",
    source: "methods/hamiltonian-causal",
    estimator,
    defaultConfig: binned ? { bins: 10 } : { basis: "linear" },
    parseConfig: (raw) => parseModelConfig(binned ? binsSchema : basisSchema, raw, id),
    estimate(pub, config) {
      const r = estimateEntropyProduction(pub.trajectories, estimator, config);
      return { rate: r.rate, stderr: r.stderr, convention: r.convention };
    },
  };
}

/** The four EP models: ep-sfi, ep-tur, ep-neep, ep-binned. */
export const EP_MODELS: readonly EpModel[] = (["sfi", "tur", "neep", "binned"] as const).map(epModel);

/** Runs an EP model (or an id: one of EP_MODELS, else a registered model) on prepared public data with a raw config (validated by parseConfig). */
export function runEpModel(model: EpModel | string, pub: EpPublic, rawConfig?: unknown): EpSubmission {
  const m = typeof model === "string" ? (EP_MODELS.find((x) => x.id === model) ?? models.get(model)) : model;
  if (m.kind !== "estimate" || typeof (m as EpModel).estimate !== "function") {
    throw AnsatzError.expected(
      "bad-argument",
      `model ${m.id}`,
      'a model of kind "estimate" with estimate()',
      `kind "${m.kind}"`,
    );
  }
  const em = m as EpModel;
  const config = rawConfig === undefined ? em.defaultConfig : em.parseConfig(rawConfig);
  return em.estimate(pub, config);
}

/** Prepares a challenge, runs the model on its public part, and scores it against the hidden part. */
export function runEpChallenge(
  challenge: Challenge<EpPublic, EpHidden, EpSubmission>,
  model: EpModel | string,
  opts: { seed: number; size: Size; config?: unknown },
): { submission: EpSubmission; score: ScoreSheet } {
  const prepared = challenge.prepare({ seed: opts.seed, size: opts.size }) as Prepared<EpPublic, EpHidden>;
  const submission = runEpModel(model, prepared.public, opts.config);
  return { submission, score: challenge.score(submission, prepared.hidden) };
}

/** Registers the two EP challenges and the four EP models. */
export function registerEpChallenges(): void {
  challenges.add(entropyProductionChallenge("S3") as Challenge);
  challenges.add(entropyProductionChallenge("S5") as Challenge);
  for (const m of EP_MODELS) models.add(m as unknown as Model);
}
