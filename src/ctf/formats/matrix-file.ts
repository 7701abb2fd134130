// Matrix files of any supported format, chosen by extension (spec ctf.md §1.8: "Matrices: `.mat`
// (MATLAB v5, a single variable), `.npy`, or `.npz` (a single array)", plus numeric `.csv`). Every
// matrix is time × space (§1.1). Readers: npy-file.ts, npz.ts, mat5.ts, csv.ts; all writes atomic.
import { extname } from "node:path";
import { AnsatzError } from "../../core/errors.ts";
import type { Mat } from "../../core/matrix.ts";
import { readCsv, writeCsv } from "./csv.ts";
import { readMat5, writeMat5 } from "./mat5.ts";
import { readNpy, writeNpy } from "./npy-file.ts";
import { readNpz, writeNpz } from "./npz.ts";

/** The matrix file extensions understood by readMatrix and writeMatrix (lower case, with the dot). */
export const MATRIX_EXTENSIONS = [".npy", ".npz", ".mat", ".csv"] as const;
export type MatrixExtension = (typeof MATRIX_EXTENSIONS)[number];

export interface MatrixFileOptions {
  /** .mat: the variable name (read: which variable; write: default the file stem). .npz: the array key. */
  name?: string;
  /** .npz writes: deflate the entry as `np.savez_compressed` does (default false, as `np.savez`). */
  compressed?: boolean;
  /** .csv: column names written as a header (write), or whether the first line is a header (read, default auto). */
  columns?: readonly string[];
  header?: boolean | "auto";
}

/** The matrix format of `path` from its extension (case-insensitive); an AnsatzError for any other. */
export function matrixExtension(path: string): MatrixExtension {
  const ext = extname(path).toLowerCase();
  if ((MATRIX_EXTENSIONS as readonly string[]).includes(ext)) return ext as MatrixExtension;
  throw AnsatzError.expected(
    "bad-file",
    path,
    `a matrix file ending in ${MATRIX_EXTENSIONS.join(", ")}`,
    ext === "" ? "no extension" : `'${ext}'`,
  );
}

/** Reads a matrix (time × space) from a .npy, .npz, .mat or .csv file. */
export function readMatrix(path: string, options: MatrixFileOptions = {}): Mat {
  switch (matrixExtension(path)) {
    case ".npy":
      return readNpy(path);
    case ".npz":
      return readNpz(path, { key: options.name });
    case ".mat":
      return readMat5(path, { name: options.name });
    case ".csv":
      return readCsv(path, { header: options.header }).mat;
  }
}

/** Writes a matrix to a .npy, .npz, .mat or .csv file (chosen by extension), atomically. */
export function writeMatrix(path: string, mat: Mat, options: MatrixFileOptions = {}): void {
  switch (matrixExtension(path)) {
    case ".npy":
      writeNpy(path, mat);
      return;
    case ".npz":
      writeNpz(path, mat, { key: options.name, compressed: options.compressed });
      return;
    case ".mat":
      writeMat5(path, mat, { name: options.name });
      return;
    case ".csv":
      writeCsv(path, mat, { columns: options.columns });
      return;
  }
}
