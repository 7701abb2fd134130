# Independent numpy reference for the golden loss trace (test/engine/golden-trace.test.ts):
# a tanh MLP y = L3(tanh(L2(tanh(L1(x))))) with L(x) = x @ w + b, loss = mean((y - target)^2),
# gradients by hand-written backpropagation, and Adam with PyTorch's bias-corrected update
#   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;
#   p -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
# Prints the loss before each of the 20 steps and after the last one (21 numbers, repr).
# Command (from the repository root; numpy 2.4):
#   python3 test/engine/golden/mlp_adam.py test/engine/golden/mlp-adam-init.json
import json
import sys

import numpy as np

cfg = json.load(open(sys.argv[1]))
W = [np.array(l["w"], dtype=np.float64) for l in cfg["layers"]]
B = [np.array(l["b"], dtype=np.float64) for l in cfg["layers"]]
x = np.array(cfg["x"], dtype=np.float64)
y = np.array(cfg["y"], dtype=np.float64)
a = cfg["adam"]
lr, b1, b2, eps = a["lr"], a["beta1"], a["beta2"], a["eps"]


def loss_and_grads():
    hs = [x]
    h = x
    for i in range(len(W)):
        z = h @ W[i] + B[i]
        h = np.tanh(z) if i + 1 < len(W) else z
        hs.append(h)
    diff = h - y
    loss = np.mean(diff * diff)
    g = 2.0 * diff / diff.size
    gW = [None] * len(W)
    gB = [None] * len(W)
    for i in reversed(range(len(W))):
        if i + 1 < len(W):
            g = g * (1.0 - hs[i + 1] ** 2)
        gW[i] = hs[i].T @ g
        gB[i] = g.sum(axis=0)
        g = g @ W[i].T
    return loss, gW, gB


params = W + B
m = [np.zeros_like(p) for p in params]
v = [np.zeros_like(p) for p in params]
losses = []
for t in range(1, cfg["steps"] + 1):
    loss, gW, gB = loss_and_grads()
    losses.append(loss)
    grads = gW + gB
    for k, (p, g) in enumerate(zip(params, grads)):
        m[k] = b1 * m[k] + (1 - b1) * g
        v[k] = b2 * v[k] + (1 - b2) * g * g
        p -= (lr / (1 - b1**t)) * m[k] / (np.sqrt(v[k]) / np.sqrt(1 - b2**t) + eps)
losses.append(loss_and_grads()[0])
for l in losses:
    print(repr(float(l)))
