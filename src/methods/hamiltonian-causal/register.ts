// Registers the Hamiltonian-causal-models module with the framework: its reproduction (`ansatz repro
// hamiltonian-causal`), the entropy-production `estimate` challenges (`hcm-entropy-production` on S3,
// `hcm-entropy-production-s5` on S5) and the EP estimator models (ep-sfi, ep-tur, ep-neep, ep-binned).
import { reproductions } from "../../ctf/registry.ts";
import { registerEpChallenges } from "./challenge.ts";
import { reproHamiltonianCausal } from "./repro.ts";

/** Adds the reproduction, the EP challenges and the EP models to the framework registry. */
export function registerHamiltonianCausal(): void {
  reproductions.add({
    id: "hamiltonian-causal",
    title:
      "Hamiltonian causal models: exact oracle values S1–S9, estimators, ATE = 0 while entropy production > 0",
    run: ({ quick }) => reproHamiltonianCausal({ quick }),
  });
  registerEpChallenges();
}
