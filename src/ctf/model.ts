// Model: an entrant of the common task framework (DESIGN.md, "Framework"). A model declares the kind of
// challenge it can enter and a default config; the runner calls the method for that kind.
import type { ChallengeKind } from "./challenge.ts";

export interface Model<Config = Record<string, unknown>> {
  id: string;
  title: string;
  kind: ChallengeKind;
  /** Which module registered it (e.g. `ctf/dynamics`, `methods/sglrw`). */
  source: string;
  defaultConfig: Config;
  /** Validates a user config (a schema parse); throws AnsatzError naming the bad field. */
  parseConfig(raw: unknown): Config;
}
