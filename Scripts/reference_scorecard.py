#!/usr/bin/env python3
"""Reference scorecard for OpModel: the figures of one organisation's scorecard, recomputed
independently of the Swift code from SCORING.md.

Writes two files that Tests/SurveyKitTests/ScorecardReferenceTests.swift reads:
- Tests/SurveyKitTests/Fixtures/scorecard-fixture.csv: a deterministic export for the minimal
  "pilot" survey (SurveyFixtures.minimalYAML): organisation "Acme", three divisions with two
  teams each, 60 responses submitted in February 2026 (wave 2026-Q1), with seeded random
  answers in varied spellings, blanks, "N/A" / "Don't know" / "Not my role", the reverse-keyed
  no_problem item, the role-restricted interviews item (Product Owners and Product Managers
  only; blank for everyone else), and a few respondents who answered too few items for a
  dimension score.
- Tests/SurveyKitTests/Fixtures/scorecard-expected.json: every figure the test compares, for
  the organisation and each division, with the library versions that computed them.

How to run (from the package root):

    pip install numpy scipy pandas statsmodels pingouin
    python3 Scripts/reference_scorecard.py
    swift test --filter ScorecardReferenceTests

The output is deterministic (numpy default_rng with SEED below); re-running with the same
library versions reproduces both files byte for byte.

The script reads the CSV it wrote back with pandas and parses it with its own answer tables
(it shares no code or tables with the Swift importer). What each figure is (SCORING.md):
- Agreement items (1-5, favourable 4-5, neutral 3, unfavourable 1-2): metric and no_problem
  (strategy), interviews (discovery; applies to product_owner and product_manager only, so it
  does not exist for other roles: neither valid nor missing). no_problem is reverse-keyed,
  x' = 6 - x, before anything else. "N/A", "Don't know" and blank are missing.
- Respondent dimension score: mean of the answered applicable items when
  2 * answered >= applicable (and at least one answered); respondents the dimension applies to
  without a score are the dimension's n_missing. n = respondents with a score.
- Group dimension mean = mean of respondent scores (numpy); 95% interval
  mean +- scipy.stats.t.ppf(0.975, n-1) * s / sqrt(n) (s with ddof=1), cross-checked
  (asserted) against scipy.stats.t.interval; score100 = (mean - 1) / 4 * 100; level from the
  survey's bands (Initial from 1, Emerging from 2.5, Leading from 4).
- Favourable / neutral / unfavourable %: pooled over all valid answers to the dimension's
  agreement items in the group. Interval with respondents as clusters:
  p = sum f / sum v, SE = sqrt(n/(n-1) * sum (f_i - p v_i)^2) / sum v, p +- t(0.975, n-1) SE,
  clipped to [0, 100], n = respondents with at least one valid answer (the clusters).
  Cross-checked (asserted) against statsmodels OLS of the 0/1 answers on a constant with
  cov_type="cluster" (groups = respondent), use_t=True: with one parameter its small-sample
  factor G/(G-1) * (N-1)/(N-K) is exactly n/(n-1) and its t has G-1 df.
- Item: n_valid, n_missing (applicable but missing), mean after reverse-keying, favourable %
  with the Wilson interval from statsmodels proportion_confint(method="wilson").
- Cronbach's alpha, organisation level only, for dimensions with at least 2 agreement items
  (strategy here; discovery has one): pingouin.cronbach_alpha(nan_policy="pairwise") on the
  reverse-keyed items over all the organisation's respondents. null on divisions.
- Overall: mean of the dimension means weighted by dimension weight (strategy 1, discovery 2),
  its score100 and band.
- Flag order_taker (among product_owner, min_n 10): test 1 = share of Product Owners with a
  valid contact answer choosing "never"; test 2 = share of Product Owners with a training
  answer whose chosen options are all in {certification}. Each: value = hits / base * 100,
  Wilson interval (statsmodels), holds = hits * 100 >= 50 * base when base >= max(min_n,
  min_group), else unknown; status: "all" is clear as soon as one test fails, else
  not-enough-answers if one is unknown, else fired.
- min_group = 5, and the script asserts that every base it reports (unit respondents, each
  dimension's n and clusters, each item's n_valid, each flag test's base) is at least 5 for
  the organisation and every division, so no anonymity rule hides any of these figures.
  Teams are in the export but their figures are not compared (suppression is tested
  elsewhere).
"""

import csv
import io
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
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

SEED = 20260216  # chosen so that all three flag statuses and all three bands occur
MIN_GROUP = 5
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "SurveyKitTests" / "Fixtures"
CSV_OUT = FIXTURES / "scorecard-fixture.csv"
JSON_OUT = FIXTURES / "scorecard-expected.json"

HEADER = ["response_id", "submitted_at", "organisation", "division", "team", "role", "metric",
          "no_problem", "contact", "interviews", "training", "meetings", "remarks"]

# ---------------------------------------------------------------- the survey (minimalYAML)

SCALE_MIN, SCALE_MAX = 1, 5
FAVOURABLE, NEUTRAL, UNFAVOURABLE = {4, 5}, {3}, {1, 2}
BANDS = [("Initial", 1.0), ("Emerging", 2.5), ("Leading", 4.0)]
DIMENSIONS = [
    # id, title, weight, agreement items (id, reverse, roles or None for everyone)
    ("strategy", "Strategy", 1.0, [("metric", False, None), ("no_problem", True, None)]),
    ("discovery", "Discovery", 2.0, [("interviews", False, {"product_owner", "product_manager"})]),
]
FLAG = {"id": "order_taker", "roles": {"product_owner"}, "min_n": 10,
        "tests": [("share_choosing", "contact", {"never"}, 50.0),
                  ("share_only", "training", {"certification"}, 50.0)]}

# ---------------------------------------------------------------- the export

DIVISIONS = [
    # name, teams, role counts, tendency (shift of the agreement distribution)
    ("Platform", ["Core", "Data"], {"product_owner": 11, "product_manager": 4, "engineering": 7, "design": 2}, 0.9),
    ("Growth", ["Acquisition", "Retention"], {"product_owner": 7, "product_manager": 4, "engineering": 7, "design": 2}, -0.7),
    ("Payments", ["Checkout", "Risk"], {"product_owner": 7, "product_manager": 4, "engineering": 4, "design": 1}, 0.0),
]
ROLE_SPELLINGS = {
    "product_owner": ["PO", "Product Owner", "product owner"],
    "product_manager": ["PM", "Product Manager"],
    "engineering": ["Engineer", "Engineering"],
    "design": ["Design"],
}
AGREE_SPELLINGS = {
    1: ["1", "Strongly disagree", "1 - Strongly disagree"],
    2: ["2", "Disagree", "2 - Disagree"],
    3: ["3", "Neutral", "Neither agree nor disagree", "3 - Neutral"],
    4: ["4", "Agree", "4 - Agree"],
    5: ["5", "Strongly agree", "5 - Strongly agree"],
}
CONTACT_SPELLINGS = {"never": ["Never", "never"], "quarter": ["This quarter"], "week": ["This week", "week"]}
REMARKS = ["More customer time, please", "Too many meetings; not enough discovery",
           'We call it "agile", but it is a feature factory', "Roadmap changes weekly, sadly"]


def generate_rows(rng):
    """The export's rows, in a shuffled but seeded order."""
    people = []
    for division, teams, roles, tendency in DIVISIONS:
        for role, count in roles.items():
            for _ in range(count):
                people.append((division, teams, role, tendency))
    order = rng.permutation(len(people))
    # Respondents forced to answer too few items: (row position, dimension).
    too_few_strategy = {3, 22, 47}
    rows = []
    po_pm_seen = 0
    for position, index in enumerate(order):
        division, teams, role, tendency = people[index]
        team = teams[int(rng.integers(0, len(teams)))]
        day = int(rng.integers(2, 27))
        hour, minute, second = int(rng.integers(7, 19)), int(rng.integers(0, 60)), int(rng.integers(0, 60))
        submitted = f"2026-02-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"

        latent = float(rng.normal(0, 0.8))  # the respondent's own leaning, shared by their items

        def agreement(shift, reverse=False):
            # A 1-5 answer leaning up by `shift`; missing ~15% of the time.
            draw = rng.random()
            if draw < 0.07:
                return ""
            if draw < 0.11:
                return "N/A"
            if draw < 0.14:
                return "Don't know"
            mean = 3.1 + shift + latent
            if reverse:
                mean = 6 - mean
            value = int(np.clip(np.rint(rng.normal(mean, 1.1)), 1, 5))
            spellings = AGREE_SPELLINGS[value]
            return spellings[int(rng.integers(0, len(spellings)))]

        metric = agreement(tendency)
        no_problem = agreement(tendency * 0.8, reverse=True)
        if position in too_few_strategy:
            metric, no_problem = ["", "N/A", "Don't know"][position % 3], ["N/A", "", ""][position % 3]

        interviews = ""
        if role in ("product_owner", "product_manager"):
            po_pm_seen += 1
            interviews = agreement(tendency - 0.3)
            if po_pm_seen in (4, 17, 29):  # too few discovery items: interviews missing
                interviews = ["", "N/A", "Don't know"][po_pm_seen % 3]

        draw = rng.random()
        if role == "product_owner":
            never_share = 0.55
        else:
            never_share = 0.25
        if draw < 0.06:
            contact = ""
        elif draw < 0.09:
            contact = "Not my role"
        elif rng.random() < never_share:
            contact = CONTACT_SPELLINGS["never"][int(rng.integers(0, 2))]
        else:
            key = "quarter" if rng.random() < 0.6 else "week"
            spellings = CONTACT_SPELLINGS[key]
            contact = spellings[int(rng.integers(0, len(spellings)))]

        draw = rng.random()
        if role == "product_owner":
            draw = 0.07 + 0.93 * draw ** 3  # Product Owners lean to certification only
        if draw < 0.07:
            training = ""
        elif draw < 0.52:
            training = "Certification"
        elif draw < 0.70:
            training = "Certification; Customer research"
        elif draw < 0.85:
            training = "Customer research"
        else:
            training = "None"

        draw = rng.random()
        if draw < 0.08:
            meetings = ""
        elif draw < 0.12:
            meetings = "N/A"
        else:
            meetings = f"{float(np.round(rng.uniform(2, 30) * 2) / 2):g}"

        remarks = REMARKS[int(rng.integers(0, len(REMARKS)))] if rng.random() < 0.15 else ""
        spellings = ROLE_SPELLINGS[role]
        rows.append([f"acme-{position + 1:03d}", submitted, "Acme", division, team,
                     spellings[int(rng.integers(0, len(spellings)))], metric, no_problem, contact,
                     interviews, training, meetings, remarks])
    return rows


def write_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    writer.writerows(rows)
    FIXTURES.mkdir(parents=True, exist_ok=True)
    CSV_OUT.write_text(buffer.getvalue(), encoding="utf-8")


# ---------------------------------------------------------------- reading it back

MISSING_TOKENS = {"", "n/a", "don't know"}
AGREE_LABELS = {"strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3, "neutral": 3,
                "agree": 4, "strongly agree": 5}
ROLE_NAMES = {"po": "product_owner", "product owner": "product_owner", "pm": "product_manager",
              "product manager": "product_manager", "engineer": "engineering", "engineering": "engineering",
              "design": "design"}
CONTACT_NAMES = {"never": "never", "this quarter": "quarter", "quarter": "quarter", "this week": "week",
                 "week": "week"}
TRAINING_NAMES = {"certification": "certification", "customer research": "research", "none": "none"}


def agreement_value(text):
    key = " ".join(text.strip().lower().split())
    if key in MISSING_TOKENS:
        return math.nan
    if key.isdigit():
        value = int(key)
    elif " - " in key:
        number, label = key.split(" - ", 1)
        value = int(number)
        assert AGREE_LABELS[label] == value, text
    else:
        value = AGREE_LABELS[key]
    assert SCALE_MIN <= value <= SCALE_MAX, text
    return float(value)


def read_export():
    frame = pd.read_csv(CSV_OUT, dtype=str, keep_default_na=False)
    data = pd.DataFrame({
        "id": frame["response_id"],
        "division": frame["division"].str.strip(),
        "team": frame["team"].str.strip(),
        "role": frame["role"].str.strip().str.lower().map(ROLE_NAMES),
    })
    assert data["role"].notna().all()
    submitted = pd.to_datetime(frame["submitted_at"], utc=True)
    assert ((submitted.dt.year == 2026) & (submitted.dt.quarter == 1)).all()
    for dimension in DIMENSIONS:
        for item, reverse, roles in dimension[3]:
            values = frame[item].map(agreement_value)
            if reverse:
                values = SCALE_MIN + SCALE_MAX - values
            if roles is not None:
                # Not applicable (no value, not missing) for the other roles; flagged separately.
                assert (frame.loc[~data["role"].isin(roles), item] == "").all()
            data[item] = values
            data[item + "_applies"] = True if roles is None else data["role"].isin(roles)
    contact = frame["contact"].str.strip().str.lower()
    data["contact"] = contact.map(CONTACT_NAMES)  # NaN: blank or "Not my role" (missing)
    assert contact[data["contact"].isna()].isin(["", "not my role"]).all()

    def training(text):
        if text.strip() == "":
            return None
        return frozenset(TRAINING_NAMES[part.strip().lower()] for part in text.split(";"))

    data["training"] = frame["training"].map(training)
    return data


# ---------------------------------------------------------------- figures

def num(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def band(mean):
    name = BANDS[0][0]
    for candidate, lower in BANDS:
        if mean >= lower:
            name = candidate
    return name


def score100(mean):
    return (mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100


def wilson(successes, trials):
    lower, upper = proportion_confint(successes, trials, alpha=0.05, method="wilson")
    return [float(lower) * 100, float(upper) * 100]


def clustered_interval(f, v):
    """SCORING.md's clustered proportion interval on 0-1, unclipped and clipped."""
    f, v = np.asarray(f, dtype=float), np.asarray(v, dtype=float)
    n = f.size
    p = f.sum() / v.sum()
    se = math.sqrt(n / (n - 1) * float(np.sum((f - p * v) ** 2))) / v.sum()
    margin = float(stats.t.ppf(0.975, n - 1)) * se
    return p, (p - margin, p + margin), (max(0.0, p - margin), min(1.0, p + margin))


def statsmodels_clustered(fav_lists):
    """The same interval from statsmodels' cluster-robust OLS on the answer-level 0/1 data."""
    y, groups = [], []
    for cluster, answers in enumerate(fav_lists):
        y.extend(answers)
        groups.extend([cluster] * len(answers))
    y = np.asarray(y, dtype=float)
    model = sm.OLS(y, np.ones((y.size, 1)))
    fit = model.fit(cov_type="cluster", cov_kwds={"groups": np.asarray(groups)}, use_t=True)
    lower, upper = fit.conf_int(alpha=0.05)[0]
    return float(fit.params[0]), (float(lower), float(upper))


def polarity(value):
    value = int(value)
    if value in FAVOURABLE:
        return "favourable"
    if value in NEUTRAL:
        return "neutral"
    assert value in UNFAVOURABLE
    return "unfavourable"


def dimension_figures(group, dimension, with_alpha):
    dimension_id, title, weight, items = dimension
    item_ids = [item for item, _, _ in items]
    scores, unscored = [], 0
    favourable_lists = []  # per cluster: 0/1 favourable per valid answer
    counts = {"favourable": 0, "neutral": 0, "unfavourable": 0}
    for _, row in group.iterrows():
        applicable = [item for item in item_ids if row[item + "_applies"]]
        if not applicable:
            continue
        answered = [row[item] for item in applicable if not math.isnan(row[item])]
        if answered and 2 * len(answered) >= len(applicable):
            scores.append(float(np.mean(answered)))
        else:
            unscored += 1
        if answered:
            favourable_lists.append([1.0 if polarity(x) == "favourable" else 0.0 for x in answered])
            for x in answered:
                counts[polarity(x)] += 1
    scores = np.asarray(scores)
    n = int(scores.size)
    assert n >= MIN_GROUP, (dimension_id, n)
    mean = float(np.mean(scores))
    s = float(np.std(scores, ddof=1))
    margin = float(stats.t.ppf(0.975, n - 1)) * s / math.sqrt(n)
    ci = [mean - margin, mean + margin]
    check = stats.t.interval(0.95, n - 1, loc=mean, scale=s / math.sqrt(n))
    assert np.allclose(ci, check, rtol=0, atol=1e-12), (ci, check)

    clusters = len(favourable_lists)
    assert clusters >= MIN_GROUP
    valid = sum(counts.values())
    p, unclipped, clipped = clustered_interval([sum(a) for a in favourable_lists], [len(a) for a in favourable_lists])
    sm_p, sm_ci = statsmodels_clustered(favourable_lists)
    assert abs(sm_p - p) < 1e-12 and np.allclose(sm_ci, unclipped, rtol=0, atol=1e-12), (p, unclipped, sm_p, sm_ci)

    alpha = None
    if with_alpha and len(item_ids) >= 2:
        value, _ = pingouin.cronbach_alpha(data=group[item_ids], nan_policy="pairwise")
        value = float(value)
        # SCORING.md's guard: a pairwise matrix can push alpha above 1; not the case here.
        assert value <= 1
        alpha = value

    item_figures = []
    for item in item_ids:
        applies = group[item + "_applies"]
        values = group.loc[applies, item]
        valid_values = values.dropna()
        n_valid = int(valid_values.size)
        assert n_valid >= MIN_GROUP, (item, n_valid)
        favourable = int(sum(polarity(x) == "favourable" for x in valid_values))
        item_figures.append({
            "id": item,
            "nValid": n_valid,
            "nMissing": int(values.isna().sum()),
            "mean": float(valid_values.mean()),
            "favorablePct": favourable / n_valid * 100,
            "favorableCi95": wilson(favourable, n_valid),
        })

    return {
        "id": dimension_id,
        "title": title,
        "n": n,
        "nMissing": unscored,
        "mean": mean,
        "ci95": ci,
        "score100": score100(mean),
        "level": band(mean),
        "clusters": clusters,
        "validAnswers": valid,
        "favorablePct": p * 100,
        "favorableCi95": [clipped[0] * 100, clipped[1] * 100],
        "neutralPct": counts["neutral"] / valid * 100,
        "unfavorablePct": counts["unfavourable"] / valid * 100,
        "alpha": alpha,
        "items": item_figures,
    }


def flag_figures(group):
    base_rows = group[group["role"].isin(FLAG["roles"])]
    evidence = []
    for statistic, item, options, threshold in FLAG["tests"]:
        if statistic == "share_choosing":
            answers = base_rows[item].dropna()
            hits = int(answers.isin(options).sum())
        else:  # share_only: every chosen option is among `options`
            answers = base_rows[item].dropna()
            hits = int(sum(chosen <= options for chosen in answers))
        base = int(answers.size)
        assert base >= MIN_GROUP, (item, base)
        evaluated = base >= max(FLAG["min_n"], MIN_GROUP)
        evidence.append({
            "statistic": statistic,
            "item": item,
            "threshold": threshold,
            "n": base,
            "hits": hits,
            # The statistic and its interval are shown only once the rule is evaluated.
            "value": hits / base * 100 if evaluated else None,
            "ci95": wilson(hits, base) if evaluated else None,
            "holds": (hits * 100 >= threshold * base) if evaluated else None,
        })
    holds = [e["holds"] for e in evidence]
    if False in holds:
        status = "clear"
    elif None in holds:
        status = "not-enough-answers"
    else:
        status = "fired"
    first = evidence[0]
    return {"id": FLAG["id"], "status": status, "value": first["value"], "ci95": first["ci95"],
            "threshold": first["threshold"], "n": first["n"], "evidence": evidence}


def unit_figures(group, name, level, path, with_alpha):
    assert len(group) >= MIN_GROUP
    dimensions = [dimension_figures(group, dimension, with_alpha) for dimension in DIMENSIONS]
    weights = np.asarray([dimension[2] for dimension in DIMENSIONS])
    means = np.asarray([d["mean"] for d in dimensions])
    overall = float(np.average(means, weights=weights))
    return {
        "name": name,
        "level": level,
        "path": path,
        "respondents": int(len(group)),
        "overall": {"mean": overall, "score100": score100(overall), "level": band(overall)},
        "dimensions": dimensions,
        "flags": [flag_figures(group)],
    }


def main():
    rng = np.random.default_rng(SEED)
    write_csv(generate_rows(rng))
    data = read_export()
    units = [unit_figures(data, "Acme", "organisation", ["Acme"], with_alpha=True)]
    for division, _, _, _ in sorted(DIVISIONS, key=lambda d: d[0].lower()):
        group = data[data["division"] == division]
        units.append(unit_figures(group, division, "division", ["Acme", division], with_alpha=False))
    expected = {
        "meta": {
            "generator": "Scripts/reference_scorecard.py",
            "seed": SEED,
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
            "statsmodels": statsmodels.__version__,
            "pingouin": pingouin.__version__,
        },
        "fixture": "scorecard-fixture.csv",
        "survey": "pilot",
        "wave": "2026-Q1",
        "organisation": "Acme",
        "minGroup": MIN_GROUP,
        "bands": [{"name": name, "from": lower} for name, lower in BANDS],
        "units": units,
    }
    JSON_OUT.write_text(json.dumps(expected, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    print(f"wrote {CSV_OUT.relative_to(ROOT)} ({len(data)} rows) and {JSON_OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
