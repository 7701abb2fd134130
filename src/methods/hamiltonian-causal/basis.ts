// Vector-field bases b_a(x) for projection estimators (SFI, TUR, linear NEEP; spec §2.6 E3, E5, E6):
// "linear" = {e_i, x_j e_i} (N_b = d + d²), "poly2" adds {x_j x_k e_i, j ≤ k}. A basis writes the d×N_b
// matrix B(x) row-major into `out` (out[i·N_b + a] = component i of b_a(x)).
import { AnsatzError } from "../../core/errors.ts";

/** A finite basis of vector fields on R^dim. */
export interface VectorBasis {
  readonly name: string;
  readonly dim: number;
  readonly size: number;
  /** Writes B(x) (dim × size, row-major) into out. */
  eval(x: Float64Array, out: Float64Array): void;
}

/** Builds the "linear" (constants and linear monomials) or "poly2" (plus quadratic monomials) basis. */
export function polynomialBasis(dim: number, kind: "linear" | "poly2" = "linear"): VectorBasis {
  if (!(Number.isInteger(dim) && dim >= 1))
    throw AnsatzError.expected("bad-value", "basis dim", "an integer ≥ 1", `${dim}`);
  if (kind !== "linear" && kind !== "poly2") {
    throw AnsatzError.expected("bad-argument", "basis", '"linear" or "poly2"', `${kind}`);
  }
  const nq = kind === "poly2" ? (dim * (dim + 1)) / 2 : 0;
  const nScalar = 1 + dim + nq; // scalar monomials
  const size = dim * nScalar;
  const mono = new Float64Array(nScalar);
  return {
    name: kind,
    dim,
    size,
    eval(x, out) {
      mono[0] = 1;
      for (let j = 0; j < dim; j++) mono[1 + j] = x[j]!;
      let m = 1 + dim;
      if (nq > 0) {
        for (let j = 0; j < dim; j++) for (let k = j; k < dim; k++) mono[m++] = x[j]! * x[k]!;
      }
      out.fill(0);
      for (let i = 0; i < dim; i++) {
        for (let s = 0; s < nScalar; s++) out[i * size + i * nScalar + s] = mono[s]!;
      }
    },
  };
}
