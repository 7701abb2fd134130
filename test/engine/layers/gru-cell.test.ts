// Tests for src/engine/layers/gru-cell.ts: forward against a hand computation of PyTorch's GRUCell
// equations, the fused gates against the same equations written with generic ops, gradients
// (central differences, float64), 1-d inputs, errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AnsatzError } from "../../../src/core/errors.ts";
import { Rng } from "../../../src/core/random.ts";
import { GRUCell, type GRUParams, gruGates } from "../../../src/engine/layers/gru-cell.ts";
import { add, mul, sub } from "../../../src/engine/ops/elementwise.ts";
import { slice } from "../../../src/engine/ops/shape.ts";
import { sigmoid, tanh } from "../../../src/engine/ops/unary.ts";
import { randn, type Tensor, tensor } from "../../../src/engine/tensor.ts";
import { assertClose, checkGrad, scalarize } from "../helpers.ts";

test("forward equals PyTorch's GRUCell equations computed by hand (numpy)", () => {
  // PyTorch layout W_ih [3H, in], W_hh [3H, H] with H = 2, in = 2; ours is the transpose.
  // python3 -c "import numpy as np; W_ih=np.array([[0.1*(i+1)-0.3*j for j in range(2)] for i in range(6)]);
  //   W_hh=np.array([[0.05*(i-2)+0.2*j for j in range(2)] for i in range(6)]); b_ih=np.array([0.01*i for i in range(6)]);
  //   b_hh=np.array([-0.02*i for i in range(6)]); x=np.array([0.5,-1.]); h=np.array([0.1,0.2]);
  //   gi=W_ih@x+b_ih; gh=W_hh@h+b_hh; s=lambda v:1/(1+np.exp(-v)); r=s(gi[0:2]+gh[0:2]); z=s(gi[2:4]+gh[2:4]);
  //   n=np.tanh(gi[4:6]+r*gh[4:6]); print((1-z)*n+z*h)"  →  [0.09274889776870471, 0.1257776426179396]
  const Wih = Array.from({ length: 6 }, (_, i) => [0, 1].map((j) => 0.1 * (i + 1) - 0.3 * j));
  const Whh = Array.from({ length: 6 }, (_, i) => [0, 1].map((j) => 0.05 * (i - 2) + 0.2 * j));
  const T = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));
  const params: GRUParams = {
    wih: tensor(T(Wih)),
    whh: tensor(T(Whh)),
    bih: tensor(Array.from({ length: 6 }, (_, i) => 0.01 * i)),
    bhh: tensor(Array.from({ length: 6 }, (_, i) => -0.02 * i)),
  };
  const cell = new GRUCell(2, 2, { rng: new Rng(1) });
  const out = cell.apply(params, tensor([[0.5, -1]]), tensor([[0.1, 0.2]]));
  assertClose(out.data, [0.09274889776870471, 0.1257776426179396], 1e-15, 0, "h'");
  const out1 = cell.apply(params, tensor([0.5, -1]), tensor([0.1, 0.2]));
  assert.deepEqual(out1.shape, [2]);
  assertClose(out1.data, [0.09274889776870471, 0.1257776426179396], 1e-15, 0, "h' (1-d)");
});

/** The same gate equations with generic ops (the unfused reference). */
function gatesReference(gi: Tensor, gh: Tensor, h: Tensor): Tensor {
  const H = h.shape[1]!;
  const r = sigmoid(add(slice(gi, 1, 0, H), slice(gh, 1, 0, H)));
  const z = sigmoid(add(slice(gi, 1, H, 2 * H), slice(gh, 1, H, 2 * H)));
  const n = tanh(add(slice(gi, 1, 2 * H, 3 * H), mul(r, slice(gh, 1, 2 * H, 3 * H))));
  return add(n, mul(z, sub(h, n)));
}

test("fused gates equal the generic-op composition; gradients of gates and of the whole cell", () => {
  const rng = new Rng(2);
  const gi = randn([3, 12], rng);
  const gh = randn([3, 12], rng);
  const h = randn([3, 4], rng);
  assertClose(gruGates(gi, gh, h).data, gatesReference(gi, gh, h).data, 1e-14, 1e-15, "gates");
  const s = scalarize(gruGates(gi, gh, h), rng);
  checkGrad("gruGates", (p: { gi: Tensor; gh: Tensor; h: Tensor }) => s(gruGates(p.gi, p.gh, p.h)), {
    gi,
    gh,
    h,
  });
  const cell = new GRUCell(3, 4, { rng });
  const x = randn([5, 3], rng);
  const h0 = randn([5, 4], rng);
  // Two unrolled steps so that the gradient flows through h as well.
  const run = (p: GRUParams, xx: Tensor, hh: Tensor) => cell.apply(p, xx, cell.apply(p, xx, hh));
  const s2 = scalarize(run(cell.params, x, h0), rng);
  checkGrad("GRUCell x2", (q: { p: GRUParams; x: Tensor; h: Tensor }) => s2(run(q.p, q.x, q.h)), {
    p: cell.params,
    x,
    h: h0,
  });
});

test("init is uniform on ±1/√H; errors name the input", () => {
  const cell = new GRUCell(3, 16, { rng: new Rng(3) });
  for (const t of [cell.params.wih, cell.params.whh, cell.params.bih, cell.params.bhh]) {
    assert.ok(t.data.every((v) => Math.abs(v) <= 0.25));
  }
  assert.deepEqual(cell.params.wih.shape, [3, 48]);
  assert.deepEqual(cell.initialState(2).shape, [2, 16]);
  assert.throws(
    () => cell.apply(cell.params, tensor([[1, 2]]), cell.initialState(1)),
    /GRUCell input x: expected shape \[\*, 3\] or \[3\], found \[1, 2\]/,
  );
  assert.throws(
    () => cell.apply(cell.params, tensor([[1, 2, 3]]), cell.initialState(2)),
    /GRUCell state h: expected shape \[1, 16\], found \[2, 16\]/,
  );
  assert.throws(
    () => cell.apply(cell.params, tensor([[1, Number.NaN, 3]]), cell.initialState(1)),
    (e: unknown) => e instanceof AnsatzError && e.code === "not-finite",
  );
});
