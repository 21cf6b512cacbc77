#!/usr/bin/env python3
"""Writes report.json: every figure of EvaluationReport computed by scikit-learn (and numpy for
the calibration bins, by the definition in Calibration.swift) on fixed predicted probabilities,
for EvaluationReportTests, CalibrationTests and BootstrapIntervalTests.

Run: python3 make_report_fixture.py > report.json

Definitions (as in the Swift sources):
- predicted label: argmax of the probabilities, ties to the first label;
- precision/recall/F1/support/accuracy/averages: classification_report(labels=..., zero_division=0);
  a per-label figure is undefined when its denominator is zero;
- kappa: cohen_kappa_score(labels=...), undefined (null) when it is NaN;
- log loss: log_loss(labels=...);
- Brier per label: brier_score_loss(y == c, p[:, c], pos_label=1); the summary is their mean;
- calibration: top-label confidence, bin = min(floor(conf * B), B - 1), ECE = sum n_b/n |acc_b - conf_b|,
  MCE = max over non-empty bins |acc_b - conf_b|;
- error lists: mistakes by confidence descending, correct answers by confidence ascending, ties by index.
"""
import json, math, warnings
import numpy as np
import sklearn
from sklearn.metrics import (brier_score_loss, classification_report, cohen_kappa_score,
                             confusion_matrix, log_loss)

warnings.filterwarnings("ignore")
LABELS = ["dovish", "hawkish", "neutral"]
K = len(LABELS)
BINS = 10
ERRORS = 4


def clean(x):
    """JSON has no NaN: undefined figures become null."""
    if isinstance(x, float) and math.isnan(x):
        return None
    return x


def case(name, y, P):
    y = np.asarray(y, dtype=int)
    P = np.asarray(P, dtype=float)
    pred = P.argmax(axis=1)
    idx = list(range(K))
    n = len(y)
    report = classification_report(y, pred, labels=idx, target_names=LABELS, output_dict=True, zero_division=0)
    cm = confusion_matrix(y, pred, labels=idx)
    support = cm.sum(axis=1)
    predicted = cm.sum(axis=0)
    tp = np.diag(cm)
    undefined = {
        "precision": [LABELS[c] for c in idx if predicted[c] == 0],
        "recall": [LABELS[c] for c in idx if support[c] == 0],
        "f1": [LABELS[c] for c in idx if 2 * tp[c] + (predicted[c] - tp[c]) + (support[c] - tp[c]) == 0],
    }
    normalised = [(cm[i] / support[i]).tolist() if support[i] > 0 else None for i in idx]
    kappa = clean(float(cohen_kappa_score(y, pred, labels=idx)))
    loss = float(log_loss(y, P, labels=idx))
    briers = [float(brier_score_loss((y == c).astype(int), P[:, c], pos_label=1)) for c in idx]

    conf = P[np.arange(n), pred]
    correct = pred == y
    b = np.minimum(np.floor(conf * BINS).astype(int), BINS - 1)
    bins, ece, mce = [], 0.0, 0.0
    for i in range(BINS):
        m = b == i
        cnt = int(m.sum())
        if cnt:
            acc, mc = float(correct[m].mean()), float(conf[m].mean())
            ece += cnt / n * abs(acc - mc)
            mce = max(mce, abs(acc - mc))
            bins.append({"count": cnt, "accuracy": acc, "meanConfidence": mc})
        else:
            bins.append({"count": 0, "accuracy": None, "meanConfidence": None})

    order = np.arange(n)
    mistakes = sorted(order[~correct].tolist(), key=lambda i: (-conf[i], i))[:ERRORS]
    rights = sorted(order[correct].tolist(), key=lambda i: (conf[i], i))[:ERRORS]
    return {
        "name": name, "truth": y.tolist(), "probabilities": P.tolist(), "predicted": pred.tolist(),
        "report": report, "undefined": undefined, "confusion": cm.tolist(), "normalised": normalised,
        "kappa": kappa, "logLoss": loss, "brier": briers, "brierMean": float(np.mean(briers)),
        "bins": bins, "ece": ece, "mce": mce, "mistakes": mistakes, "leastConfidentCorrect": rights,
    }


rng = np.random.default_rng(5)
cases = []

# A realistic mix: probabilities lean toward the true label most of the time.
n = 300
y = rng.integers(0, K, n)
logits = rng.normal(0, 1.2, (n, K))
logits[np.arange(n), y] += rng.normal(1.0, 1.0, n)
P = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
cases.append(case("mixed", y, P))

# "hawkish" (1) is never predicted: its probability is always the smallest.
n = 60
y = rng.integers(0, K, n)
P = rng.dirichlet([2, 2, 2], n)
P[:, [1]] = np.minimum(P[:, [1]], 0.2 * P[:, [0]])
P = P / P.sum(axis=1, keepdims=True)
cases.append(case("never-predicted", y, P))

# "hawkish" has no examples but is predicted once; one probability is exactly 0 and one exactly 1
# (log loss clips them).
y = [0, 0, 2, 2, 2, 0]
P = [[0.7, 0.2, 0.1], [0.2, 0.3, 0.5], [0.1, 0.1, 0.8], [0.3, 0.6, 0.1], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
cases.append(case("no-support", y, P))

# Every truth and prediction the same label: kappa is undefined.
y = [2, 2, 2, 2]
P = [[0.1, 0.2, 0.7], [0.2, 0.2, 0.6], [0.05, 0.05, 0.9], [0.3, 0.3, 0.4]]
cases.append(case("one-label", y, P))

# A single example.
cases.append(case("single", [1], [[0.25, 0.45, 0.30]]))

# numpy's linear percentile, for BootstrapInterval.percentile.
percentiles = []
for values, q in [([3.0], 0.5), ([1.0, 2.0], 0.025), ([5.0, 1.0, 4.0, 2.0, 3.0], 0.975),
                  (rng.normal(size=1000).tolist(), 0.025), (rng.normal(size=1000).tolist(), 0.975),
                  (rng.random(37).tolist(), 0.3)]:
    percentiles.append({"values": values, "q": q, "expected": float(np.percentile(values, q * 100))})

print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "labels": LABELS, "bins": BINS,
                  "errors": ERRORS, "cases": cases, "percentiles": percentiles}))
