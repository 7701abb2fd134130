// AnsatzError: the one error type for bad input and refused work (DESIGN.md, "Errors and bad input").
// Its message names the file or field, what was found and what was expected; the CLI prints it
// without a stack trace and exits 2.

/** Stable, machine-readable error codes. */
export type AnsatzErrorCode =
  | "bad-shape"
  | "bad-value"
  | "not-finite"
  | "bad-file"
  | "bad-config"
  | "bad-argument"
  | "unknown-command"
  | "unknown-id"
  | "too-little-data"
  | "diverged"
  | "internal";

export interface AnsatzErrorDetails {
  /** The file or field the error is about, e.g. `X3train.npy` or `--seed`. */
  where?: string;
  /** What was found, e.g. `shape [100]`. */
  found?: string;
  /** What was expected, e.g. `a 2-D float array`. */
  expected?: string;
}

export class AnsatzError extends Error {
  readonly code: AnsatzErrorCode;
  readonly details: AnsatzErrorDetails;

  constructor(code: AnsatzErrorCode, message: string, details: AnsatzErrorDetails = {}) {
    super(message);
    this.name = "AnsatzError";
    this.code = code;
    this.details = details;
  }

  /** Builds `where: expected X, found Y` in the house style. */
  static expected(code: AnsatzErrorCode, where: string, expected: string, found: string): AnsatzError {
    return new AnsatzError(code, `${where}: expected ${expected}, found ${found}`, {
      where,
      expected,
      found,
    });
  }
}

export function isAnsatzError(e: unknown): e is AnsatzError {
  return e instanceof AnsatzError;
}
