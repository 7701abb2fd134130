// Running one model on one challenge of a single-submission kind (DESIGN.md, "Framework"): every kind except
// `forecast` (which has pairs, seeds and a resumable batch runner, runner.ts) asks a model for one
// submission from the public data — `generate(pub, config)`, `sample(pub, config)` or `estimate(pub,
// config)` by kind — which the challenge scores against its hidden truth. The hidden truth never reaches the
// model. Used by the main job to put every registered model on every registered challenge.
import { AnsatzError } from "../core/errors.ts";
import type { Challenge, ChallengeKind, ScoreSheet, Size } from "./challenge.ts";
import type { Model } from "./model.ts";

/** The model method each single-submission kind calls. */
export const SUBMIT_METHOD: Record<Exclude<ChallengeKind, "forecast">, string> = {
  generate: "generate",
  "sample-posterior": "sample",
  estimate: "estimate",
};

export interface SubmitResult {
  model: string;
  sheet: ScoreSheet;
  seconds: number;
}

type Submitter = (pub: unknown, config: unknown) => unknown;

/** The submission function of `model` for `kind`, or an AnsatzError naming what is missing. */
function submitter(model: Model, kind: Exclude<ChallengeKind, "forecast">): Submitter {
  const name = SUBMIT_METHOD[kind];
  const f = (model as unknown as Record<string, unknown>)[name];
  if (model.kind !== kind || typeof f !== "function") {
    throw AnsatzError.expected(
      "bad-argument",
      `model ${model.id}`,
      `a model of kind "${kind}" with ${name}(public, config)`,
      `kind "${model.kind}"${typeof f === "function" ? "" : ` without ${name}()`}`,
    );
  }
  return (pub, config) => (f as Submitter).call(model, pub, config);
}

/** Prepares `challenge` once and scores each model's submission (default config unless given). */
export async function runSingleSubmission(
  challenge: Challenge,
  entrants: readonly Model[],
  opts: { seed: number; size: Size; configs?: Record<string, unknown> },
): Promise<SubmitResult[]> {
  if (challenge.kind === "forecast") {
    throw AnsatzError.expected(
      "bad-argument",
      `challenge ${challenge.id}`,
      "a single-submission kind (generate, sample-posterior, estimate)",
      'kind "forecast" (use the batch runner)',
    );
  }
  const kind = challenge.kind;
  const prepared = await challenge.prepare({ seed: opts.seed, size: opts.size });
  const out: SubmitResult[] = [];
  for (const model of entrants) {
    const submit = submitter(model, kind);
    const config = model.parseConfig(opts.configs?.[model.id] ?? model.defaultConfig);
    const t0 = performance.now();
    const submission = submit(prepared.public, config);
    const sheet = challenge.score(submission, prepared.hidden);
    out.push({ model: model.id, sheet, seconds: (performance.now() - t0) / 1000 });
  }
  return out;
}
