// Tests for src/core/stats.ts: histograms bit-identical to numpy 2.4 on tricky inputs, moments and
// quantiles bit-identical to numpy, hand-computed moments and KL divergences, and Monte-Carlo MMD² and
// energy distance against their closed forms for Gaussian samples (5 standard errors over replicates).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AnsatzError } from "../../src/core/errors.ts";
import { Mat } from "../../src/core/matrix.ts";
import { Rng } from "../../src/core/random.ts";
import {
  colMeans,
  colVariances,
  covariance,
  energyDistance,
  histogram,
  histogramDensity,
  klGaussian,
  klGaussian1d,
  kurtosis,
  linspace,
  logSumExp,
  mean,
  median,
  medianBandwidth,
  mmd2,
  moments,
  quantile,
  skewness,
  std,
  sum,
  variance,
} from "../../src/core/stats.ts";

interface HistCase {
  name: string;
  values: number[];
  bins: number;
  range: [number, number] | undefined;
  counts: number[];
  edges: number[];
}

// numpy 2.4.6 reference, produced by this script (values and edges printed with repr, exact doubles):
//   import numpy as np
//   def nb(v): return [float(np.nextafter(v, -np.inf)), float(v), float(np.nextafter(v, np.inf))]
//   cases = [("edges of linspace(0,1,11)", list(np.linspace(0, 1, 11)), 10, [0.0, 1.0]),
//            ("constant data 3.0", [3.0, 3.0, 3.0], 4, None),
//            ("range (2, 2)", [1.5, 2.0, 2.0, 2.49, 2.5, 2.6], 3, [2.0, 2.0]),
//            ("range (-3.7, -1.2), 41 bins, edges ± 1 ulp",
//             [x for v in np.linspace(-3.7, -1.2, 42) for x in nb(v)] + [-5.0, 0.0, -1.19], 41, [-3.7, -1.2]),
//            ("range (0.1, 0.7), 41 bins, edges ± 1 ulp",
//             [x for v in np.linspace(0.1, 0.7, 42) for x in nb(v)], 41, [0.1, 0.7]),
//            ("data range, 41 bins, k/10 and k/3",
//             [k / 10 for k in range(-7, 24)] + [k / 3 for k in range(-2, 7)], 41, None),
//            ("one bin", [0.25, -1.0, 1.0, 1.0000000000000002], 1, [-1.0, 1.0]),
//            ("empty sample", [], 3, None)]
//   for name, v, b, r in cases: print(np.histogram(np.array(v, dtype=float), bins=b, range=r))
//   print(np.histogram(np.array(cases[5][1]), bins=41, density=True)[0])
// In the two "edges ± 1 ulp" cases the raw index trunc((x - lo)/(hi - lo)·bins) is wrong for 15 and 9
// values respectively: only numpy's corrections against the edges give these counts.
const NUMPY_CASES: HistCase[] = [
  {
    name: "edges of linspace(0,1,11)",
    values: [
      0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1.0,
    ],
    bins: 10,
    range: [0.0, 1.0],
    counts: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
    edges: [
      0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1.0,
    ],
  },
  {
    name: "constant data 3.0",
    values: [3.0, 3.0, 3.0],
    bins: 4,
    range: undefined,
    counts: [0, 0, 3, 0],
    edges: [2.5, 2.75, 3.0, 3.25, 3.5],
  },
  {
    name: "range (2, 2)",
    values: [1.5, 2.0, 2.0, 2.49, 2.5, 2.6],
    bins: 3,
    range: [2.0, 2.0],
    counts: [1, 2, 2],
    edges: [1.5, 1.8333333333333333, 2.1666666666666665, 2.5],
  },
  {
    name: "range (-3.7, -1.2), 41 bins, edges \u00b1 1 ulp",
    values: [
      -3.7000000000000006, -3.7, -3.6999999999999997, -3.639024390243903, -3.6390243902439026,
      -3.639024390243902, -3.5780487804878054, -3.578048780487805, -3.5780487804878045, -3.5170731707317078,
      -3.5170731707317073, -3.517073170731707, -3.45609756097561, -3.4560975609756097, -3.4560975609756093,
      -3.395121951219513, -3.3951219512195125, -3.395121951219512, -3.3341463414634154, -3.334146341463415,
      -3.3341463414634145, -3.2731707317073178, -3.2731707317073173, -3.273170731707317, -3.21219512195122,
      -3.2121951219512197, -3.2121951219512193, -3.1512195121951225, -3.151219512195122, -3.1512195121951216,
      -3.090243902439025, -3.0902439024390245, -3.090243902439024, -3.0292682926829273, -3.029268292682927,
      -3.0292682926829264, -2.96829268292683, -2.9682926829268297, -2.9682926829268292, -2.907317073170732,
      -2.9073170731707316, -2.907317073170731, -2.846341463414635, -2.8463414634146345, -2.846341463414634,
      -2.7853658536585373, -2.785365853658537, -2.7853658536585364, -2.7243902439024397, -2.7243902439024392,
      -2.724390243902439, -2.663414634146342, -2.6634146341463416, -2.663414634146341, -2.6024390243902444,
      -2.602439024390244, -2.6024390243902435, -2.5414634146341473, -2.541463414634147, -2.5414634146341464,
      -2.480487804878049, -2.4804878048780488, -2.4804878048780483, -2.419512195121952, -2.4195121951219516,
      -2.419512195121951, -2.3585365853658544, -2.358536585365854, -2.3585365853658535, -2.297560975609757,
      -2.2975609756097564, -2.297560975609756, -2.236585365853659, -2.2365853658536587, -2.2365853658536583,
      -2.1756097560975616, -2.175609756097561, -2.1756097560975607, -2.114634146341464, -2.1146341463414635,
      -2.114634146341463, -2.0536585365853663, -2.053658536585366, -2.0536585365853655, -1.9926829268292687,
      -1.9926829268292685, -1.9926829268292683, -1.9317073170731711, -1.931707317073171, -1.9317073170731707,
      -1.8707317073170737, -1.8707317073170735, -1.8707317073170733, -1.809756097560976, -1.8097560975609759,
      -1.8097560975609757, -1.7487804878048785, -1.7487804878048783, -1.748780487804878, -1.6878048780487809,
      -1.6878048780487807, -1.6878048780487804, -1.6268292682926833, -1.626829268292683, -1.6268292682926828,
      -1.5658536585365856, -1.5658536585365854, -1.5658536585365852, -1.504878048780488, -1.5048780487804878,
      -1.5048780487804876, -1.4439024390243909, -1.4439024390243906, -1.4439024390243904, -1.3829268292682932,
      -1.382926829268293, -1.3829268292682928, -1.3219512195121956, -1.3219512195121954, -1.3219512195121952,
      -1.260975609756098, -1.2609756097560978, -1.2609756097560976, -1.2000000000000002, -1.2,
      -1.1999999999999997, -5.0, 0.0, -1.19,
    ],
    bins: 41,
    range: [-3.7, -1.2],
    counts: [
      3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
      3, 3, 3, 3, 3, 4,
    ],
    edges: [
      -3.7, -3.6390243902439026, -3.578048780487805, -3.5170731707317073, -3.4560975609756097,
      -3.3951219512195125, -3.334146341463415, -3.2731707317073173, -3.2121951219512197, -3.151219512195122,
      -3.0902439024390245, -3.029268292682927, -2.9682926829268297, -2.9073170731707316, -2.8463414634146345,
      -2.785365853658537, -2.7243902439024392, -2.6634146341463416, -2.602439024390244, -2.541463414634147,
      -2.4804878048780488, -2.4195121951219516, -2.358536585365854, -2.2975609756097564, -2.2365853658536587,
      -2.175609756097561, -2.1146341463414635, -2.053658536585366, -1.9926829268292685, -1.931707317073171,
      -1.8707317073170735, -1.8097560975609759, -1.7487804878048783, -1.6878048780487807, -1.626829268292683,
      -1.5658536585365854, -1.5048780487804878, -1.4439024390243906, -1.382926829268293, -1.3219512195121954,
      -1.2609756097560978, -1.2,
    ],
  },
  {
    name: "range (0.1, 0.7), 41 bins, edges \u00b1 1 ulp",
    values: [
      0.09999999999999999, 0.1, 0.10000000000000002, 0.1146341463414634, 0.11463414634146342,
      0.11463414634146343, 0.1292682926829268, 0.12926829268292683, 0.12926829268292686, 0.14390243902439023,
      0.14390243902439026, 0.1439024390243903, 0.15853658536585363, 0.15853658536585366, 0.1585365853658537,
      0.17317073170731703, 0.17317073170731706, 0.1731707317073171, 0.18780487804878046, 0.1878048780487805,
      0.18780487804878052, 0.2024390243902439, 0.20243902439024392, 0.20243902439024394, 0.2170731707317073,
      0.21707317073170732, 0.21707317073170734, 0.23170731707317072, 0.23170731707317074, 0.23170731707317077,
      0.24634146341463412, 0.24634146341463414, 0.24634146341463417, 0.2609756097560975, 0.26097560975609757,
      0.2609756097560976, 0.27560975609756094, 0.275609756097561, 0.27560975609756105, 0.29024390243902437,
      0.2902439024390244, 0.2902439024390245, 0.30487804878048774, 0.3048780487804878, 0.30487804878048785,
      0.3195121951219511, 0.31951219512195117, 0.3195121951219512, 0.33414634146341454, 0.3341463414634146,
      0.33414634146341465, 0.34878048780487797, 0.348780487804878, 0.3487804878048781, 0.3634146341463414,
      0.36341463414634145, 0.3634146341463415, 0.3780487804878048, 0.3780487804878049, 0.37804878048780494,
      0.39268292682926825, 0.3926829268292683, 0.39268292682926836, 0.4073170731707317, 0.40731707317073174,
      0.4073170731707318, 0.421951219512195, 0.42195121951219505, 0.4219512195121951, 0.4365853658536584,
      0.4365853658536585, 0.43658536585365854, 0.45121951219512185, 0.4512195121951219, 0.45121951219512196,
      0.4658536585365853, 0.46585365853658534, 0.4658536585365854, 0.4804878048780487, 0.48048780487804876,
      0.4804878048780488, 0.49512195121951214, 0.4951219512195122, 0.49512195121951225, 0.5097560975609755,
      0.5097560975609756, 0.5097560975609757, 0.5243902439024389, 0.524390243902439, 0.5243902439024392,
      0.5390243902439023, 0.5390243902439024, 0.5390243902439025, 0.5536585365853657, 0.5536585365853658,
      0.5536585365853659, 0.5682926829268291, 0.5682926829268292, 0.5682926829268293, 0.5829268292682925,
      0.5829268292682926, 0.5829268292682928, 0.597560975609756, 0.5975609756097561, 0.5975609756097562,
      0.6121951219512194, 0.6121951219512195, 0.6121951219512196, 0.6268292682926828, 0.6268292682926829,
      0.626829268292683, 0.6414634146341461, 0.6414634146341462, 0.6414634146341464, 0.6560975609756096,
      0.6560975609756097, 0.6560975609756098, 0.670731707317073, 0.6707317073170731, 0.6707317073170732,
      0.6853658536585364, 0.6853658536585365, 0.6853658536585366, 0.6999999999999998, 0.7, 0.7000000000000001,
    ],
    bins: 41,
    range: [0.1, 0.7],
    counts: [
      3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
      3, 3, 3, 3, 3, 4,
    ],
    edges: [
      0.1, 0.11463414634146342, 0.12926829268292683, 0.14390243902439026, 0.15853658536585366,
      0.17317073170731706, 0.1878048780487805, 0.20243902439024392, 0.21707317073170732, 0.23170731707317074,
      0.24634146341463414, 0.26097560975609757, 0.275609756097561, 0.2902439024390244, 0.3048780487804878,
      0.31951219512195117, 0.3341463414634146, 0.348780487804878, 0.36341463414634145, 0.3780487804878049,
      0.3926829268292683, 0.40731707317073174, 0.42195121951219505, 0.4365853658536585, 0.4512195121951219,
      0.46585365853658534, 0.48048780487804876, 0.4951219512195122, 0.5097560975609756, 0.524390243902439,
      0.5390243902439024, 0.5536585365853658, 0.5682926829268292, 0.5829268292682926, 0.5975609756097561,
      0.6121951219512195, 0.6268292682926829, 0.6414634146341462, 0.6560975609756097, 0.6707317073170731,
      0.6853658536585365, 0.7,
    ],
  },
  {
    name: "data range, 41 bins, k/10 and k/3",
    values: [
      -0.7, -0.6, -0.5, -0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1,
      1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.1, 2.2, 2.3, -0.6666666666666666, -0.3333333333333333,
      0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 1.3333333333333333, 1.6666666666666667, 2.0,
    ],
    bins: 41,
    range: undefined,
    counts: [
      2, 1, 1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 2, 1, 1, 0, 2, 1, 0, 1, 1, 2, 0, 1,
      1, 2, 0, 1, 1, 1,
    ],
    edges: [
      -0.7, -0.6268292682926829, -0.5536585365853658, -0.48048780487804876, -0.4073170731707317,
      -0.3341463414634146, -0.26097560975609757, -0.18780487804878043, -0.1146341463414634,
      -0.04146341463414638, 0.03170731707317076, 0.10487804878048779, 0.17804878048780481,
      0.25121951219512195, 0.3243902439024391, 0.397560975609756, 0.47073170731707314, 0.5439024390243903,
      0.6170731707317072, 0.6902439024390243, 0.7634146341463415, 0.8365853658536584, 0.9097560975609755,
      0.9829268292682927, 1.0560975609756096, 1.1292682926829267, 1.2024390243902439, 1.275609756097561,
      1.3487804878048781, 1.4219512195121948, 1.495121951219512, 1.568292682926829, 1.6414634146341462,
      1.7146341463414634, 1.7878048780487805, 1.8609756097560977, 1.9341463414634144, 2.0073170731707313,
      2.0804878048780484, 2.1536585365853655, 2.2268292682926827, 2.3,
    ],
  },
  {
    name: "one bin",
    values: [0.25, -1.0, 1.0, 1.0000000000000002],
    bins: 1,
    range: [-1.0, 1.0],
    counts: [3],
    edges: [-1.0, 1.0],
  },
  {
    name: "empty sample",
    values: [],
    bins: 3,
    range: undefined,
    counts: [0, 0, 0],
    edges: [0.0, 0.3333333333333333, 0.6666666666666666, 1.0],
  },
];
const NUMPY_DENSITY_CASE6 = [
  0.6833333333333338, 0.3416666666666664, 0.3416666666666669, 0.0, 0.3416666666666666, 0.6833333333333338,
  0.3416666666666664, 0.0, 0.3416666666666669, 0.6833333333333328, 0.3416666666666669, 0.0,
  0.3416666666666664, 0.3416666666666664, 0.3416666666666674, 0.3416666666666664, 0.3416666666666664,
  0.3416666666666674, 0.3416666666666664, 0.3416666666666664, 0.3416666666666674, 0.3416666666666664, 0.0,
  0.6833333333333348, 0.3416666666666664, 0.3416666666666664, 0.0, 0.6833333333333328, 0.34166666666666845,
  0.0, 0.3416666666666664, 0.3416666666666664, 0.6833333333333328, 0.0, 0.3416666666666664,
  0.34166666666666845, 0.6833333333333348, 0.0, 0.3416666666666664, 0.3416666666666664, 0.3416666666666664,
];

const isErr = (code: string, text: string) => (e: unknown) =>
  e instanceof AnsatzError && e.code === code && e.message.includes(text);

describe("histogram: numpy semantics, bit for bit", () => {
  for (const c of NUMPY_CASES) {
    it(`${c.name}: counts and edges equal np.histogram`, () => {
      const h = histogram(c.values, c.bins, c.range);
      assert.deepEqual(Array.from(h.counts), c.counts);
      assert.deepEqual(Array.from(h.edges), c.edges);
    });
  }

  it("histogramDensity equals np.histogram(..., density=True) for the k/10, k/3 case", () => {
    const c = NUMPY_CASES[5]!;
    assert.deepEqual(Array.from(histogramDensity(c.values, 41).counts), NUMPY_DENSITY_CASE6);
  });

  it("linspace(-3.7, -1.2, 42) equals the numpy edges above", () => {
    assert.deepEqual(Array.from(linspace(-3.7, -1.2, 42)), NUMPY_CASES[3]!.edges);
  });

  it("rejects NaN values, a reversed or infinite range and a non-integer bin count", () => {
    assert.throws(() => histogram([1, Number.NaN], 3), isErr("not-finite", "histogram(values)"));
    assert.throws(() => histogram([1], 3, [2, 1]), isErr("bad-value", "histogram(range)"));
    assert.throws(
      () => histogram([1], 3, [0, Number.POSITIVE_INFINITY]),
      isErr("not-finite", "histogram(range)"),
    );
    assert.throws(() => histogram([1], 2.5), isErr("bad-value", "histogram(bins)"));
    assert.throws(() => histogramDensity([5], 2, [0, 1]), isErr("too-little-data", "histogramDensity"));
  });
});

describe("moments", () => {
  // x = [1, 2, 3, 4, 10]: mean 4; deviations -3 -2 -1 0 6; m2 = 50/5 = 10, m3 = 180/5 = 36,
  // m4 = 1394/5 = 278.8; skewness 36/10^1.5 = 1.1384199576606167, excess kurtosis 2.788 - 3 = -0.212
  // (scipy.stats.skew / kurtosis print 1.1384199576606167 and -0.21199999999999974).
  const x = [1, 2, 3, 4, 10];

  it("mean 4, variance 10 (ddof 0) and 12.5 (ddof 1), skewness, kurtosis of [1, 2, 3, 4, 10]", () => {
    assert.equal(mean(x), 4);
    assert.equal(variance(x), 10);
    assert.equal(variance(x, 1), 12.5);
    assert.equal(std(x), Math.sqrt(10));
    assert.ok(Math.abs(skewness(x) - 1.1384199576606167) < 1e-15);
    assert.ok(Math.abs(kurtosis(x) - -0.212) < 1e-14);
    const m = moments(x);
    assert.equal(m.n, 5);
    assert.equal(m.mean, 4);
    assert.equal(m.variance, 10);
    assert.equal(m.skewness, skewness(x));
  });

  it("sum, mean, var and std equal numpy bit for bit (pairwise summation) at n = 1000 and 100003", () => {
    // python3 -c "import numpy as np; a = np.array([((i*7919) % 1013)/1013 - 0.3 + i*1e-3 for i in range(N)]);
    //   print(repr(np.sum(a)), repr(np.mean(a)), repr(np.var(a)), repr(np.var(a, ddof=1)), repr(np.std(a)))"
    const expected: [number, number[]][] = [
      [
        1000,
        [699.881046396841, 0.699881046396841, 0.16611810208966557, 0.16628438647614172, 0.4075758850688612],
      ],
      [
        100003,
        [5020202.234293188, 50.20051632744206, 833.4662037980103, 833.4745382933583, 28.86981475170927],
      ],
    ];
    for (const [n, e] of expected) {
      const a = new Float64Array(n);
      for (let i = 0; i < n; i++) a[i] = ((i * 7919) % 1013) / 1013 - 0.3 + i * 1e-3;
      assert.deepEqual([sum(a), mean(a), variance(a), variance(a, 1), std(a)], e, `n = ${n}`);
    }
  });

  it("column means, variances and covariance equal numpy (np.mean/np.var axis=0, np.cov rowvar=False)", () => {
    // X below; python3 -c "import numpy as np; X = np.array(...); print(X.mean(0), X.var(0), X.var(0, ddof=1),
    //   np.cov(X, rowvar=False))"
    const X = Mat.from([
      [1, 2, 3],
      [4, 5, 6.5],
      [0.1, -2, 7],
      [3, 3, 3],
      [-1, 0.5, 2],
    ]);
    assert.deepEqual(Array.from(colMeans(X)), [1.42, 1.7, 4.3]);
    assert.deepEqual(Array.from(colVariances(X)), [3.3856, 5.5600000000000005, 4.159999999999999]);
    assert.deepEqual(Array.from(colVariances(X, 1)), [4.232, 6.950000000000001, 5.199999999999999]);
    const C = covariance(X);
    const ref = [
      [4.232, 4.5575, 1.5425000000000002],
      [4.5575, 6.950000000000001, -0.5125000000000002],
      [1.5425000000000002, -0.5125000000000002, 5.2],
    ];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) assert.ok(Math.abs(C.get(i, j) - ref[i]![j]!) < 1e-14, `cov[${i}, ${j}]`);
    }
  });

  it("rejects NaN, empty input, too large ddof and a constant sample for skewness", () => {
    assert.throws(() => mean([1, Number.NaN]), isErr("not-finite", "mean(x)"));
    assert.throws(() => variance([Number.POSITIVE_INFINITY]), isErr("not-finite", "variance(x)"));
    assert.throws(() => mean([]), isErr("too-little-data", "mean(x)"));
    assert.throws(() => variance([1], 1), isErr("too-little-data", "variance(x)"));
    assert.throws(() => skewness([2, 2, 2]), isErr("bad-value", "skewness(x)"));
    assert.throws(
      () => colMeans(new Mat(1, 2, new Float64Array([1, Number.NaN]))),
      isErr("not-finite", "colMeans(X)"),
    );
    assert.throws(() => covariance(new Mat(1, 2)), isErr("too-little-data", "covariance(X)"));
  });
});

describe("quantile and median: numpy 'linear' semantics, bit for bit", () => {
  it("matches np.quantile at q = 0, .1, .25, 1/3, .5, .9, .999, 1 and np.median (odd and even n)", () => {
    // python3 -c "import numpy as np; y = np.array([3.5, -1.25, 7.0, 7.0, 0.1, 2.2, -4.0, 9.75, 0.3]);
    //   print(np.quantile(y, [0, .1, .25, 1/3, .5, .9, .999, 1]), np.median(y), np.median(y[:8]))"
    const y = [3.5, -1.25, 7.0, 7.0, 0.1, 2.2, -4.0, 9.75, 0.3];
    const q = [0, 0.1, 0.25, 1 / 3, 0.5, 0.9, 0.999, 1];
    const ref = [-4.0, -1.7999999999999998, 0.1, 0.23333333333333328, 2.2, 7.550000000000001, 9.728, 9.75];
    assert.deepEqual(Array.from(quantile(y, q)), ref);
    assert.equal(quantile(y, 1 / 3), 0.23333333333333328);
    assert.equal(median(y), 2.2);
    assert.equal(median(y.slice(0, 8)), 2.85);
  });

  it("rejects q outside [0, 1] and NaN data", () => {
    assert.throws(() => quantile([1, 2], 1.5), isErr("bad-value", "quantile(q)"));
    assert.throws(() => quantile([1, 2], [0.5, -0.1]), isErr("bad-value", "quantile(q[1])"));
    assert.throws(() => quantile([1, Number.NaN], 0.5), isErr("not-finite", "quantile(x)"));
  });
});

/** Mean and its standard error over replicate estimates. */
function meanSe(v: number[]): { mean: number; se: number } {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const s2 = v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
  return { mean: m, se: Math.sqrt(s2 / v.length) };
}

function normalColumn(rng: Rng, n: number, mu: number): Mat {
  return new Mat(n, 1, rng.fillNormal(new Float64Array(n), mu, 1));
}

/** erfc(x), Numerical Recipes `erfcc` (Chebyshev fit, fractional error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

describe("MMD² with a Gaussian kernel", () => {
  it("biased MMD²(X, X) = 0 (up to rounding) and MMD² >= 0", () => {
    const rng = new Rng(31);
    const X = new Mat(50, 3, rng.fillNormal(new Float64Array(150)));
    assert.ok(Math.abs(mmd2(X, X, 0.8)) < 1e-14);
    assert.ok(mmd2(X, new Mat(40, 3, rng.fillNormal(new Float64Array(120))), 0.8) >= 0);
  });

  it("N(0,1) vs N(2,1), h = 0.5: mean over 30 replicates (n = m = 400) matches the closed form (5 SE)", () => {
    // 1-D closed form: E exp(-(X-Y)²/(2h²)) = h/sqrt(h²+s²)·exp(-d²/(2(h²+s²))) for X-Y ~ N(d, s²).
    // X-X' ~ N(0, 2), X-Y ~ N(-2, 2): MMD² = 2·h/sqrt(h²+2)·(1 - exp(-4/(2(h²+2)))) = 0.392591...
    // The V-statistic has mean MMD² + (1 - Ekxx)/n + (1 - Ekyy)/m with Ekxx = Ekyy = h/sqrt(h²+2).
    const h = 0.5;
    const mu = 2;
    const n = 400;
    const kxx = h / Math.sqrt(h * h + 2);
    const exact = 2 * kxx * (1 - Math.exp(-(mu * mu) / (2 * (h * h + 2))));
    assert.ok(Math.abs(exact - 0.392591806) < 1e-9);
    const rng = new Rng(32);
    const u: number[] = [];
    const v: number[] = [];
    for (let r = 0; r < 30; r++) {
      const X = normalColumn(rng, n, 0);
      const Y = normalColumn(rng, n, mu);
      u.push(mmd2(X, Y, h, { unbiased: true }));
      v.push(mmd2(X, Y, h));
    }
    const U = meanSe(u);
    const V = meanSe(v);
    // SE here is about 0.005; the kernel exp(-d²/h²) (i.e. h → h/√2) would give 0.2958, about 18 SE away.
    assert.ok(Math.abs(U.mean - exact) < 5 * U.se, `unbiased ${U.mean} vs ${exact} ± 5·${U.se}`);
    const vExpected = exact + (2 * (1 - kxx)) / n;
    assert.ok(Math.abs(V.mean - vExpected) < 5 * V.se, `biased ${V.mean} vs ${vExpected} ± 5·${V.se}`);
  });

  it("medianBandwidth is the median pairwise distance of the pooled sample", () => {
    // Pooled 1-D points 0, 1, 3: distances 1, 3, 2 → median 2.
    assert.equal(medianBandwidth(Mat.from([[0], [1]]), Mat.from([[3]])), 2);
    // Pooled 2-D points (0,0), (3,4), (0,4), (3,0): distances 5, 4, 3, 3, 4, 5 → median (4 + 4)/2 = 4.
    assert.equal(
      medianBandwidth(
        Mat.from([
          [0, 0],
          [3, 4],
        ]),
        Mat.from([
          [0, 4],
          [3, 0],
        ]),
      ),
      4,
    );
    // maxPoints = 2 keeps pooled rows floor(0·4/2) = 0 and floor(1·4/2) = 2: distance |(0,0)-(0,4)| = 4.
    assert.equal(
      medianBandwidth(
        Mat.from([
          [0, 0],
          [3, 4],
        ]),
        Mat.from([
          [0, 4],
          [3, 0],
        ]),
        { maxPoints: 2 },
      ),
      4,
    );
  });

  it("rejects mismatched columns, NaN input, bad bandwidth, coincident points", () => {
    const X = Mat.from([[0, 1]]);
    assert.throws(() => mmd2(X, Mat.from([[0]]), 1), isErr("bad-shape", "mmd2(Y)"));
    assert.throws(() => mmd2(X, Mat.from([[0, Number.NaN]]), 1), isErr("not-finite", "mmd2(Y)"));
    assert.throws(() => mmd2(X, X, 0), isErr("bad-value", "mmd2(bandwidth)"));
    assert.throws(() => mmd2(X, X, 1, { unbiased: true }), isErr("too-little-data", "mmd2(X)"));
    assert.throws(() => medianBandwidth(X, X), isErr("bad-value", "medianBandwidth"));
  });
});

describe("energy distance", () => {
  it("is 0 for identical samples and 2|a-b| for two single points", () => {
    const X = Mat.from([
      [0, 1],
      [2, 3],
    ]);
    assert.equal(energyDistance(X, X), 0);
    // One point each: 2·|(0,0)-(3,4)| - 0 - 0 = 10.
    assert.equal(energyDistance(Mat.from([[0, 0]]), Mat.from([[3, 4]])), 10);
  });

  it("N(0,1) vs N(0.7,1): mean over 30 replicates (n = m = 300) matches the closed form (5 SE)", () => {
    // E|Z| for Z ~ N(m, s²) = s·sqrt(2/π)·exp(-m²/(2s²)) + m·(1 - 2Φ(-m/s)), Φ(x) = erfc(-x/√2)/2.
    // X - Y ~ N(-0.7, 2) (|.| symmetric, so m = 0.7, s = √2); X - X' ~ N(0, 2): E = 2/√π.
    // The V-statistic's within terms have mean (n-1)/n · 2/√π each.
    const mu = 0.7;
    const s = Math.SQRT2;
    const Phi = (x: number) => 0.5 * erfc(-x / Math.SQRT2);
    const exy = s * Math.sqrt(2 / Math.PI) * Math.exp(-(mu * mu) / (2 * s * s)) + mu * (1 - 2 * Phi(-mu / s));
    const exx = 2 / Math.sqrt(Math.PI);
    const n = 300;
    const expected = 2 * exy - 2 * ((n - 1) / n) * exx;
    const rng = new Rng(33);
    const e: number[] = [];
    for (let r = 0; r < 30; r++) e.push(energyDistance(normalColumn(rng, n, 0), normalColumn(rng, n, mu)));
    const E = meanSe(e);
    assert.ok(Math.abs(E.mean - expected) < 5 * E.se, `${E.mean} vs ${expected} ± 5·${E.se}`);
    // The population value 2E|X-Y| - 2E|X-X'| is clearly positive here.
    assert.ok(2 * exy - 2 * exx > 0.1);
  });

  it("rejects mismatched columns and NaN input", () => {
    assert.throws(
      () => energyDistance(Mat.from([[0, 1]]), Mat.from([[0]])),
      isErr("bad-shape", "energyDistance(Y)"),
    );
    assert.throws(
      () => energyDistance(Mat.from([[Number.NaN]]), Mat.from([[0]])),
      isErr("not-finite", "energyDistance(X)"),
    );
  });
});

describe("KL divergence between Gaussians", () => {
  it("1-D: KL(N(0,1) || N(1,2)) = ½(ln 2 + (1 + 1)/2 - 1) = ½ ln 2; KL(p || p) = 0", () => {
    assert.ok(Math.abs(klGaussian1d(0, 1, 1, 2) - 0.34657359027997264) < 1e-16);
    assert.equal(klGaussian1d(1, 4, 1, 4), 0);
  });

  it("2-D hand values: KL(N(0, [[2,1],[1,2]]) || N((1,-1), I)) = 2 - ½ ln 3 and the reverse = 2/3 + ½ ln 3", () => {
    // Forward: tr(I·Σ1) = 4, Mahalanobis |(1,-1)|² = 2, k = 2, ln det I - ln det Σ1 = -ln 3.
    // Reverse: Σ2⁻¹ = [[2,-1],[-1,2]]/3: tr = 4/3, dᵀΣ2⁻¹d = 2 for d = (-1, 1), ln det Σ2 = ln 3.
    const S = Mat.from([
      [2, 1],
      [1, 2],
    ]);
    const I = Mat.eye(2);
    assert.ok(Math.abs(klGaussian([0, 0], S, [1, -1], I) - (2 - 0.5 * Math.log(3))) < 1e-15);
    assert.ok(Math.abs(klGaussian([1, -1], I, [0, 0], S) - (2 / 3 + 0.5 * Math.log(3))) < 1e-15);
  });

  it("diagonal covariances give the sum of the 1-D divergences", () => {
    const c1 = Mat.from([
      [0.5, 0, 0],
      [0, 2, 0],
      [0, 0, 3],
    ]);
    const c2 = Mat.from([
      [1, 0, 0],
      [0, 0.25, 0],
      [0, 0, 3],
    ]);
    const k = klGaussian([0, 1, 2], c1, [1, 1, -1], c2);
    const k1 = klGaussian1d(0, 0.5, 1, 1) + klGaussian1d(1, 2, 1, 0.25) + klGaussian1d(2, 3, -1, 3);
    assert.ok(Math.abs(k - k1) < 1e-14);
  });

  it("rejects a non-positive-definite or asymmetric covariance, NaN means and wrong shapes", () => {
    const I = Mat.eye(2);
    const indefinite = Mat.from([
      [1, 2],
      [2, 1],
    ]);
    const asym = Mat.from([
      [1, 0.5],
      [0, 1],
    ]);
    assert.throws(() => klGaussian([0, 0], I, [0, 0], indefinite), isErr("bad-value", "klGaussian(cov2)"));
    assert.throws(() => klGaussian([0, 0], asym, [0, 0], I), isErr("bad-value", "klGaussian(cov1)"));
    assert.throws(() => klGaussian([Number.NaN, 0], I, [0, 0], I), isErr("not-finite", "klGaussian(mu1)"));
    assert.throws(() => klGaussian([0, 0], I, [0, 0, 0], I), isErr("bad-shape", "klGaussian(mu2)"));
    assert.throws(() => klGaussian1d(0, 0, 0, 1), isErr("bad-value", "klGaussian1d(var1)"));
  });
});

it("logSumExp: exact on small cases, stable for large arguments, −∞ when empty", () => {
  assert.ok(Math.abs(logSumExp([0, 0]) - Math.log(2)) < 1e-15, "log 2");
  assert.ok(Math.abs(logSumExp([1000, 1000]) - (1000 + Math.log(2))) < 1e-12, "no overflow");
  assert.ok(
    Math.abs(logSumExp([-1000, -1000 + Math.log(3)]) - (-1000 + Math.log(4))) < 1e-12,
    "no underflow",
  );
  assert.equal(logSumExp([]), Number.NEGATIVE_INFINITY);
  assert.equal(logSumExp([Number.NEGATIVE_INFINITY]), Number.NEGATIVE_INFINITY);
});
