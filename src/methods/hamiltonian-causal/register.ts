// Registers the Hamiltonian-causal-models module with the framework: its reproduction (`ansatz repro
// hamiltonian-causal`).
import { reproductions } from "../../ctf/registry.ts";
import { reproHamiltonianCausal } from "./repro.ts";

export function registerHamiltonianCausal(): void {
  reproductions.add({
    id: "hamiltonian-causal",
    title:
      "Hamiltonian causal models: exact oracle values S1–S9, estimators, ATE = 0 while entropy production > 0",
    run: ({ quick }) => reproHamiltonianCausal({ quick }),
  });
}
