#!/usr/bin/env python3
"""Writes metrics.json: scikit-learn's classification_report and confusion_matrix on fixed
predictions, for ClassificationMetricsTests. Run: python3 make_metrics_fixture.py > metrics.json"""
import json, warnings, numpy as np, sklearn
from sklearn.metrics import classification_report, confusion_matrix
warnings.filterwarnings("ignore")
rng = np.random.default_rng(3)
labels = ["dovish", "hawkish", "neutral"]
cases = []
y1 = rng.integers(0, 3, 200); p1 = np.where(rng.random(200) < 0.6, y1, rng.integers(0, 3, 200))
y2 = rng.integers(0, 3, 50); p2 = np.where(y2 == 1, 0, y2)              # "hawkish" never predicted
y3 = np.array([0, 0, 2, 2, 2]); p3 = np.array([0, 2, 2, 1, 2])          # "hawkish" has no support
for y, p in [(y1, p1), (y2, p2), (y3, p3)]:
    r = classification_report(y, p, labels=[0, 1, 2], target_names=labels, output_dict=True, zero_division=0)
    cases.append({"truth": y.tolist(), "predicted": p.tolist(), "report": r,
                  "confusion": confusion_matrix(y, p, labels=[0, 1, 2]).tolist()})
print(json.dumps({"sklearn": sklearn.__version__, "labels": labels, "cases": cases}))
