// Mat: a dense row-major float64 matrix (rows × cols). CTF data are time × space: row t is the state
// at time t. Conversion to and from ml-matrix gives SVD, QR, eigen and least squares (see linalg.ts).
import { Matrix } from "ml-matrix";
import { assertInt, formatShape } from "./check.ts";
import { AnsatzError } from "./errors.ts";

export class Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    assertInt(rows, "Mat.rows", 0);
    assertInt(cols, "Mat.cols", 0);
    if (data && data.length !== rows * cols) {
      throw AnsatzError.expected(
        "bad-shape",
        "Mat.data",
        `length ${rows * cols} (${rows}×${cols})`,
        `length ${data.length}`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static zeros(rows: number, cols: number): Mat {
    return new Mat(rows, cols);
  }

  static eye(n: number): Mat {
    const m = new Mat(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  /** From nested arrays; every row must have the same length. */
  static from(rows: ArrayLike<ArrayLike<number>>): Mat {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0]!.length;
    const m = new Mat(r, c);
    for (let i = 0; i < r; i++) {
      const row = rows[i]!;
      if (row.length !== c) {
        throw AnsatzError.expected("bad-shape", `Mat.from row ${i}`, `${c} columns`, `${row.length}`);
      }
      for (let j = 0; j < c; j++) m.data[i * c + j] = row[j]!;
    }
    return m;
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  /** A view of row i (shares memory). */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** A copy of column j. */
  col(j: number): Float64Array {
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j]!;
    return out;
  }

  /** Rows [start, end) as a new matrix (copy). */
  sliceRows(start: number, end: number): Mat {
    return new Mat(end - start, this.cols, this.data.slice(start * this.cols, end * this.cols));
  }

  clone(): Mat {
    return new Mat(this.rows, this.cols, this.data.slice());
  }

  transpose(): Mat {
    const out = new Mat(this.cols, this.rows);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) out.data[j * this.rows + i] = this.data[i * this.cols + j]!;
    }
    return out;
  }

  /** this · other (naive i-k-j loop; use the engine for large products). */
  matmul(other: Mat): Mat {
    if (this.cols !== other.rows) {
      throw AnsatzError.expected(
        "bad-shape",
        "Mat.matmul",
        `inner dimensions to agree (${formatShape(this.shape)} · [${this.cols}, *])`,
        formatShape(other.shape),
      );
    }
    const out = new Mat(this.rows, other.cols);
    const n = other.cols;
    for (let i = 0; i < this.rows; i++) {
      for (let k = 0; k < this.cols; k++) {
        const a = this.data[i * this.cols + k]!;
        if (a === 0) continue;
        const bo = k * n;
        const oo = i * n;
        for (let j = 0; j < n; j++) out.data[oo + j]! += a * other.data[bo + j]!;
      }
    }
    return out;
  }

  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }

  toMlMatrix(): Matrix {
    const m = new Matrix(this.rows, this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) m.set(i, j, this.data[i * this.cols + j]!);
    }
    return m;
  }

  static fromMlMatrix(m: Matrix): Mat {
    const out = new Mat(m.rows, m.columns);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.columns; j++) out.data[i * m.columns + j] = m.get(i, j);
    }
    return out;
  }
}
