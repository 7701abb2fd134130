// The engine's public face (DESIGN.md, "Engine"): tensors, parameter trees, autodiff, ops, layers,
// optimisers, the training loop and the gradient check. Import from here, not from the files.
export {
  customOp,
  grad,
  isRecording,
  noGrad,
  stopGradient,
  valueAndGrad,
  valueAndGradWithAux,
} from "./autodiff.ts";
export {
  assertGradcheck,
  type GradcheckEntry,
  type GradcheckOptions,
  type GradcheckResult,
  gradcheck,
} from "./gradcheck.ts";
export { getMatmulKernel } from "./kernels/index.ts";
export { GRUCell, type GRUCellOptions, type GRUParams, gruGates } from "./layers/gru-cell.ts";
export { type Init, Linear, type LinearOptions, type LinearParams } from "./layers/linear.ts";
export { type Activation, activationFn, MLP, type MLPOptions, type MLPParams } from "./layers/mlp.ts";
export {
  add,
  div,
  eq,
  ge,
  gt,
  le,
  lt,
  maximum,
  minimum,
  mul,
  type Operand,
  sub,
  where,
} from "./ops/elementwise.ts";
export { gather, type Indices, oneHot } from "./ops/index-ops.ts";
export { bceWithLogits, type LossOptions, mse, softmaxCrossEntropy } from "./ops/losses.ts";
export { linear, type MatmulOptions, matmul } from "./ops/matmul.ts";
export { type Axis, logSoftmax, logsumexp, max, mean, min, norm, softmax, sum } from "./ops/reduce.ts";
export {
  broadcastTo,
  concat,
  expandDims,
  flatten,
  permute,
  reshape,
  slice,
  squeeze,
  stack,
  transpose,
} from "./ops/shape.ts";
export { erf } from "./ops/special.ts";
export {
  abs,
  clamp,
  cos,
  exp,
  gelu,
  leakyRelu,
  log,
  log1p,
  neg,
  pow,
  relu,
  sigmoid,
  silu,
  sin,
  softplus,
  sqrt,
  square,
  tanh,
} from "./ops/unary.ts";
export { Adam, type AdamOptions, adam } from "./optim/adam.ts";
export { clipGradNorm, globalNorm, type Optimizer } from "./optim/optimizer.ts";
export { SGD, type SGDOptions, sgd } from "./optim/sgd.ts";
export {
  alloc,
  arange,
  type DType,
  type FloatArray,
  fromMat,
  full,
  linspace,
  type NestedNumbers,
  ones,
  randn,
  sizeOf,
  Tensor,
  tensor,
  toMat,
  uniform,
  zeros,
} from "./tensor.ts";
export { type TrainOptions, type TrainProgress, type TrainResult, train } from "./train.ts";
export {
  cloneTree,
  flattenTree,
  mapTree,
  type ParamTree,
  type TreeLeaf,
  treeLeaves,
  treeSize,
  unflattenTree,
} from "./tree.ts";
