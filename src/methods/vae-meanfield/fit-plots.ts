// Charts of `ansatz vae fit --plots DIR` and `ansatz vae capacity --plots DIR` (Vega-Lite specs, pure data):
// the training curves (rate, distortion and −ELBO per epoch, with the KL weight of the warm-up), and the
// capacity diagnostic (rate and held-out negative log-likelihood against K, with I_bip as the line the rate must
// clear, spec vae-meanfield.md §1.7).
import type { CapacityReport } from "./capacity.ts";
import type { EpochLog } from "./vae-train.ts";

type Plot = { name: string; spec: object };

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Rate, distortion and −ELBO per epoch, one panel each (independent y). */
export function trainingPlot(history: EpochLog[], title: string): Plot {
  const values = history.flatMap((h) => [
    { epoch: h.epoch, metric: "rate R (nats)", value: h.rate },
    { epoch: h.epoch, metric: "distortion D (nats)", value: h.distortion },
    { epoch: h.epoch, metric: "−ELBO = D + R (nats)", value: h.negElbo },
    { epoch: h.epoch, metric: "KL weight (warm-up)", value: h.klWeight },
  ]);
  return {
    name: "vae-fit-training",
    spec: {
      $schema: SCHEMA,
      title: { text: title },
      data: { values },
      facet: { column: { field: "metric", type: "nominal", title: null, sort: null } },
      spec: {
        width: 200,
        height: 160,
        mark: { type: "line", point: { size: 14 } },
        encoding: {
          x: { field: "epoch", type: "quantitative" },
          y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
        },
      },
      resolve: { scale: { y: "independent" } },
    },
  };
}

/** Rate and held-out NLL against K, with the bipartite MI as a rule on the rate panel. */
export function capacityPlot(report: CapacityReport): Plot {
  const rate = report.rows.map((r) => ({
    K: r.latents,
    value: r.rate,
    enough: r.enough ? "enough" : "not enough",
  }));
  const nll = report.rows.map((r) => ({
    K: r.latents,
    value: r.heldOutNll,
    enough: r.enough ? "enough" : "not enough",
  }));
  const panel = (values: object[], title: string, rule?: number) => ({
    width: 240,
    height: 180,
    title,
    data: { values },
    layer: [
      {
        mark: { type: "line", point: { filled: true, size: 70 } },
        encoding: {
          x: { field: "K", type: "ordinal", title: "latents K", axis: { labelAngle: 0 } },
          y: { field: "value", type: "quantitative", title: "nats", scale: { zero: false } },
        },
      },
      {
        mark: { type: "point", filled: true, size: 120 },
        encoding: {
          x: { field: "K", type: "ordinal" },
          y: { field: "value", type: "quantitative" },
          color: {
            field: "enough",
            type: "nominal",
            title: null,
            scale: { domain: ["enough", "not enough"] },
          },
        },
      },
      ...(rule === undefined
        ? []
        : [
            {
              mark: { type: "rule", strokeDash: [4, 3] },
              encoding: { y: { datum: rule } },
            },
          ]),
    ],
  });
  return {
    name: "vae-capacity",
    spec: {
      $schema: SCHEMA,
      title: {
        text: `Capacity: rate vs I_bip = ${report.mi.value.toFixed(3)} nats (${report.mi.kind}, dashed) and held-out NLL`,
      },
      hconcat: [
        panel(rate, "rate R (must reach the dashed I_bip)", report.mi.value),
        panel(nll, "held-out negative log-likelihood"),
      ],
    },
  };
}
