// Salamander retina spike data (spec vae-meanfield.md §1.9, test A10): loaders for the two published
// layouts and a synthetic stand-in, since the project cannot ship or download the real files.
// - txt: neurons × samples, whitespace-separated 0/1 (160 × 283041 for the real set; a `.gz` file is
//   gunzipped first). Returned transposed: [samples, neurons].
// - MAT v5: variable `bint`, [repeats × neurons × time] (297 × 160 × 953), any numeric class decodeMat5
//   reads (double, uint8, logical, …). Returned as rows = repeats·time, row r·time + t holding repeat r
//   at time bin t, so that both files of the real set give the same matrix (283041 = 297·953) if the txt
//   concatenates the repeats in order (unconfirmed).
// - writeSyntheticRetina: a two-latent generalized-Hopfield-like mixture (§1.8 with K = 2, [proposed]):
//   z ~ N(0, I_2) per sample, s_i | z ~ Bernoulli(σ(w_i·z + b_i)), w_i ~ N(0, 1.5² I), and
//   b_i = logit(0.05)·√(1 + π|w_i|²/8), so that by the probit approximation E σ(w_i·z + b_i) ≈
//   σ(b_i/√(1 + π|w_i|²/8)) = 0.05: sparse firing (measured 4.1% of the bins over 20 000 bins and
//   160 neurons, seeds 1, 7, 9). Written in both formats (uint8 `bint` by default).
// Values must be exactly 0 or 1; errors name the file and the neuron/sample (or repeat/neuron/time) of a
// bad value.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { assertInt, formatShape } from "../../core/check.ts";
import { AnsatzError } from "../../core/errors.ts";
import { Mat } from "../../core/matrix.ts";
import { Rng } from "../../core/random.ts";
import { writeFileAtomic } from "../../ctf/formats/atomic-write.ts";
import { type Mat5ArrayClass, readMat5Variables, writeMat5Array } from "../../ctf/formats/mat5.ts";
import { readFileBytes } from "../../ctf/formats/read-file.ts";

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

/** Reads a neurons × samples 0/1 text file into a [samples, neurons] matrix. */
export function readRetinaTxt(path: string): Mat {
  let bytes = readFileBytes(path);
  if (path.toLowerCase().endsWith(".gz")) {
    try {
      const b = gunzipSync(bytes);
      bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (e) {
      throw AnsatzError.expected("bad-file", path, "gzip data", `corrupt data (${(e as Error).message})`);
    }
  }
  // Pass 1: line starts of the non-blank lines and the token count of the first one.
  const starts: number[] = [];
  const len = bytes.length;
  for (let p = 0; p < len; ) {
    let e = p;
    while (e < len && bytes[e] !== 10) e++;
    let q = p;
    while (q < e && isSpace(bytes[q]!)) q++;
    if (q < e) starts.push(p);
    p = e + 1;
  }
  const neurons = starts.length;
  if (neurons === 0)
    throw AnsatzError.expected("bad-file", path, "neurons × samples rows of 0/1 values", "no data");
  // Pass 2: the tokens of line n, each handed to `put(t, v)`; returns the token count.
  const parseLine = (n: number, put: ((t: number, v: number) => void) | null): number => {
    let p = starts[n]!;
    let t = 0;
    for (;;) {
      while (p < len && isSpace(bytes[p]!)) p++;
      if (p >= len || bytes[p] === 10) return t;
      const s = p;
      while (p < len && bytes[p] !== 10 && !isSpace(bytes[p]!)) p++;
      let v: number;
      if (p - s === 1 && (bytes[s] === 48 || bytes[s] === 49)) v = bytes[s]! - 48;
      else {
        const tok = new TextDecoder("latin1").decode(bytes.subarray(s, p));
        v = Number(tok);
        if (v !== 0 && v !== 1) {
          throw AnsatzError.expected(
            "bad-value",
            `${path} line ${n + 1} (neuron ${n}), sample ${t}`,
            "0 or 1",
            `'${tok}'`,
          );
        }
      }
      if (put !== null) put(t, v);
      t++;
    }
  };
  const samples = parseLine(0, null);
  const data = new Float64Array(samples * neurons);
  for (let n = 0; n < neurons; n++) {
    const count = parseLine(n, (t, v) => {
      if (t < samples) data[t * neurons + n] = v;
    });
    if (count !== samples) {
      throw AnsatzError.expected(
        "bad-shape",
        `${path} line ${n + 1} (neuron ${n})`,
        `${samples} samples like line 1`,
        `${count} values`,
      );
    }
  }
  return new Mat(samples, neurons, data);
}

export interface RetinaMat {
  /** Dimensions of `bint`. */
  bint: { repeats: number; neurons: number; time: number };
  /** [repeats·time, neurons]; row r·time + t is repeat r at time bin t. */
  samples: Mat;
}

/** Reads the variable `bint` [repeats × neurons × time] of a MAT v5 file into [repeats·time, neurons]. */
export function readRetinaMat(path: string): RetinaMat {
  const vars = readMat5Variables(path);
  const v = vars.find((x) => x.name === "bint");
  if (!v) {
    const list = vars.filter((x) => x.name !== "" && !x.name.startsWith("__")).map((x) => `'${x.name}'`);
    throw AnsatzError.expected(
      "bad-file",
      path,
      "a variable 'bint'",
      list.length ? `variables ${list.join(", ")}` : "no variables",
    );
  }
  const at = `${path} (variable 'bint')`;
  if (v.data === null)
    throw AnsatzError.expected(
      "bad-file",
      at,
      "a real numeric array",
      `a ${v.complex ? "complex " : ""}${v.className} variable`,
    );
  if (v.dims.length !== 3) {
    throw AnsatzError.expected(
      "bad-shape",
      at,
      "a 3-D array [repeats × neurons × time]",
      `shape ${formatShape(v.dims)}`,
    );
  }
  const [repeats, neurons, time] = v.dims as [number, number, number];
  const src = v.data;
  const samples = new Mat(repeats * time, neurons);
  const dst = samples.data;
  // Column-major: bint(r, n, t) sits at r + repeats·(n + neurons·t).
  for (let t = 0; t < time; t++) {
    for (let n = 0; n < neurons; n++) {
      const o = repeats * (n + neurons * t);
      for (let r = 0; r < repeats; r++) {
        const x = src[o + r]!;
        if (x !== 0 && x !== 1) {
          throw AnsatzError.expected(
            "bad-value",
            `${at} repeat ${r}, neuron ${n}, time ${t} (0-based)`,
            "0 or 1",
            String(x),
          );
        }
        dst[(r * time + t) * neurons + n] = x;
      }
    }
  }
  return { bint: { repeats, neurons, time }, samples };
}

export interface SyntheticRetinaOptions {
  repeats: number;
  /** Default 160. */
  neurons?: number;
  time: number;
  seed: number;
  /** Storage class of `bint` in the .mat file (default uint8). */
  matClass?: Extract<Mat5ArrayClass, "uint8" | "logical" | "double">;
}

/** The written files and the generating parameters: s_i | z ~ Bernoulli(σ(w_i·z + b_i)), z ~ N(0, I_2). */
export interface SyntheticRetina {
  txtPath: string;
  matPath: string;
  /** w_i as rows, [neurons, 2]. */
  weights: Mat;
  bias: Float64Array;
}

/**
 * Writes a synthetic binary stand-in in both layouts to `dir` (created if missing):
 * `synthetic-retina.txt` (neurons × samples) and `synthetic-retina-bint.mat` (`bint`, repeats × neurons
 * × time), the same samples in the order readRetinaMat returns them.
 */
export function writeSyntheticRetina(dir: string, opts: SyntheticRetinaOptions): SyntheticRetina {
  const neurons = opts.neurons ?? 160;
  assertInt(opts.repeats, "writeSyntheticRetina repeats", 1);
  assertInt(neurons, "writeSyntheticRetina neurons", 1);
  assertInt(opts.time, "writeSyntheticRetina time", 1);
  const { repeats, time } = opts;
  const rng = new Rng(opts.seed);
  const w = new Float64Array(2 * neurons);
  const b = new Float64Array(neurons);
  const base = Math.log(0.05 / 0.95);
  for (let n = 0; n < neurons; n++) {
    const w0 = rng.normal(0, 1.5);
    const w1 = rng.normal(0, 1.5);
    w[2 * n] = w0;
    w[2 * n + 1] = w1;
    b[n] = base * Math.sqrt(1 + (Math.PI / 8) * (w0 * w0 + w1 * w1));
  }
  const m = repeats * time;
  const s = new Uint8Array(m * neurons); // row-major [sample, neuron], sample = r·time + t
  for (let i = 0; i < m; i++) {
    const z0 = rng.normal();
    const z1 = rng.normal();
    for (let n = 0; n < neurons; n++) {
      const l = w[2 * n]! * z0 + w[2 * n + 1]! * z1 + b[n]!;
      s[i * neurons + n] = rng.uniform() < 1 / (1 + Math.exp(-l)) ? 1 : 0;
    }
  }
  mkdirSync(dir, { recursive: true });
  const txtPath = join(dir, "synthetic-retina.txt");
  const matPath = join(dir, "synthetic-retina-bint.mat");
  const txt = new Uint8Array(neurons * 2 * m);
  for (let n = 0; n < neurons; n++) {
    for (let i = 0; i < m; i++) {
      const p = 2 * (n * m + i);
      txt[p] = 48 + s[i * neurons + n]!;
      txt[p + 1] = i === m - 1 ? 10 : 32;
    }
  }
  writeFileAtomic(txtPath, txt);
  const bint = new Float64Array(m * neurons);
  for (let r = 0; r < repeats; r++) {
    for (let t = 0; t < time; t++) {
      for (let n = 0; n < neurons; n++)
        bint[r + repeats * (n + neurons * t)] = s[(r * time + t) * neurons + n]!;
    }
  }
  writeMat5Array(matPath, "bint", [repeats, neurons, time], bint, opts.matClass ?? "uint8");
  return { txtPath, matPath, weights: new Mat(neurons, 2, w), bias: b };
}
