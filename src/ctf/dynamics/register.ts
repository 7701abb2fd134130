// Registers the dynamical-systems family with the framework registry: one forecast challenge per
// system (`ctf-lorenz`, `ctf-ks`, …: the nine pairs and twelve scores of the reference) and the
// baseline models.
import type { Mat } from "../../core/matrix.ts";
import type { Challenge } from "../challenge.ts";
import { challenges, models } from "../registry.ts";
import { GRU_MODEL } from "./baselines/gru-forecaster.ts";
import { DMD_AND_NAIVE_MODELS } from "./baselines/index.ts";
import { LEARNED_MODELS } from "./baselines/learned.ts";
import { loadDataset } from "./dataset.ts";
import { defaultDatasetDir, writeDataset } from "./dataset-writer.ts";
import type { ForecastModel } from "./forecast-model.ts";
import type { PairId } from "./pairs.ts";
import { scoreSubmission } from "./score-dataset.ts";
import { toScoreSheet } from "./scores/evaluate.ts";
import { SYSTEMS } from "./systems/registry.ts";
import type { DynamicalSystem } from "./systems/system.ts";

/** Every baseline forecast model, in the order the main job runs them. */
export const DYNAMICS_MODELS: readonly ForecastModel<never>[] = [
  ...(DMD_AND_NAIVE_MODELS as ForecastModel<never>[]),
  ...(LEARNED_MODELS as ForecastModel<never>[]),
  GRU_MODEL as ForecastModel<never>,
];

/** The CTF forecast challenge of one system: prepare = generate the data set; score = E1–E12 and composite. */
export function ctfChallenge(
  system: DynamicalSystem,
): Challenge<{ dir: string }, { dir: string }, Map<PairId, Mat>> {
  return {
    id: `ctf-${system.id}`,
    title: `CTF ${system.title}: forecast, denoise, limited data, parametric (E1–E12)`,
    kind: "forecast",
    source: "ctf/dynamics",
    prepare({ seed, size }) {
      const { dir } = writeDataset(system, { size, seed, dir: defaultDatasetDir(system.id, size) });
      return { public: { dir }, hidden: { dir } };
    },
    score(submission, hidden) {
      return toScoreSheet(scoreSubmission(loadDataset(hidden.dir), submission).profile);
    },
  };
}

export function registerDynamics(): void {
  for (const s of SYSTEMS) challenges.add(ctfChallenge(s));
  for (const m of DYNAMICS_MODELS) models.add(m);
}
