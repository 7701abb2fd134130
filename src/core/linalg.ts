// Linear algebra on Mat (float64): spectral norm, SVD and least squares, LU/Cholesky solvers,
// symmetric and general eigen-decompositions. Each piece lives in src/core/linalg/ with its sources.
export { type CholeskySolveOptions, choleskySolve } from "./linalg/cholesky-solve.ts";
export { cholesky, inverse, type Lu, logDet, lu, solve } from "./linalg/decompose.ts";
export { balance, type Eig, type EigSym, eig, eigSym } from "./linalg/eigen.ts";
export {
  type Gemm,
  naiveGemm,
  orthonormaliseColumns,
  type RandomizedSvd,
  type RandomizedSvdOptions,
  randomizedSvd,
} from "./linalg/randomized-svd.ts";
export { dot2, type SpectralNormInfo, spectralNorm, spectralNormInfo } from "./linalg/spectral-norm.ts";
export { type LstsqResult, lstsq, type Svd, singularValues, svd } from "./linalg/svd.ts";
