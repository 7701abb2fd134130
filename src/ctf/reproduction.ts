// Reproduction: a module's claims checked by a command (`ansatz repro NAME`). The JSON shape of the
// result is the contract for every method: {method, claims: [{id, description, measured, reference,
// tolerance, pass}]}.

export interface Claim {
  id: string;
  description: string;
  /** The measured value (a number, or a small object/table when the claim is structured). */
  measured: unknown;
  /** The reference value (paper, closed form or spec) it is compared with. */
  reference: unknown;
  /** The tolerance of the comparison, in words or as a number. */
  tolerance: unknown;
  pass: boolean;
}

export interface ReproResult {
  method: string;
  claims: Claim[];
  /** Optional charts as Vega-Lite specs (pure data; rendered by `ansatz repro NAME --plots DIR`). */
  plots?: { name: string; spec: object }[];
}

export interface Reproduction {
  id: string;
  title: string;
  run(opts: { quick: boolean; onProgress?: (message: string) => void }): Promise<ReproResult> | ReproResult;
}
