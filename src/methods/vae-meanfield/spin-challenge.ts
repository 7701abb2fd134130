// The `generate` challenges of the VAE mean-field module (issue 6 item 6): "reproduce an equilibrium spin
// distribution". prepare draws exact equilibrium samples of a solvable spin model (public) and keeps the
// reference statistics hidden: the pairwise correlations ⟨s_i s_j⟩ and the distribution P(k) of the number
// of up spins (exact for Curie–Weiss, from a large independent sample for Hopfield) and, for Hopfield, the
// pattern matrix. A submission is a set of generated ±1 samples, optionally with recovered patterns.
// Scores (lower is better except patternOverlap): corrErrMean / corrErrMax = mean / max over i < j of
// |⟨s_i s_j⟩_gen − ⟨s_i s_j⟩_ref|, magTV = ½ Σ_k |P_gen(k) − P_ref(k)|, patternOverlap = min_μ q_μ
// (spec vae-meanfield.md §2.4, maximised over permutations and signs), 0 with a note when none are given.
import { formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import type { Challenge, ScoreSheet, Size } from "../../ctf/challenge.ts";
import { curieWeiss, cwCountPmf, cwPairCorrelation, sampleCurieWeiss } from "./curie-weiss.ts";
import { hopfield, randomPatterns } from "./hopfield.ts";
import { sampleHopfield } from "./hopfield-samplers.ts";
import { matchPatterns } from "./pattern-match.ts";
import { correlationError, magnetisationPmf, pairCorrelations, totalVariation } from "./spin-statistics.ts";

/** Public data: ±1 samples [rows, N] and the number of order-parameter components of the system family. */
export interface SpinPublic {
  system: string;
  samples: Mat;
  /** The order parameter's number of components (1 for Curie–Weiss, P for Hopfield): the paper's choice of K. */
  orderParameterComponents: number;
}

/** Hidden reference statistics. */
export interface SpinHidden {
  corr: Mat;
  countPmf: Float64Array;
  patterns?: Mat;
}

/** A submission: generated ±1 samples [rows, N] and optionally recovered ±1 patterns [N, Q]. */
export interface SpinSubmission {
  samples: Mat;
  patterns?: Mat;
}

function checkPm1(x: Mat, where: string): void {
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i]!;
    if (v !== 1 && v !== -1) {
      const n = x.cols;
      throw AnsatzError.expected(
        "bad-value",
        `${where} row ${Math.floor(i / n)}, column ${i % n}`,
        "a spin −1 or +1",
        String(v),
      );
    }
  }
}

/** Scores generated samples (and patterns) against the hidden reference statistics. */
export function scoreSpins(sub: SpinSubmission, hidden: SpinHidden): ScoreSheet {
  const n = hidden.corr.rows;
  if (!(sub?.samples instanceof Mat) || sub.samples.cols !== n || sub.samples.rows < 1) {
    throw AnsatzError.expected(
      "bad-shape",
      "submission samples",
      `a Mat [rows ≥ 1, ${n}]`,
      sub?.samples instanceof Mat ? formatShape(sub.samples.shape) : typeof sub?.samples,
    );
  }
  checkPm1(sub.samples, "submission samples");
  const err = correlationError(pairCorrelations(sub.samples), hidden.corr);
  const magTV = totalVariation(magnetisationPmf(sub.samples), hidden.countPmf);
  const scores: Record<string, number> = { corrErrMean: err.mean, corrErrMax: err.max, magTV };
  const notes = [
    `${sub.samples.rows} generated samples; corrErr over i < j of |⟨s_i s_j⟩ − reference|; magTV = TV of P(#up)`,
  ];
  if (hidden.patterns) {
    if (sub.patterns) {
      if (sub.patterns.rows !== n) {
        throw AnsatzError.expected(
          "bad-shape",
          "submission patterns",
          `[${n}, Q]`,
          formatShape(sub.patterns.shape),
        );
      }
      checkPm1(sub.patterns, "submission patterns");
      scores.patternOverlap = matchPatterns(hidden.patterns, sub.patterns).min;
    } else {
      scores.patternOverlap = 0;
      notes.push("no patterns submitted: patternOverlap = 0");
    }
  }
  return { scores, notes };
}

const SIZES: Record<Size, { rows: number }> = { quick: { rows: 5000 }, full: { rows: 20000 } };

/** Curie–Weiss, N = 64, β = 1.5 (ordered, bimodal P(M)); the reference P(k) and ⟨s_i s_j⟩ are exact. */
export const curieWeissChallenge: Challenge<SpinPublic, SpinHidden, SpinSubmission> = {
  id: "spins-curie-weiss",
  title: "Reproduce an equilibrium spin distribution: Curie–Weiss N = 64, βJ = 1.5 (exact references)",
  kind: "generate",
  source: "methods/vae-meanfield",
  prepare({ seed, size }) {
    const model = curieWeiss(64, 1.5);
    const samples = sampleCurieWeiss(model, SIZES[size].rows, new Rng(seed));
    const c = cwPairCorrelation(model);
    const corr = new Mat(64, 64);
    corr.data.fill(c);
    for (let i = 0; i < 64; i++) corr.data[i * 64 + i] = 1;
    return {
      public: { system: "curie-weiss N=64 betaJ=1.5", samples, orderParameterComponents: 1 },
      hidden: { corr, countPmf: cwCountPmf(model) },
    };
  },
  score: scoreSpins,
};

/** Hopfield, N = 64, P = 3 random patterns, T = 0.8 (retrieval phase); references from 100 000 held-out samples. */
export const hopfieldChallenge: Challenge<SpinPublic, SpinHidden, SpinSubmission> = {
  id: "spins-hopfield",
  title: "Reproduce an equilibrium spin distribution: Hopfield N = 64, P = 3, T = 0.8 (patterns hidden)",
  kind: "generate",
  source: "methods/vae-meanfield",
  prepare({ seed, size }) {
    const rng = new Rng(seed);
    const model = hopfield(randomPatterns(64, 3, rng.split()), 1 / 0.8);
    const samples = sampleHopfield(model, SIZES[size].rows, rng.split());
    const reference = sampleHopfield(model, 100000, rng.split());
    return {
      public: { system: "hopfield N=64 P=3 T=0.8", samples, orderParameterComponents: 3 },
      hidden: {
        corr: pairCorrelations(reference),
        countPmf: magnetisationPmf(reference),
        patterns: model.patterns,
      },
    };
  },
  score: scoreSpins,
};

export const SPIN_CHALLENGES = [curieWeissChallenge, hopfieldChallenge] as const;
