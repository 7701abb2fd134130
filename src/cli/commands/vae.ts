// `ansatz vae fit`, `ansatz vae sample` and `ansatz vae capacity` (issue 6 items 3 and 7): a VAE with a
// conditionally independent decoder on a binary sample file ([samples, N], values ±1 or 0/1), its rate and
// distortion, the patterns and couplings read off the decoder; samples from a saved model; and the capacity
// diagnostic "is K latents enough?".
import type { Command } from "commander";
import { AnsatzError } from "../../core/errors.ts";
import { Rng } from "../../core/random.ts";
import { writeNpy } from "../../ctf/formats/npy-file.ts";
import { loadSpinSamples } from "../../methods/vae-meanfield/binary-data.ts";
import { type CapacityReport, capacityDiagnostic } from "../../methods/vae-meanfield/capacity.ts";
import { fitSpinVae } from "../../methods/vae-meanfield/fit.ts";
import { capacityPlot, trainingPlot } from "../../methods/vae-meanfield/fit-plots.ts";
import { to01, toPm1 } from "../../methods/vae-meanfield/spin-statistics.ts";
import { loadVae, saveVae } from "../../methods/vae-meanfield/vae-io.ts";
import { meanLogLikelihood } from "../../methods/vae-meanfield/vae-likelihood.ts";
import { sampleVae } from "../../methods/vae-meanfield/vae-sample.ts";
import { intOption } from "../options.ts";
import { fmt, formatTable, printJson } from "../output.ts";
import { progressBar } from "../progress.ts";
import { writePlots } from "./repro.ts";

interface FitOpts {
  data: string;
  plots?: string;
  latents: number;
  epochs: number;
  seed: number;
  out?: string;
  json?: boolean;
}

interface CapacityOpts {
  data: string;
  plots?: string;
  latents: string;
  epochs: number;
  seed: number;
  json?: boolean;
}

function patternString(col: number[]): string {
  return col.map((v) => (v > 0 ? "+" : "-")).join("");
}

function parseLatentList(v: string): number[] {
  const parts = v.split(",").map((s) => s.trim());
  return parts.map((s) => intOption("--latents", 1)(s));
}

function printCapacity(r: CapacityReport): void {
  process.stdout.write(
    `${r.sites} sites, ${r.trainRows} training rows, ${r.heldOutRows} held-out rows; I_bip = ${fmt(r.mi.value)} nats (${r.mi.kind})\n`,
  );
  const rows = r.rows.map((x) => [
    x.latents,
    fmt(x.rate),
    fmt(x.distortion),
    fmt(x.heldOutNegElbo),
    fmt(x.heldOutNll),
    fmt(x.corrErrMean),
    fmt(x.corrErrMax),
    x.rateCoversMI ? "yes" : "no",
    x.enough ? "yes" : "no",
  ]);
  process.stdout.write(
    `${formatTable(["K", "rate", "distortion", "held-out −ELBO", "held-out NLL", "corr err mean", "corr err max", "R ≥ I_bip", "enough"], rows)}\n`,
  );
  process.stdout.write(
    `noise floor (training vs held-out rows): corr err mean ${fmt(r.noiseFloor.corrErrMean)}, max ${fmt(r.noiseFloor.corrErrMax)}\n${r.verdict}\n`,
  );
}

interface SampleOpts {
  model: string;
  count: number;
  out: string;
  seed: number;
  encoding: string;
  json?: boolean;
}

/** Adds `ansatz vae fit`, `ansatz vae sample` and `ansatz vae capacity` to `program`. */
export function registerVae(program: Command): void {
  const vae = program
    .command("vae")
    .description("VAE with a conditionally independent decoder: capacity and the mean-field read-out");
  vae
    .command("fit")
    .description(
      "train a VAE (linear read-out decoder ℓ = W u(z) + b) on binary samples and read patterns and couplings off the decoder",
    )
    .requiredOption(
      "--data <samples.npy>",
      "binary samples [samples, N], values −1/+1 or 0/1 (.npy, .npz, .mat, .csv)",
    )
    .requiredOption("--latents <K>", "number of latents K (1 ≤ K ≤ N)", intOption("--latents", 1))
    .option(
      "--epochs <N>",
      "training epochs (batch 100, Adam 2e-3, 5 epochs of KL warm-up)",
      intOption("--epochs", 1),
      30,
    )
    .option("--seed <S>", "random seed", intOption("--seed", 0), 0)
    .option("--out <model.json>", "save the trained model (config and parameters) as JSON")
    .option("--plots <dir>", "write the training curves (rate, distortion, −ELBO per epoch) as SVG and PNG")
    .option(
      "--json",
      'print one JSON object {"rate", "distortion", "negElbo", "logLikelihood", "patterns", "couplings", "history", …}',
    )
    .action(async (opts: FitOpts) => {
      const { pm1, encoding } = loadSpinSamples(opts.data);
      const bar = progressBar("vae fit");
      const fit = fitSpinVae(pm1, {
        latents: opts.latents,
        epochs: opts.epochs,
        seed: opts.seed,
        onEpoch: (e) =>
          bar.update(e.epoch / opts.epochs, `epoch ${e.epoch}: −ELBO ${fmt(e.negElbo)} rate ${fmt(e.rate)}`),
      });
      bar.done();
      const llRows = pm1.sliceRows(0, Math.min(pm1.rows, 1000));
      const logLikelihood = meanLogLikelihood(fit.vae, fit.params, to01(llRows), 200, new Rng(opts.seed + 1));
      const n = pm1.cols;
      const k = opts.latents;
      const patterns: number[][] = [];
      for (let c = 0; c < k; c++)
        patterns.push(Array.from({ length: n }, (_, i) => fit.patterns.data[i * k + c]!));
      const couplings = {
        betaJ: fit.couplings.betaJ.toArray(),
        betaH: Array.from(fit.couplings.betaH),
        uniformBetaJ: fit.couplings.uniformBetaJ,
      };
      const summary = {
        data: opts.data,
        encoding,
        samples: pm1.rows,
        sites: n,
        latents: k,
        rate: fit.rate,
        distortion: fit.distortion,
        negElbo: fit.negElbo,
        logLikelihood,
        logLikelihoodRows: llRows.rows,
        patterns,
        patternMethod: fit.patternMethod,
        binarity: fit.binarity,
        couplings,
        history: fit.history,
      };
      if (opts.out)
        saveVae(opts.out, fit.vae, fit.params, { data: opts.data, rate: fit.rate, negElbo: fit.negElbo });
      const plots = opts.plots
        ? await writePlots(
            [trainingPlot(fit.history, `VAE training on ${opts.data}, K = ${k}`)],
            opts.plots,
            "vae fit",
          )
        : [];
      if (opts.json) {
        printJson({ ...summary, model: opts.out ?? null, plots });
        return;
      }
      process.stdout.write(
        `${pm1.rows} samples × ${n} sites (${encoding === "pm1" ? "±1" : "0/1"}), K = ${k}\n` +
          `rate ${fmt(fit.rate)} nats, distortion ${fmt(fit.distortion)} nats, −ELBO ${fmt(fit.negElbo)} nats per sample\n` +
          `log-likelihood ${fmt(logLikelihood)} nats per sample (importance sampling, 200 draws, first ${llRows.rows} rows)\n` +
          `patterns read off the decoder (${fit.patternMethod === "span" ? "the most binary directions of span(W); binarity 1 = exactly in the span" : "cluster decoding"}):\n` +
          patterns
            .map(
              (p, c) =>
                `  ξ${c + 1} ${patternString(p)}${fit.binarity ? `  binarity ${fmt(fit.binarity[c] ?? Number.NaN)}` : ""}`,
            )
            .join("\n") +
          `\ncoupling: N · mean βJ_ij = ${fmt(fit.couplings.uniformBetaJ)} (the Curie–Weiss βJ when the coupling is uniform)\n` +
          (opts.out ? `model saved to ${opts.out}\n` : "") +
          (plots.length ? `plots: ${plots.join(", ")}\n` : ""),
      );
    });
  vae
    .command("sample")
    .description(
      "generate samples from a saved VAE (`vae fit --out model.json`): z ~ N(0, I), x_i ~ p(x_i | z) independently",
    )
    .requiredOption("--model <model.json>", "a model saved by `ansatz vae fit --out`")
    .requiredOption("--count <N>", "number of samples", intOption("--count", 1))
    .requiredOption(
      "--out <samples.npy>",
      "where to write the samples [N, sites] (float64 .npy, written atomically)",
    )
    .option("--encoding <pm1|01>", "spins as −1/+1 (pm1) or 0/1", "pm1")
    .option("--seed <S>", "random seed", intOption("--seed", 0), 0)
    .option("--json", 'print one JSON object {"out", "count", "sites", "encoding", "meanMagnetisation"}')
    .action((opts: SampleOpts) => {
      if (opts.encoding !== "pm1" && opts.encoding !== "01") {
        throw AnsatzError.expected("bad-argument", "--encoding", "pm1 or 01", JSON.stringify(opts.encoding));
      }
      const { vae: model, params } = loadVae(opts.model);
      if (model.categories !== 1) {
        throw AnsatzError.expected(
          "bad-file",
          opts.model,
          "a VAE with a Bernoulli (binary) head",
          "a categorical head",
        );
      }
      const x01 = sampleVae(model, params, opts.count, new Rng(opts.seed));
      const x = opts.encoding === "pm1" ? toPm1(x01) : x01;
      writeNpy(opts.out, x);
      let m = 0;
      for (let i = 0; i < x01.data.length; i++) m += 2 * x01.data[i]! - 1;
      const summary = {
        out: opts.out,
        count: x.rows,
        sites: x.cols,
        encoding: opts.encoding,
        meanMagnetisation: m / x01.data.length,
      };
      if (opts.json) printJson(summary);
      else
        process.stdout.write(
          `${summary.count} samples × ${summary.sites} sites (${opts.encoding}) written to ${opts.out}; mean magnetisation ${fmt(summary.meanMagnetisation)}\n`,
        );
    });
  vae
    .command("capacity")
    .description(
      "is K latents enough? train K = 1, 2, … and compare each rate with the data's bipartite mutual information (R ≥ I_bip is necessary)",
    )
    .requiredOption("--data <samples.npy>", "binary samples [samples, N], values −1/+1 or 0/1")
    .option("--latents <K,…>", "comma-separated candidate K", "1,2,3,4")
    .option("--epochs <N>", "training epochs per K", intOption("--epochs", 1), 30)
    .option("--seed <S>", "random seed", intOption("--seed", 0), 0)
    .option("--plots <dir>", "write the rate and held-out NLL against K as SVG and PNG")
    .option(
      "--json",
      "print one JSON object {sites, mi, rows: [{latents, rate, …, enough}], recommended, verdict}",
    )
    .action(async (opts: CapacityOpts) => {
      const latents = parseLatentList(opts.latents);
      const { pm1 } = loadSpinSamples(opts.data);
      const bar = progressBar("vae capacity");
      const r = capacityDiagnostic(pm1, {
        latents,
        epochs: opts.epochs,
        seed: opts.seed,
        onProgress: (f, m) => bar.update(f, m),
      });
      bar.done();
      const plots = opts.plots ? await writePlots([capacityPlot(r)], opts.plots, "vae capacity") : [];
      if (opts.json) printJson({ ...r, plots });
      else {
        printCapacity(r);
        if (plots.length) process.stdout.write(`plots: ${plots.join(", ")}\n`);
      }
    });
}
