# Reference side of the engine benchmark (bench/engine.ts): the same work done with numpy, and with
# PyTorch when `import torch` works, timed in the same run. Prints one JSON object on stdout.
#   matmul: C = A @ B for n x n float64 / float32 operands (ms per product)
#   tiny op: a * b on one-element float64 arrays, eager (us per op); and "taped": a chain of 100
#     such products forward plus its hand-written backward (numpy) / autograd backward (torch),
#     per op
#   MLP step: ReLU MLP 64-256-256-64, batch 256, MSE loss, float64: forward, hand-written backward
#     and an Adam update with PyTorch's bias-corrected formula (Kingma & Ba 2015, Alg. 1) (ms)
#   GRU: PyTorch GRUCell equations (torch.nn.GRUCell docs), input 64, hidden 64, batch 32, unrolled
#     100 steps, loss mean((h_T - y)^2), forward + hand-written backward through time (ms)
# Timing: warm-up, then the median of --reps repetitions (time.perf_counter).
# Usage: python3 bench/engine_numpy.py [--reps N] [--sizes 256,1024]
# The caller pins BLAS to one thread (OPENBLAS_NUM_THREADS etc.) unless told otherwise.
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--reps", type=int, default=7)
parser.add_argument("--sizes", default="256,1024")
args = parser.parse_args()
REPS = max(1, args.reps)
SIZES = [int(s) for s in args.sizes.split(",") if s]


def median_ms(fn, reps=REPS, warmup=2, inner=1):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        times.append((time.perf_counter() - t0) * 1000.0 / inner)
    return statistics.median(times)


def reps_for(n):
    return max(3, min(REPS, int(2e9 / (2 * n**3)) or 3))


rng = np.random.default_rng(0)
out = {"numpy": {"version": np.__version__}, "torch": None}
res = out["numpy"]

# ---- matmul
for n in SIZES:
    for dt, name in ((np.float64, "f64"), (np.float32, "f32")):
        a = rng.standard_normal((n, n)).astype(dt)
        b = rng.standard_normal((n, n)).astype(dt)
        res[f"matmul_{name}_{n}"] = median_ms(lambda: a @ b, reps=reps_for(n))

# ---- tiny op
ta = np.array([1.0000001])
tb = np.array([0.9999999])
res["tiny_op_us"] = median_ms(lambda: ta * tb, inner=10000) * 1000.0


def taped_chain():
    xs = [ta]
    x = ta
    for _ in range(100):
        x = x * tb
        xs.append(x)
    g = np.ones_like(x)
    for _ in range(100):
        g = g * tb
    return g


res["tiny_op_taped_us"] = median_ms(taped_chain, inner=20) * 1000.0 / 100.0

# ---- MLP step
sizes = [64, 256, 256, 64]
batch = 256
W = [rng.standard_normal((sizes[i], sizes[i + 1])) * np.sqrt(2.0 / sizes[i]) for i in range(3)]
B = [np.zeros(sizes[i + 1]) for i in range(3)]
X = rng.standard_normal((batch, 64))
Y = rng.standard_normal((batch, 64))
params = W + B
m_ = [np.zeros_like(p) for p in params]
v_ = [np.zeros_like(p) for p in params]
step_t = [0]
lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-8


def mlp_step():
    hs = [X]
    h = X
    for i in range(3):
        z = h @ W[i] + B[i]
        h = np.maximum(z, 0.0) if i < 2 else z
        hs.append(h)
    diff = h - Y
    loss = np.mean(diff * diff)
    g = 2.0 * diff / diff.size
    gW = [None] * 3
    gB = [None] * 3
    for i in reversed(range(3)):
        if i < 2:
            g = g * (hs[i + 1] > 0)
        gW[i] = hs[i].T @ g
        gB[i] = g.sum(axis=0)
        if i > 0:
            g = g @ W[i].T
    step_t[0] += 1
    t = step_t[0]
    for k, (p, gr) in enumerate(zip(params, gW + gB)):
        m_[k] *= b1
        m_[k] += (1 - b1) * gr
        v_[k] *= b2
        v_[k] += (1 - b2) * gr * gr
        p -= (lr / (1 - b1**t)) * m_[k] / (np.sqrt(v_[k]) / np.sqrt(1 - b2**t) + eps)
    return loss


res["mlp_step_ms"] = median_ms(mlp_step, reps=max(REPS, 15), warmup=3)

# ---- GRU forward + backward through 100 steps
H, I, NB, T = 64, 64, 32, 100
s = 1.0 / np.sqrt(H)
wih = rng.uniform(-s, s, (I, 3 * H))
whh = rng.uniform(-s, s, (H, 3 * H))
bih = rng.uniform(-s, s, 3 * H)
bhh = rng.uniform(-s, s, 3 * H)
xs = [rng.standard_normal((NB, I)) for _ in range(T)]
yT = rng.standard_normal((NB, H))


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def gru_fb():
    h = np.zeros((NB, H))
    cache = []
    for x in xs:
        gi = x @ wih + bih
        gh = h @ whh + bhh
        r = sigmoid(gi[:, :H] + gh[:, :H])
        z = sigmoid(gi[:, H : 2 * H] + gh[:, H : 2 * H])
        ghn = gh[:, 2 * H :]
        n = np.tanh(gi[:, 2 * H :] + r * ghn)
        cache.append((x, h, r, z, n, ghn))
        h = (1.0 - z) * n + z * h
    diff = h - yT
    loss = np.mean(diff * diff)
    dh = 2.0 * diff / diff.size
    dwih = np.zeros_like(wih)
    dwhh = np.zeros_like(whh)
    dbih = np.zeros_like(bih)
    dbhh = np.zeros_like(bhh)
    for x, hp, r, z, n, ghn in reversed(cache):
        dn = dh * (1.0 - z)
        dz = dh * (hp - n)
        dan = dn * (1.0 - n * n)
        daz = dz * z * (1.0 - z)
        dar = dan * ghn * r * (1.0 - r)
        dgi = np.concatenate([dar, daz, dan], axis=1)
        dgh = np.concatenate([dar, daz, dan * r], axis=1)
        dwih += x.T @ dgi
        dbih += dgi.sum(axis=0)
        dwhh += hp.T @ dgh
        dbhh += dgh.sum(axis=0)
        dh = dh * z + dgh @ whh.T
    return loss, dwih, dwhh, dbih, dbhh


res["gru_ms"] = median_ms(gru_fb, reps=max(3, REPS), warmup=2)

# ---- PyTorch (optional): absent -> "torch": null; a failure -> "torch_error", numpy results kept


def run_torch(torch):
    threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
    if threads > 0:
        torch.set_num_threads(threads)
    tr = {"version": torch.__version__, "threads": torch.get_num_threads()}
    for n in SIZES:
        for dt, name in ((torch.float64, "f64"), (torch.float32, "f32")):
            a = torch.randn(n, n, dtype=dt)
            b = torch.randn(n, n, dtype=dt)
            tr[f"matmul_{name}_{n}"] = median_ms(lambda: a @ b, reps=reps_for(n))
    qb = torch.tensor([0.9999999], dtype=torch.float64)
    with torch.no_grad():
        qa = torch.tensor([1.0000001], dtype=torch.float64)
        tr["tiny_op_us"] = median_ms(lambda: qa * qb, inner=10000) * 1000.0
    qa_g = torch.tensor([1.0000001], dtype=torch.float64, requires_grad=True)

    def torch_taped():
        x = qa_g
        for _ in range(100):
            x = x * qb
        x.sum().backward()
        qa_g.grad = None

    tr["tiny_op_taped_us"] = median_ms(torch_taped, inner=5) * 1000.0 / 100.0

    torch.manual_seed(0)
    nn = torch.nn
    mlp = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 64)).double()
    opt = torch.optim.Adam(mlp.parameters(), lr=1e-3)
    tX = torch.from_numpy(X)
    tY = torch.from_numpy(Y)

    def torch_mlp():
        opt.zero_grad()
        loss = torch.mean((mlp(tX) - tY) ** 2)
        loss.backward()
        opt.step()

    tr["mlp_step_ms"] = median_ms(torch_mlp, reps=max(REPS, 15), warmup=3)
    cell = nn.GRUCell(I, H).double()
    txs = [torch.from_numpy(x) for x in xs]
    tyT = torch.from_numpy(yT)

    def torch_gru():
        cell.zero_grad()
        h = torch.zeros(NB, H, dtype=torch.float64)
        for x in txs:
            h = cell(x, h)
        torch.mean((h - tyT) ** 2).backward()

    tr["gru_ms"] = median_ms(torch_gru, reps=max(3, REPS), warmup=2)
    return tr


try:
    import torch as _torch
except Exception:  # not installed (or not importable): reported as absent
    _torch = None
if _torch is not None:
    try:
        out["torch"] = run_torch(_torch)
    except Exception as e:  # keep the numpy results; say what went wrong
        out["torch_error"] = repr(e)[:300]

json.dump(out, sys.stdout)
sys.stdout.write("\n")
