// Loads every module's registrations (challenges, models, reproductions) into the registry.
// The framework knows no method by name; this face is where they are all brought in.
import { registerDynamics } from "../ctf/dynamics/register.ts";
import { registerHamiltonianCausal } from "../methods/hamiltonian-causal/register.ts";
import { registerSglrw } from "../methods/sglrw/register.ts";
import { registerVaeMeanfield } from "../methods/vae-meanfield/register.ts";
import { registerFoundation } from "./self-check.ts";

let done = false;

export function registerAll(): void {
  if (done) return;
  done = true;
  registerFoundation();
  registerDynamics();
  registerHamiltonianCausal();
  registerSglrw();
  registerVaeMeanfield();
}
