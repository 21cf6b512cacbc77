#!/usr/bin/env python3
"""Writes tfidf.json: scikit-learn's TfidfVectorizer results on a small corpus of ours,
for TfidfVectorizerTests. Run: python3 make_tfidf_fixture.py > tfidf.json
The corpus has no punctuation, apostrophes or hyphens, so scikit-learn's tokenisation
(token_pattern keeping one-letter words; whitespace split for char_wb) equals ours.
max_features values sit where term frequencies differ: scikit-learn breaks ties at the cut
with an unstable sort, so a tie there has no single right answer."""
import json, sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

corpus = [
    "The envoy flew to Geneva for a second round of talks",
    "Sanctions will stay until the regime stops enriching uranium",
    "Both sides welcomed the ceasefire and promised more talks",
    "Hardliners in the parliament rejected the draft deal outright",
    "The summit in Singapore ended with a vague pledge",
    "Negotiators from both sides met again in Geneva",
    "A second round of sanctions followed the missile test",
    "The minister said talks were the only way forward",
    "Critics called the pledge a trap and demanded more pressure",
    "Café owners near Señor García cheered the Accord",
    "ÉTATS and états should fold to one word",
    "talks talks talks about talks",
]
cases = [
    dict(analyzer="word", ngram_range=(1, 2), min_df=1, max_features=None, sublinear_tf=True),
    dict(analyzer="word", ngram_range=(1, 2), min_df=2, max_features=None, sublinear_tf=True),
    dict(analyzer="word", ngram_range=(1, 3), min_df=1, max_features=23, sublinear_tf=False),
    dict(analyzer="char_wb", ngram_range=(2, 5), min_df=1, max_features=None, sublinear_tf=True),
    dict(analyzer="char_wb", ngram_range=(3, 6), min_df=2, max_features=27, sublinear_tf=True),
]
out = {"sklearn": sklearn.__version__, "corpus": corpus, "cases": []}
for case in cases:
    kw = dict(case)
    if kw["analyzer"] == "word":
        kw["token_pattern"] = r"(?u)\b\w+\b"
    v = TfidfVectorizer(lowercase=True, smooth_idf=True, norm="l2", **kw)
    X = v.fit_transform(corpus)
    names = v.get_feature_names_out()
    rows = []
    for i in range(X.shape[0]):
        r = X.getrow(i)
        rows.append([[names[j], float(x)] for j, x in sorted(zip(r.indices, r.data))])
    out["cases"].append({**{k: (list(v_) if isinstance(v_, tuple) else v_) for k, v_ in case.items()},
                         "terms": list(map(str, names)), "idf": [float(x) for x in v.idf_], "rows": rows})
print(json.dumps(out, ensure_ascii=False, indent=0))
