#!/usr/bin/env python3
"""Reference values for OpModel's statistics foundation (SurveyScoring/Statistics).

Writes Tests/SurveyScoringTests/Fixtures/reference-statistics.json, which the Swift tests in
Tests/SurveyScoringTests read: every expected number there comes from this script, computed by
an independent, well-known implementation (scipy, statsmodels, pingouin, numpy, pandas), never
by the Swift code under test.

How to run (from the package root):

    pip install numpy scipy pandas statsmodels pingouin
    python3 Scripts/reference_statistics.py

The output is deterministic: inputs are either fixed literals or drawn from numpy's seeded
default_rng (SEED below) and rounded to 4 decimals before use, so the JSON holds exactly the
inputs the references saw. Re-running with the same library versions reproduces the file byte
for byte.

Produced with: Python 3.11.7, numpy 2.4.6, scipy 1.17.1, pandas 3.1.1, statsmodels 0.15.0,
pingouin 0.7.0 (the JSON's "meta" object records the versions of the run that wrote it).

What each reference is:
- mean / variance (ddof=1) / SD / median: numpy.
- Normal CDF and quantile: scipy.stats.norm.cdf / .ppf.
- Regularised incomplete beta: scipy.special.betainc.
- Student-t CDF and quantile (non-integer df): scipy.stats.t.cdf / .ppf.
- t-interval of a mean: scipy.stats.t.interval(level, n-1, loc=mean, scale=sem).
- Wilson interval: statsmodels proportion_confint(method="wilson").
- Clustered proportion interval (SCORING.md): computed with numpy and scipy's t quantile from
  the formula p = sum f / sum v, SE = sqrt(n/(n-1) * sum (f_i - p v_i)^2) / sum v,
  p +- t(0.975, n-1) SE, clipped to [0, 1]. Cross-checked against statsmodels: an OLS of the
  0/1 answers on a constant with cov_type="cluster" (groups = respondent) and use_t=True. With
  one parameter statsmodels' small-sample factor G/(G-1) * (N-1)/(N-K) reduces to n/(n-1) and
  its t reference has G-1 df, so its unclipped interval must equal ours; the script asserts it.
- Cronbach's alpha with pairwise deletion: pingouin.cronbach_alpha(nan_policy="pairwise"),
  which uses pandas DataFrame.cov() (each covariance over the rows where both items are
  present, means recomputed on those rows; k the full item count).
  "Alpha if item dropped": pingouin on the data without that column (with pairwise deletion the
  remaining covariances do not change), null when fewer than 2 items would remain.
  Standardised alpha: k r / (1 + (k-1) r), r the mean off-diagonal of cov2cor(C) for the same
  pairwise C, as R's psych::alpha does (R <- cov2cor(C)). Corrected item-rest correlation:
  psych's r.drop from the same matrix, sum_{j!=i} C_ij / sqrt(C_ii * sum_{j,l!=i} C_jl).
  For complete data both are cross-checked (asserted) against pingouin on z-scored items and
  numpy.corrcoef(item, sum of the other items).
  Policy shared with the Swift code: alpha is null when sum(C) <= 1e-12 trace(C) (no total
  variance beyond rounding), when a covariance is undefined (fewer than 2 rows with both
  items), and when the pairwise matrix is not positive semi-definite enough to push alpha
  above 1 (the raw pingouin value is kept in "pingouinRaw" for the record); values within
  1e-12 above 1 are rounding and clamp to 1. The same guards apply to every alpha here.
- Welch's t-test: scipy.stats.ttest_ind(equal_var=False) and its confidence_interval().
  Both variances zero is "no test" (scipy returns an infinite t; the JSON marks the outcome).
  Hedges' g: pingouin.compute_effsize(eftype="hedges"), d on the pooled SD times
  J = 1 - 3/(4 (n1+n2-2) - 1), cross-checked against the formula written out here.
- Benjamini-Hochberg: statsmodels.stats.multitest.multipletests("fdr_bh").
"""

import json
import math
import platform
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pingouin
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import special, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

SEED = 20260601
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests" / "SurveyScoringTests" / "Fixtures" / "reference-statistics.json"

rng = np.random.default_rng(SEED)


def num(x):
    """A float for JSON, or None for NaN/inf (undefined)."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def rounded(a, decimals=4):
    return [float(v) for v in np.round(np.asarray(a, dtype=float), decimals)]


# ---------------------------------------------------------------- descriptive

def descriptive_cases():
    inputs = [
        ("empty", []),
        ("single", [3.0]),
        ("two", [1.0, 4.0]),
        ("three with tie", [2.0, 5.0, 2.0]),
        ("even count", [4.0, 1.0, 3.0, 2.0]),
        ("constant", [3.25, 3.25, 3.25, 3.25]),
        ("large offset", [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4.5]),
        ("seeded normal n=25", rounded(rng.normal(3.4, 0.8, 25))),
        ("seeded likert n=40", [float(v) for v in rng.integers(1, 6, 40)]),
    ]
    cases = []
    for name, values in inputs:
        a = np.asarray(values, dtype=float)
        n = a.size
        cases.append({
            "name": name,
            "values": values,
            "mean": num(np.mean(a)) if n >= 1 else None,
            "median": num(np.median(a)) if n >= 1 else None,
            "variance": num(np.var(a, ddof=1)) if n >= 2 else None,
        })
    return cases


# ---------------------------------------------------------------- distributions

def normal_cdf_cases():
    xs = [-38.0, -12.0, -8.0, -5.612, -5.0, -3.0, -1.959963984540054, -1.0, -1e-6, 0.0, 0.3,
          1.0, 1.6448536269514722, 2.5, 4.0, 6.0, 8.3]
    return [{"x": x, "p": float(stats.norm.cdf(x))} for x in xs]


def normal_quantile_cases():
    ps = [1e-300, 1e-15, 1e-10, 1e-8, 1e-5, 0.001, 0.01, 0.02425, 0.025, 0.05, 0.1, 0.3, 0.5,
          0.6, 0.9, 0.95, 0.975, 0.97575, 0.99, 0.999, 1 - 1e-8, 1 - 1e-12]
    return [{"p": p, "x": float(stats.norm.ppf(p))} for p in ps]


def incomplete_beta_cases():
    params = [
        (0.0, 2.0, 3.0), (1.0, 2.0, 3.0), (0.5, 0.5, 0.5), (0.2, 1.0, 1.0),
        (0.3, 2.0, 5.0), (0.9, 2.0, 5.0), (0.01, 0.5, 8.5), (0.999, 30.0, 0.5),
        (0.5, 1.85, 0.5), (0.75, 8.625, 0.5), (0.4, 50.0, 60.0), (0.6, 500.0, 400.0),
        (1e-5, 3.7, 2.2), (0.35, 0.1, 10.0), (0.8, 150.5, 0.5),
    ]
    return [{"x": x, "a": a, "b": b, "value": float(special.betainc(a, b, x))}
            for (x, a, b) in params]


T_DFS = [0.5, 1.0, 2.0, 3.7, 5.0, 17.25, 30.0, 123.4, 2000.0]


def t_cdf_cases():
    ts = [-1e4, -40.0, -6.0, -2.5, -1.0, -0.01, 0.0, 0.7, 1.96, 3.0, 8.0, 250.0]
    cases = [{"t": t, "df": df, "p": float(stats.t.cdf(t, df))} for df in T_DFS for t in ts]
    # Extreme tails: t chosen so that the lower tail is near 1e-8 and 1e-12.
    for df in [3.7, 17.25, 60.0]:
        for tail in [1e-8, 1e-12]:
            t = round(float(stats.t.ppf(tail, df)), 6)
            cases.append({"t": t, "df": df, "p": float(stats.t.cdf(t, df))})
    return cases


def t_quantile_cases():
    ps = [1e-12, 1e-8, 1e-4, 0.025, 0.05, 0.3, 0.5, 0.8, 0.95, 0.975, 0.995, 1 - 1e-8]
    return [{"p": p, "df": df, "t": float(stats.t.ppf(p, df))} for df in T_DFS for p in ps]


# ---------------------------------------------------------------- intervals

def mean_interval_cases():
    inputs = [
        ("empty", [], 0.95),
        ("single", [4.0], 0.95),
        ("two", [3.0, 4.0], 0.95),
        ("three", [2.5, 3.0, 4.25], 0.95),
        ("constant", [2.0, 2.0, 2.0], 0.95),
        ("seeded n=12", rounded(rng.normal(3.1, 0.9, 12)), 0.95),
        ("seeded n=12 at 90%", rounded(rng.normal(3.1, 0.9, 12)), 0.90),
        ("seeded n=60", rounded(rng.normal(2.7, 1.1, 60)), 0.95),
    ]
    cases = []
    for name, values, level in inputs:
        a = np.asarray(values, dtype=float)
        n = a.size
        case = {"name": name, "values": values, "level": level,
                "mean": None, "lower": None, "upper": None}
        if n >= 2:
            m = float(np.mean(a))
            sem = float(np.std(a, ddof=1) / math.sqrt(n))
            if sem > 0:
                lo, hi = stats.t.interval(level, n - 1, loc=m, scale=sem)
            else:
                lo, hi = m, m  # scipy returns nan for scale 0; the interval is the point
            case.update({"mean": m, "lower": float(lo), "upper": float(hi)})
        cases.append(case)
    return cases


def wilson_cases():
    inputs = [(0, 1), (1, 1), (0, 10), (10, 10), (1, 10), (5, 10), (3, 7), (17, 40),
              (1, 200), (199, 200), (4321, 10000), (2, 3)]
    cases = []
    for s, n in inputs:
        for level in ([0.95, 0.90] if (s, n) in [(3, 7), (17, 40)] else [0.95]):
            lo, hi = proportion_confint(s, n, alpha=1 - level, method="wilson")
            cases.append({"successes": s, "trials": n, "level": level,
                          "lower": float(lo), "upper": float(hi)})
    return cases


def clustered_reference(f, v, level=0.95):
    f = np.asarray(f, dtype=float)
    v = np.asarray(v, dtype=float)
    keep = v > 0  # respondents without a valid answer are not clusters
    f, v = f[keep], v[keep]
    n = f.size
    if n < 2 or v.sum() <= 0:
        return None
    p = f.sum() / v.sum()
    se = math.sqrt(n / (n - 1) * np.sum((f - p * v) ** 2)) / v.sum()
    tq = stats.t.ppf(0.5 + level / 2, n - 1)
    lo, hi = p - tq * se, p + tq * se

    # Cross-check with statsmodels' cluster-robust OLS on a constant.
    y, groups = [], []
    for g, (fi, vi) in enumerate(zip(f, v)):
        y += [1.0] * int(fi) + [0.0] * int(vi - fi)
        groups += [g] * int(vi)
    fit = sm.OLS(np.asarray(y), np.ones((len(y), 1))).fit(
        cov_type="cluster", cov_kwds={"groups": np.asarray(groups)}, use_t=True)
    sm_lo, sm_hi = fit.conf_int(alpha=1 - level)[0]
    assert abs(fit.params[0] - p) < 1e-12, (fit.params[0], p)
    assert abs(fit.bse[0] - se) < 1e-12, (fit.bse[0], se)
    assert abs(sm_lo - lo) < 1e-12 and abs(sm_hi - hi) < 1e-12, (sm_lo, lo, sm_hi, hi)

    return {"proportion": float(p), "standardError": float(se), "clusters": n,
            "lower": float(max(0.0, lo)), "upper": float(min(1.0, hi)),
            "statsmodelsLower": float(sm_lo), "statsmodelsUpper": float(sm_hi)}


def clustered_cases():
    v_seed = rng.integers(3, 9, 30)
    p_seed = rng.beta(4, 2, 30)
    f_seed = rng.binomial(v_seed, p_seed)
    v_small = rng.integers(1, 6, 6)
    f_small = rng.binomial(v_small, 0.9)
    inputs = [
        ("single respondent", [3], [4]),
        ("two respondents", [1, 3], [4, 4]),
        ("unequal cluster sizes", [2, 5, 0, 3, 6], [4, 6, 2, 5, 6]),
        ("with a respondent without valid answers", [2, 5, 0, 3, 6, 0], [4, 6, 2, 5, 6, 0]),
        ("all favourable", [4, 3, 5], [4, 3, 5]),
        ("none favourable", [0, 0, 0, 0], [3, 5, 2, 4]),
        ("near one, clipped", [5, 5, 5, 4], [5, 5, 5, 5]),
        ("no valid answers", [0, 0], [0, 0]),
        ("seeded 30 respondents", [int(x) for x in f_seed], [int(x) for x in v_seed]),
        ("seeded 6 respondents", [int(x) for x in f_small], [int(x) for x in v_small]),
    ]
    cases = []
    for name, f, v in inputs:
        case = {"name": name, "favourable": f, "valid": v, "level": 0.95}
        ref = clustered_reference(f, v)
        case.update(ref if ref else {"proportion": None, "standardError": None,
                                     "clusters": None, "lower": None, "upper": None})
        cases.append(case)
    return cases


# ---------------------------------------------------------------- reliability

ALPHA_CLAMP_EPS = 1e-12


def positive_total(total, trace):
    """A variance total counts as positive only beyond rounding of the trace."""
    return total > 0 and total > 1e-12 * trace


def alpha_policy(raw):
    """Shared policy: undefined or > 1 (non-PSD pairwise matrix) is null."""
    if raw is None or not math.isfinite(raw):
        return None
    if raw > 1 + ALPHA_CLAMP_EPS:
        return None
    return min(raw, 1.0)


def pingouin_alpha(df):
    if df.shape[1] < 2 or df.shape[0] < 2:
        return None
    C = df.cov().to_numpy()
    if not np.all(np.isfinite(C)) or not positive_total(C.sum(), np.trace(C)):
        return None
    return float(pingouin.cronbach_alpha(data=df, nan_policy="pairwise")[0])


def reliability_reference(rows):
    df = pd.DataFrame(np.array(rows, dtype=float))
    k = df.shape[1]
    raw = pingouin_alpha(df)
    case = {"pingouinRaw": num(raw), "alpha": alpha_policy(raw),
            "standardizedAlpha": None, "items": []}
    C = df.cov().to_numpy()
    if case["alpha"] is None:
        return case

    d = np.diag(C)
    with np.errstate(divide="ignore", invalid="ignore"):
        R = C / np.sqrt(np.outer(d, d))
    if np.all(d > 0):
        rbar = R[~np.eye(k, dtype=bool)].mean()
        denom = 1 + (k - 1) * rbar
        case["standardizedAlpha"] = alpha_policy(k * rbar / denom) if denom > 1e-12 else None

    complete = not df.isna().any().any()
    if complete and case["standardizedAlpha"] is not None:
        z = (df - df.mean()) / df.std(ddof=1)
        check = pingouin.cronbach_alpha(data=z)[0]
        assert abs(check - case["standardizedAlpha"]) < 1e-12, (check, case)

    for i in range(k):
        rest = [j for j in range(k) if j != i]
        dropped = pingouin_alpha(df.drop(columns=df.columns[i])) if k - 1 >= 2 else None
        sub = C[np.ix_(rest, rest)].sum()
        cov_rest = C[i, rest].sum()
        r_drop = None
        if C[i, i] > 0 and positive_total(sub, np.trace(C[np.ix_(rest, rest)])):
            r_drop = cov_rest / math.sqrt(C[i, i] * sub)
            # A non-PSD pairwise matrix can push |r| past 1: undefined, as for alpha.
            r_drop = max(-1.0, min(1.0, r_drop)) if abs(r_drop) <= 1 + 1e-12 else None
        if complete and r_drop is not None:
            check = np.corrcoef(df.iloc[:, i], df.iloc[:, rest].sum(axis=1))[0, 1]
            assert abs(check - r_drop) < 1e-12, (check, r_drop)
        case["items"].append({"alphaIfDropped": alpha_policy(dropped),
                              "itemRestCorrelation": num(r_drop)})
    return case


def likert(n, k, loading, missing, reverse=()):
    latent = rng.normal(0, 1, n)
    data = np.empty((n, k))
    for j in range(k):
        x = 3 + loading * latent + rng.normal(0, 1, n)
        if j in reverse:
            x = 6 - x
        data[:, j] = np.clip(np.rint(x), 1, 5)
    mask = rng.random((n, k)) < missing
    rows = [[None if mask[r, c] else float(data[r, c]) for c in range(k)] for r in range(n)]
    return rows


def non_psd_rows():
    """Search (seeded) for a small pairwise-deleted data set whose alpha exceeds 1."""
    local = np.random.default_rng(SEED + 1)
    for _ in range(100000):
        data = local.integers(1, 6, (6, 3)).astype(float)
        mask = local.random((6, 3)) < 0.45
        rows = [[None if mask[r, c] else float(data[r, c]) for c in range(3)] for r in range(6)]
        raw = pingouin_alpha(pd.DataFrame(np.array(rows, dtype=float)))
        if raw is not None and raw > 1.05:
            return rows
    raise RuntimeError("no non-PSD example found")


def reliability_cases():
    inputs = [
        ("textbook complete 4 items", [
            [4, 5, 4, 5], [3, 3, 2, 3], [5, 5, 5, 4], [2, 3, 3, 2], [4, 4, 5, 4],
            [3, 2, 3, 3], [1, 2, 1, 2], [4, 4, 4, 5]]),
        ("two items", [[1, 2], [2, 2], [3, 4], [4, 5], [5, 4]]),
        ("missing values", [
            [4, 5, None, 5], [3, None, 2, 3], [5, 5, 5, 4], [2, 3, 3, None], [4, 4, 5, 4],
            [None, 2, 3, 3], [1, 2, 1, 2], [4, None, 4, 5], [3, 3, 3, 3], [5, 4, None, 5]]),
        ("identical items", [[1, 1, 1], [2, 2, 2], [4, 4, 4], [5, 5, 5]]),
        ("one constant item", [[3, 1, 2], [3, 2, 2], [3, 4, 5], [3, 5, 4], [3, 3, 3]]),
        ("all constant", [[2, 2, 2], [2, 2, 2], [2, 2, 2]]),
        ("negatively related items", [[1, 5, 3], [2, 4, 3], [3, 3, 2], [4, 2, 4], [5, 1, 3]]),
        ("a pair never answered together", [
            [1, None, 2], [2, None, 3], [None, 4, 4], [None, 5, 5], [3, None, 3]]),
        ("non-PSD pairwise matrix", non_psd_rows()),
        ("seeded likert 40x5, 10% missing", likert(40, 5, 0.9, 0.10)),
        ("seeded likert 60x6, 15% missing", likert(60, 6, 0.6, 0.15)),
        ("seeded likert 30x4 with a reversed item", likert(30, 4, 0.8, 0.05, reverse=(2,))),
    ]
    cases = []
    for name, rows in inputs:
        rows = [[None if x is None else float(x) for x in row] for row in rows]
        case = {"name": name, "rows": rows}
        case.update(reliability_reference(rows))
        cases.append(case)
    return cases


# ---------------------------------------------------------------- group comparisons

def welch_cases():
    inputs = [
        ("textbook", [3.1, 3.4, 2.9, 4.0, 3.6], [2.4, 2.9, 3.1, 2.2, 2.6, 2.8]),
        ("n=2 each", [1.0, 2.0], [3.0, 5.0]),
        ("one zero variance", [3.0, 3.0, 3.0], [2.0, 2.5, 4.0]),
        ("both zero variance, different means", [3.0, 3.0, 3.0], [4.0, 4.0]),
        ("both zero variance, equal means", [2.0, 2.0], [2.0, 2.0, 2.0]),
        ("first sample too small", [3.0], [2.0, 4.0, 5.0]),
        ("identical", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]),
        ("seeded unequal n and sd", rounded(rng.normal(3.6, 0.5, 14)),
         rounded(rng.normal(3.2, 1.2, 23))),
        ("seeded 90%", rounded(rng.normal(3.0, 0.7, 9)), rounded(rng.normal(3.5, 0.7, 11))),
        ("seeded p near 1e-8", rounded(rng.normal(3.6, 0.5, 40)),
         rounded(rng.normal(2.9, 0.5, 35))),
        ("seeded tiny p", rounded(rng.normal(4.5, 0.3, 40)), rounded(rng.normal(2.0, 0.4, 35))),
    ]
    cases = []
    for name, x, y in inputs:
        level = 0.90 if "90%" in name else 0.95
        a, b = np.asarray(x), np.asarray(y)
        case = {"name": name, "x": x, "y": y, "level": level}
        if a.size < 2 or b.size < 2:
            case["outcome"] = "tooFewObservations"
        elif np.var(a, ddof=1) == 0 and np.var(b, ddof=1) == 0:
            case["outcome"] = "zeroVariance"
            case["difference"] = float(a.mean() - b.mean())
        else:
            res = stats.ttest_ind(a, b, equal_var=False)
            ci = res.confidence_interval(confidence_level=level)
            g = float(pingouin.compute_effsize(a, b, eftype="hedges"))
            dof = a.size + b.size - 2
            sp = math.sqrt(((a.size - 1) * a.var(ddof=1) + (b.size - 1) * b.var(ddof=1)) / dof)
            g_formula = (a.mean() - b.mean()) / sp * (1 - 3 / (4 * dof - 1))
            assert abs(g - g_formula) < 1e-12, (g, g_formula)
            case.update({"outcome": "test", "difference": float(a.mean() - b.mean()),
                         "t": float(res.statistic), "df": float(res.df),
                         "p": float(res.pvalue), "lower": float(ci.low),
                         "upper": float(ci.high), "hedgesG": g})
        cases.append(case)
    return cases


def p_adjust_cases():
    inputs = [
        ("sorted", [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]),
        ("unsorted with ties", [0.04, 0.01, 0.04, 0.2, 0.01, 0.5, 0.04]),
        ("single", [0.03]),
        ("all ones", [1.0, 1.0, 1.0]),
        ("tiny", [1e-12, 3e-9, 0.5, 2e-10]),
        ("caps at one", [0.9, 0.95, 0.6, 0.99]),
        # Drawn once as np.round(rng.uniform(0, 1, 25) ** 3, 6) when this script still had the
        # cases of statistics since removed before it; kept as drawn so that removing those
        # cases changed no reference value.
        ("seeded 25", [0.000152, 0.755217, 0.347095, 0.274425, 0.002054, 0.127528, 0.014367, 0.055698, 0.013782, 0.564213, 0.022451, 0.04725, 0.184179, 0.036239, 0.00987, 0.031295, 0.136396, 0.074356, 0.048528, 0.001285, 0.040259, 0.568176, 0.068958, 0.026041, 0.346576]),
    ]
    cases = []
    for name, p in inputs:
        bh = multipletests(p, method="fdr_bh")[1]
        cases.append({"name": name, "p": p, "benjaminiHochberg": [float(v) for v in bh]})
    return cases


def main():
    fixture = {
        "meta": {
            "generator": "Scripts/reference_statistics.py",
            "seed": SEED,
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
            "statsmodels": statsmodels.__version__,
            "pingouin": pingouin.__version__,
        },
        "descriptive": descriptive_cases(),
        "normalCDF": normal_cdf_cases(),
        "normalQuantile": normal_quantile_cases(),
        "incompleteBeta": incomplete_beta_cases(),
        "studentTCDF": t_cdf_cases(),
        "studentTQuantile": t_quantile_cases(),
        "meanInterval": mean_interval_cases(),
        "wilson": wilson_cases(),
        "clusteredProportion": clustered_cases(),
        "reliability": reliability_cases(),
        "welch": welch_cases(),
        "pAdjust": p_adjust_cases(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1, allow_nan=False) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
