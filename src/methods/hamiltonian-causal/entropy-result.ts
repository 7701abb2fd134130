// The result every entropy-production estimator returns (spec §1.7: every number carries its convention).
/** An EP-rate estimate per unit time with its standard error and convention. */
export interface EntropyEstimate {
  estimator: "known" | "sfi" | "tur" | "neep" | "binned";
  /** Entropy production rate per unit time (k_B = 1). */
  rate: number;
  /** Standard error of `rate`. */
  stderr: number;
  /** EP definition, parity, Δt, bias handling and how the error bar was obtained. */
  convention: string;
  /** Estimator-specific extras (raw value, bias term, basis size, fitted coefficients, …). */
  details?: Record<string, number | string | number[]>;
}
