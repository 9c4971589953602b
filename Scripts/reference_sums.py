#!/usr/bin/env python3
"""Reference values for the sum-based statistics the scorecard builder calls.

Writes Tests/SurveyScoringTests/Fixtures/reference-sums.json, which
Tests/SurveyScoringTests/SumStatisticsTests.swift reads. The scorecard keeps additive sums per
group (n, sum, sum of squares of respondent scores; the cluster sums of favourable and valid
answers), so the Swift functions take those sums. Here every expected number is computed
from the raw values with numpy and scipy, never from the sums, and never by the Swift code
under test; the sums the Swift functions receive are formed here with numpy (math.fsum) from
the same values, so the JSON holds exactly the inputs both sides saw.

How to run (from the package root):

    pip install numpy scipy
    python3 Scripts/reference_sums.py

Deterministic: inputs are fixed literals or drawn from numpy's default_rng(SEED) and rounded
to 4 decimals (scores) or whole numbers (answer counts) before use.

What each reference is:
- Sample variance from sums: numpy.var(values, ddof=1) on the values. A constant sample has
  variance 0 here; from sums it is rounding noise, which the Swift function must report as 0.
- t-interval of a mean from sums: scipy.stats.t.interval(level, n-1, loc=mean, scale=sem),
  sem = numpy.std(values, ddof=1)/sqrt(n), on the values; the point when sem is 0.
- Median from counts (a histogram of answers, as the scorecard keeps a flag's values):
  numpy.median of the values written out.
- Covariance of paired values from sums (the pairwise sums behind Cronbach's alpha):
  numpy.cov(x, y, ddof=1)[0, 1] on the values.
- Clustered proportion interval from sums (SCORING.md): p = sum f / sum v,
  SE = sqrt(n/(n-1) * sum (f_i - p v_i)^2) / sum v with the residuals formed per respondent
  (not from the expanded sums the Swift code uses), p +- scipy t.ppf(0.5 + level/2, n-1) SE,
  clipped to [0, 1]. Scripts/reference_statistics.py cross-checks this formula against
  statsmodels' cluster-robust OLS on a constant.
"""

import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

SEED = 20261204
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "SurveyScoringTests" / "Fixtures" / "reference-sums.json"

rng = np.random.default_rng(SEED)


def rounded(a, decimals=4):
    return [float(v) for v in np.round(np.asarray(a, dtype=float), decimals)]


def sums(values):
    """n, sum and sum of squares, each correctly rounded (math.fsum)."""
    return len(values), math.fsum(values), math.fsum(v * v for v in values)


def mean_cases():
    inputs = [
        ("empty", [], 0.95),
        ("single", [3.0], 0.95),
        ("two", [2.0, 4.5], 0.95),
        ("constant 2.2 (sums leave rounding noise)", [2.2] * 7, 0.95),
        ("constant 4.6, many", [4.6] * 250, 0.95),
        ("respondent scores, n=5", [3.25, 4.0, 2.5, 3.75, 4.5], 0.95),
        ("seeded n=8", rounded(rng.normal(3.4, 0.8, 8)), 0.95),
        ("seeded n=40 at 90%", rounded(rng.normal(2.6, 1.0, 40)), 0.90),
        ("seeded n=500, 0-10 scale", rounded(rng.normal(7.2, 1.9, 500)), 0.95),
        ("seeded n=12, tight", rounded(rng.normal(3.0, 0.02, 12)), 0.95),
    ]
    cases = []
    for name, values, level in inputs:
        a = np.asarray(values, dtype=float)
        n, total, squares = sums(values)
        case = {"name": name, "count": n, "sum": total, "sumOfSquares": squares, "level": level,
                "variance": None, "mean": None, "lower": None, "upper": None}
        if n >= 2:
            m = float(np.mean(a))
            # numpy leaves ~1e-31 of rounding for a constant sample; its variance is 0.
            var = 0.0 if np.ptp(a) == 0 else float(np.var(a, ddof=1))
            sem = math.sqrt(var / n)
            if sem > 0:
                lo, hi = stats.t.interval(level, n - 1, loc=m, scale=sem)
            else:
                lo, hi = m, m  # scipy returns nan for scale 0; the interval is the point
            case.update({"variance": var, "mean": m, "lower": float(lo), "upper": float(hi)})
        cases.append(case)
    return cases


def covariance_cases():
    x_seed = rng.integers(1, 6, 30)
    y_seed = np.clip(x_seed + rng.integers(-1, 2, 30), 1, 5)
    x_many = rounded(rng.normal(3.2, 0.9, 300))
    y_many = rounded(np.asarray(x_many) * -0.4 + rng.normal(4.0, 0.7, 300))
    inputs = [
        ("empty", [], []),
        ("one pair", [3.0], [4.0]),
        ("two pairs", [1.0, 5.0], [2.0, 4.0]),
        ("constant x", [3.0, 3.0, 3.0, 3.0], [1.0, 2.0, 4.0, 5.0]),
        ("opposed", [1.0, 2.0, 3.0, 4.0, 5.0], [5.0, 4.0, 3.0, 2.0, 1.0]),
        ("seeded 30 answers on 1-5", [float(v) for v in x_seed], [float(v) for v in y_seed]),
        ("seeded 300 scores", x_many, y_many),
    ]
    cases = []
    for name, x, y in inputs:
        n = len(x)
        case = {"name": name, "count": n, "sumX": math.fsum(x), "sumY": math.fsum(y),
                "sumXY": math.fsum(a * b for a, b in zip(x, y)), "covariance": None}
        if n >= 2:
            case["covariance"] = float(np.cov(np.asarray(x), np.asarray(y), ddof=1)[0, 1])
        cases.append(case)
    return cases


def median_cases():
    seeded = rng.integers(0, 25, 61)
    inputs = [
        ("no values", {}),
        ("one value", {4.0: 1}),
        ("odd count", {1.0: 2, 3.0: 1, 5.0: 2}),
        ("even count, middle between values", {10.0: 3, 12.5: 3}),
        ("even count, middle inside a value", {2.0: 1, 3.0: 4, 4.0: 1}),
        ("zero counts are no values", {1.0: 0, 2.0: 3, 9.0: 0}),
        ("seeded 61 hours", {float(v): int(c) for v, c in zip(*np.unique(seeded, return_counts=True))}),
    ]
    cases = []
    for name, counts in inputs:
        values = [v for v, c in sorted(counts.items()) for _ in range(c)]
        cases.append({"name": name, "values": [v for v, _ in sorted(counts.items())],
                      "counts": [c for _, c in sorted(counts.items())],
                      "median": float(np.median(values)) if values else None})
    return cases


def clustered_cases():
    v_seed = rng.integers(2, 9, 40)
    f_seed = rng.binomial(v_seed, rng.beta(3, 2, 40))
    v_many = rng.integers(1, 7, 400)
    f_many = rng.binomial(v_many, 0.35)
    inputs = [
        ("single respondent", [2], [3], 0.95),
        ("two respondents", [0, 3], [3, 3], 0.95),
        ("unequal cluster sizes", [1, 4, 0, 2, 6], [3, 6, 2, 5, 6], 0.95),
        ("all favourable", [3, 2, 4], [3, 2, 4], 0.95),
        ("none favourable", [0, 0, 0], [2, 4, 1], 0.95),
        ("near one, clipped", [6, 6, 6, 5], [6, 6, 6, 6], 0.95),
        ("respondents alike", [5, 0, 5, 0, 5, 5, 0, 5], [5] * 8, 0.95),
        ("seeded 40 respondents", [int(x) for x in f_seed], [int(x) for x in v_seed], 0.95),
        ("seeded 40 respondents at 90%", [int(x) for x in f_seed], [int(x) for x in v_seed], 0.90),
        ("seeded 400 respondents", [int(x) for x in f_many], [int(x) for x in v_many], 0.95),
    ]
    cases = []
    for name, f, v, level in inputs:
        fa = np.asarray(f, dtype=float)
        va = np.asarray(v, dtype=float)
        n = int(np.sum(va > 0))
        case = {"name": name, "clusters": n,
                "favourable": float(fa.sum()), "valid": float(va.sum()),
                "favourableSquares": float(np.sum(fa * fa)), "favourableValid": float(np.sum(fa * va)),
                "validSquares": float(np.sum(va * va)), "level": level,
                "proportion": None, "lower": None, "upper": None}
        if n >= 2 and va.sum() > 0:
            p = fa.sum() / va.sum()
            residuals = fa - p * va
            se = math.sqrt(n / (n - 1) * float(np.sum(residuals ** 2))) / va.sum()
            tq = stats.t.ppf(0.5 + level / 2, n - 1)
            case.update({"proportion": float(p), "lower": float(max(0.0, p - tq * se)),
                         "upper": float(min(1.0, p + tq * se))})
        cases.append(case)
    return cases


def main():
    fixture = {
        "meta": {
            "generator": "Scripts/reference_sums.py",
            "seed": SEED,
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "mean": mean_cases(),
        "clusteredProportion": clustered_cases(),
        "covariance": covariance_cases(),
        "median": median_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
