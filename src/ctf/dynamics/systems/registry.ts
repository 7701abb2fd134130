// The dynamical systems that can generate a CTF data set (spec ctf.md §1.5, §1.7), by id.
import { AnsatzError } from "../../../core/errors.ts";
import { doublePendulum } from "./double-pendulum.ts";
import { ks } from "./ks.ts";
import { lorenz } from "./lorenz.ts";
import { lorenz96 } from "./lorenz96.ts";
import { rossler } from "./rossler.ts";
import type { DynamicalSystem } from "./system.ts";

/** Every system, in display order: the two reference data sets first, then the planned collection. */
export const SYSTEMS: readonly DynamicalSystem[] = [lorenz, ks, rossler, lorenz96, doublePendulum];

/** The ids of all systems. */
export function systemIds(): string[] {
  return SYSTEMS.map((s) => s.id);
}

/** The system with this id; throws `unknown-id` listing the known ids. */
export function getSystem(id: string): DynamicalSystem {
  const s = SYSTEMS.find((x) => x.id === id);
  if (!s) {
    throw AnsatzError.expected(
      "unknown-id",
      "dynamical system id",
      `one of ${systemIds().join(", ")}`,
      `"${id}"`,
    );
  }
  return s;
}
