#!/usr/bin/env python3
"""Writes logistic.json: scikit-learn LogisticRegression (lbfgs, multinomial) fits on small
random problems, for LogisticRegressionTests. Run: python3 make_logistic_fixture.py > logistic.json"""
import json, numpy as np, sklearn
from sklearn.linear_model import LogisticRegression

rng = np.random.default_rng(7)
cases = []
for n, d, k, C, cw, sparse in [(60, 5, 3, 1.0, None, False), (80, 8, 3, 0.3, "balanced", True),
                               (50, 4, 2, 10.0, None, False), (90, 6, 4, 2.0, "balanced", False)]:
    X = rng.normal(size=(n, d))
    if sparse:
        X[rng.random(size=(n, d)) < 0.6] = 0.0
    W = rng.normal(size=(d, k))
    logits = X @ W + rng.normal(scale=0.5, size=(n, k))
    y = logits.argmax(1)
    if cw == "balanced":   # make the classes unequal
        y[: n // 3] = 0
    m = LogisticRegression(C=C, class_weight=cw, solver="lbfgs", tol=1e-12, max_iter=100000).fit(X, y)
    coef, intercept = m.coef_, m.intercept_
    if k == 2:   # scikit-learn fits a single binary model; the symmetric softmax equivalent is ±coef/2
        coef = np.vstack([-coef[0] / 2, coef[0] / 2]); intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    cases.append(dict(X=X.tolist(), y=y.tolist(), classes=k, C=C, class_weight=cw or "none",
                      coef=coef.tolist(), intercept=(intercept - intercept.mean()).tolist(),
                      probabilities=m.predict_proba(X).tolist()))
print(json.dumps({"sklearn": sklearn.__version__, "cases": cases}))
