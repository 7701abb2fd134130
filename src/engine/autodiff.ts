// Reverse-mode automatic differentiation on a tape of closures (Griewank & Walther, "Evaluating
// Derivatives", 2nd ed., ch. 3; the functional face follows JAX's `grad` / `value_and_grad`).
//
// While `valueAndGrad(f)(params)` runs `f`, every op whose input is recorded on the current tape
// appends (output, backward closure) to the tape. The backward pass walks the tape in reverse, each
// closure adding its vector-Jacobian product into the `_grad` buffers of its recorded inputs. Ops
// outside a recording (or inside `noGrad`) record nothing and cost only their output buffer.
//
// Scope: first-order gradients. A tensor recorded on an enclosing, still-running tape that reaches
// an inner `valueAndGrad` would need higher-order differentiation, which is not supported: that
// raises an AnsatzError instead of silently dropping the outer derivative (inside `noGrad` such
// tensors are plain constants). Tensors left over from finished tapes are constants.
import { formatShape } from "../core/check.ts";
import { AnsatzError } from "../core/errors.ts";
import { alloc, type FloatArray, type TapeRef, Tensor } from "./tensor.ts";
import { mapTree, type ParamTree } from "./tree.ts";

/** Adds an op's vector-Jacobian product to its inputs, given the gradient `g` of its output. */
export type Backward = (g: FloatArray) => void;

/**
 * A closure-free backward rule: receives the output gradient, the output and the recorded inputs and
 * context. Hot ops use this form (see `record2`) so that recording allocates nothing beyond the output.
 */
export type StaticBackward = (
  g: FloatArray,
  out: Tensor,
  a: Tensor | null,
  b: Tensor | null,
  ctx: unknown,
) => void;

function callClosure(g: FloatArray, _out: Tensor, _a: Tensor | null, _b: Tensor | null, ctx: unknown): void {
  (ctx as Backward)(g);
}

/** @internal The record of one differentiation. */
export class Tape implements TapeRef {
  active = true;
  readonly depth: number;
  /** Flat records of five slots: out, rule, a, b, ctx. */
  readonly items: unknown[] = [];
  constructor(depth: number) {
    this.depth = depth;
  }
}

let current: Tape | null = null;
let depth = 0;
let barrier = 0;

function nestedError(): AnsatzError {
  return new AnsatzError(
    "bad-argument",
    "autodiff: a tensor recorded by an enclosing grad/valueAndGrad reached an inner one; " +
      "higher-order differentiation is not supported (wrap the inner call in noGrad to treat it as a constant)",
    { where: "autodiff", expected: "first-order differentiation", found: "nested differentiation" },
  );
}

/** @internal True when an op on input `t` must be recorded on the current tape. */
export function tracked(t: Tensor): boolean {
  const tp = t._tape;
  if (tp === null) return false;
  if (tp === current) return true;
  if (current !== null && tp.active && (tp as Tape).depth > barrier) throw nestedError();
  return false;
}

/** @internal tracked(a) || tracked(b), evaluating both (so that the nested-tape check sees both). */
export function tracked2(a: Tensor, b: Tensor): boolean {
  const ta = tracked(a);
  const tb = tracked(b);
  return ta || tb;
}

/** @internal Appends `out` and its backward closure to the current tape; returns `out`. */
export function record(out: Tensor, back: Backward): Tensor {
  const tape = current!;
  out._tape = tape;
  tape.items.push(out, callClosure, null, null, back);
  return out;
}

/** @internal Records `out` with a static rule and its inputs/context (no closure allocation). */
export function record2(
  out: Tensor,
  rule: StaticBackward,
  a: Tensor | null,
  b: Tensor | null,
  ctx: unknown,
): Tensor {
  const tape = current!;
  out._tape = tape;
  tape.items.push(out, rule, a, b, ctx);
  return out;
}

/** @internal During a backward pass: whether input `t` is recorded on the tape being differentiated. */
export function onTape(t: Tensor | null, out: Tensor): boolean {
  return t !== null && t._tape === out._tape;
}

/** @internal Adds `g` into `t._grad` (copying `g` when it is the first contribution). */
export function accum(t: Tensor, g: FloatArray): void {
  const acc = t._grad;
  if (acc === null) {
    t._grad = g.slice();
    return;
  }
  for (let i = 0; i < acc.length; i++) acc[i]! += g[i]!;
}

/** @internal Adds `g` into `t._grad`, adopting `g` itself when it is the first contribution (g must not be reused). */
export function accumOwned(t: Tensor, g: FloatArray): void {
  const acc = t._grad;
  if (acc === null) {
    t._grad = g;
    return;
  }
  for (let i = 0; i < acc.length; i++) acc[i]! += g[i]!;
}

/** @internal The gradient buffer of `t`, created zero-filled if absent (for ops that scatter into it). */
export function gradBuffer(t: Tensor): FloatArray {
  let acc = t._grad;
  if (acc === null) {
    acc = alloc(t.dtype, t.size);
    t._grad = acc;
  }
  return acc;
}

/**
 * Records a user-defined op: `out` was computed (outside the engine's ops) from `inputs`, and
 * `vjp(g)` returns, for each input, dL/dinput given g = dL/dout (a buffer of the input's size, or
 * null for no gradient). Returns `out`. Use it for fused kernels and custom adjoints; check it with
 * gradcheck.
 */
export function customOp(
  out: Tensor,
  inputs: readonly Tensor[],
  vjp: (g: FloatArray) => (FloatArray | null)[],
): Tensor {
  if (!(out instanceof Tensor))
    throw AnsatzError.expected("bad-argument", "customOp out", "a Tensor", typeof out);
  const tr = inputs.map((t) => tracked(t));
  if (!tr.some((v) => v)) return out;
  record(out, (g) => {
    const gs = vjp(g);
    for (let i = 0; i < inputs.length; i++) {
      const gi = gs[i];
      if (!tr[i] || gi === null || gi === undefined) continue;
      const t = inputs[i]!;
      if (gi.length !== t.size) {
        throw AnsatzError.expected(
          "bad-shape",
          `customOp vjp result ${i}`,
          `${t.size} values`,
          `${gi.length}`,
        );
      }
      accum(t, gi);
    }
  });
  return out;
}

/** True while a gradient is being recorded (inside grad/valueAndGrad and not inside noGrad). */
export function isRecording(): boolean {
  return current !== null;
}

/** Runs `fn` without recording: its ops are not differentiated (for integrators, samplers, metrics). */
export function noGrad<T>(fn: () => T): T {
  const prevCurrent = current;
  const prevBarrier = barrier;
  current = null;
  barrier = depth;
  try {
    return fn();
  } finally {
    current = prevCurrent;
    barrier = prevBarrier;
  }
}

/** The same values as a constant: gradients do not flow through the result (shares the buffer). */
export function stopGradient(t: Tensor): Tensor {
  return new Tensor(t.data, t.shape);
}

function runBackward(tape: Tape, out: Tensor): void {
  const seed = alloc(out.dtype, out.size);
  seed[0] = 1;
  out._grad = seed;
  const items = tape.items;
  for (let i = items.length - 5; i >= 0; i -= 5) {
    const o = items[i] as Tensor;
    const g = o._grad;
    if (g === null) continue;
    (items[i + 1] as StaticBackward)(
      g,
      o,
      items[i + 2] as Tensor | null,
      items[i + 3] as Tensor | null,
      items[i + 4],
    );
    o._grad = null;
  }
}

interface RawResult<P> {
  out: Tensor;
  grads: P;
}

function differentiate<P extends ParamTree>(
  where: string,
  run: (params: P) => Tensor,
  params: P,
): RawResult<P> {
  depth++;
  const tape = new Tape(depth);
  const prev = current;
  try {
    const wrapped = mapTree(params, (t) => {
      const tp = t._tape;
      if (tp?.active && (tp as Tape).depth > barrier) throw nestedError();
      const w = new Tensor(t.data, t.shape);
      w._tape = tape;
      return w;
    });
    current = tape;
    let out: Tensor;
    try {
      out = run(wrapped);
    } finally {
      current = prev;
    }
    if (!(out instanceof Tensor)) {
      throw AnsatzError.expected("bad-argument", `${where}: f's result`, "a Tensor", typeof out);
    }
    if (out.size !== 1) {
      throw AnsatzError.expected(
        "bad-shape",
        `${where}: f's result`,
        "a scalar tensor (one element)",
        `shape ${formatShape(out.shape)}`,
      );
    }
    if (out._tape === tape) runBackward(tape, out);
    const grads = mapTree(wrapped, (w) => {
      const g = w._grad ?? alloc(w.dtype, w.size);
      w._grad = null;
      return new Tensor(g, w.shape);
    });
    return { out, grads };
  } finally {
    tape.active = false;
    depth--;
  }
}

/** `valueAndGrad(f)`: a function returning f's scalar value and its gradient with respect to the first argument (same tree shape). */
export function valueAndGrad<P extends ParamTree, A extends unknown[]>(
  f: (params: P, ...rest: A) => Tensor,
): (params: P, ...rest: A) => { value: number; grads: P } {
  return (params: P, ...rest: A) => {
    const { out, grads } = differentiate("valueAndGrad", (p) => f(p, ...rest), params);
    return { value: out.data[0]!, grads };
  };
}

/** `grad(f)`: a function returning the gradient of scalar f with respect to its first argument. */
export function grad<P extends ParamTree, A extends unknown[]>(
  f: (params: P, ...rest: A) => Tensor,
): (params: P, ...rest: A) => P {
  return (params: P, ...rest: A) => differentiate("grad", (p) => f(p, ...rest), params).grads;
}

/** Like valueAndGrad for an `f` returning `[loss, aux]`; aux is passed through undifferentiated. */
export function valueAndGradWithAux<P extends ParamTree, A extends unknown[], X>(
  f: (params: P, ...rest: A) => [Tensor, X],
): (params: P, ...rest: A) => { value: number; grads: P; aux: X } {
  return (params: P, ...rest: A) => {
    let aux: X | undefined;
    const { out, grads } = differentiate(
      "valueAndGradWithAux",
      (p) => {
        const r = f(p, ...rest);
        if (!Array.isArray(r) || r.length !== 2) {
          throw AnsatzError.expected(
            "bad-argument",
            "valueAndGradWithAux: f's result",
            "a pair [loss, aux]",
            typeof r,
          );
        }
        aux = r[1];
        return r[0];
      },
      params,
    );
    return { value: out.data[0]!, grads, aux: aux as X };
  };
}
