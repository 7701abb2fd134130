// The models entering the spin `generate` challenges (issue 6 item 6): the VAE with a linear read-out
// decoder (fit.ts; K defaults to the public number of order-parameter components, the paper's choice), the
// naive mean-field inverse Ising baseline (naive-mean-field.ts, sampled by Gibbs) and the independent-site
// model (product of the marginals: what any model must beat).
import { z } from "zod";
import { Rng } from "../../core/random.ts";
import type { Model } from "../../ctf/model.ts";
import { parseModelConfig } from "../../ctf/model-config.ts";
import { fitSpinVae } from "./fit.ts";
import { naiveMeanField, sampleIndependentSites, sampleIsingGibbs } from "./naive-mean-field.ts";
import type { SpinPublic, SpinSubmission } from "./spin-challenge.ts";
import { toPm1 } from "./spin-statistics.ts";
import { sampleVae } from "./vae-sample.ts";

/** A model entering the spin generate challenges. */
export interface SpinModel<C> extends Model<C> {
  generate(pub: SpinPublic, config: C, onProgress?: (message: string) => void): SpinSubmission;
}

const vaeSchema = z.object({
  latents: z.number().int().min(1).optional(),
  epochs: z.number().int().min(1).default(30),
  hidden: z.number().int().min(1).default(64),
  lr: z.number().positive().default(2e-3),
  batchSize: z.number().int().min(1).default(100),
  warmupEpochs: z.number().int().min(0).default(5),
  samples: z.number().int().min(1).default(20000),
  seed: z.number().int().default(0),
});
export type SpinVaeConfig = z.output<typeof vaeSchema>;

export const spinVaeModel: SpinModel<SpinVaeConfig> = {
  id: "vae-meanfield",
  title: "VAE, conditionally independent decoder with a linear read-out (K = order-parameter components)",
  kind: "generate",
  source: "methods/vae-meanfield",
  defaultConfig: vaeSchema.parse({}),
  parseConfig: (raw) => parseModelConfig(vaeSchema, raw, "vae-meanfield"),
  generate(pub, config, onProgress) {
    const k = Math.min(config.latents ?? pub.orderParameterComponents, pub.samples.cols);
    const fit = fitSpinVae(pub.samples, {
      latents: k,
      epochs: config.epochs,
      hidden: config.hidden,
      lr: config.lr,
      batchSize: config.batchSize,
      warmupEpochs: config.warmupEpochs,
      seed: config.seed,
      onEpoch: onProgress
        ? (e) => onProgress(`epoch ${e.epoch}: −ELBO ${e.negElbo.toFixed(3)}, rate ${e.rate.toFixed(3)}`)
        : undefined,
    });
    const samples = toPm1(sampleVae(fit.vae, fit.params, config.samples, new Rng(config.seed + 1)));
    return { samples, patterns: fit.patterns };
  },
};

const mfSchema = z.object({
  samples: z.number().int().min(1).default(20000),
  ridge: z.number().min(0).default(1e-3),
  chains: z.number().int().min(1).default(100),
  burnIn: z.number().int().min(0).default(200),
  thin: z.number().int().min(1).default(5),
  seed: z.number().int().default(0),
});
export type NaiveMeanFieldConfig = z.output<typeof mfSchema>;

export const naiveMeanFieldModel: SpinModel<NaiveMeanFieldConfig> = {
  id: "naive-mean-field",
  title: "Naive mean-field inverse Ising (J = −C⁻¹), sampled by Gibbs sweeps",
  kind: "generate",
  source: "methods/vae-meanfield",
  defaultConfig: mfSchema.parse({}),
  parseConfig: (raw) => parseModelConfig(mfSchema, raw, "naive-mean-field"),
  generate(pub, config) {
    const ising = naiveMeanField(pub.samples, { ridge: config.ridge });
    const samples = sampleIsingGibbs(ising, config.samples, new Rng(config.seed), {
      chains: config.chains,
      burnIn: config.burnIn,
      thin: config.thin,
    });
    return { samples };
  },
};

const indSchema = z.object({
  samples: z.number().int().min(1).default(20000),
  seed: z.number().int().default(0),
});
export type IndependentConfig = z.output<typeof indSchema>;

export const independentSitesModel: SpinModel<IndependentConfig> = {
  id: "independent-sites",
  title: "Independent sites (product of the empirical marginals)",
  kind: "generate",
  source: "methods/vae-meanfield",
  defaultConfig: indSchema.parse({}),
  parseConfig: (raw) => parseModelConfig(indSchema, raw, "independent-sites"),
  generate(pub, config) {
    return { samples: sampleIndependentSites(pub.samples, config.samples, new Rng(config.seed)) };
  },
};

export const SPIN_MODELS = [spinVaeModel, naiveMeanFieldModel, independentSitesModel] as const;
