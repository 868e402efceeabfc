#!/usr/bin/env python3
"""Validate the factdiff evaluation set (tests/eval).

Run from anywhere:  python3 tests/eval/check.py
Checks every case folder and samples.json: JSON shape, allowed kinds, and that every
label text is an exact substring of the file it belongs to.
"""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ENTITY_KINDS = {"person", "organization", "place", "other"}
FACT_KINDS = {"number", "money", "percent", "date", "time", "quantity", "quote"}
LANGS = {"fr", "en", "de"}
CASE_KINDS = {"update", "no-change"}
errors, warnings = [], []

def err(where, msg): errors.append(f"{where}: {msg}")
def warn(where, msg): warnings.append(f"{where}: {msg}")

def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252"), "cp1252"

def check_labels(where, lab, old, new, case_keys):
    if set(lab) != case_keys:
        err(where, f"keys {sorted(lab)} != {sorted(case_keys)}")
    if lab.get("lang") not in LANGS: err(where, f"bad lang {lab.get('lang')!r}")
    if lab.get("kind") not in CASE_KINDS: err(where, f"bad kind {lab.get('kind')!r}")
    ents, facts = lab.get("entities", {}), lab.get("facts", {})
    if set(ents) != {"added", "dropped"}: err(where, f"entities keys {sorted(ents)}")
    if set(facts) != {"changed", "added", "dropped"}: err(where, f"facts keys {sorted(facts)}")
    for side, here_, other in (("added", new, old), ("dropped", old, new)):
        for e in ents.get(side, []):
            if set(e) != {"name", "kind"}: err(where, f"entity keys {sorted(e)}")
            if e.get("kind") not in ENTITY_KINDS: err(where, f"entity kind {e.get('kind')!r}")
            if e.get("name") not in here_: err(where, f"entity {side} {e.get('name')!r} not in {'new' if side == 'added' else 'old'}")
            if e.get("name") in other: err(where, f"entity {side} {e.get('name')!r} still in {'old' if side == 'added' else 'new'}")
    for f in facts.get("changed", []):
        ok = {"kind", "before", "after"} | ({"speaker"} if f.get("kind") == "quote" else set())
        if set(f) != ok: err(where, f"changed fact keys {sorted(f)}")
        if f.get("kind") not in FACT_KINDS: err(where, f"fact kind {f.get('kind')!r}")
        if f.get("before") not in old: err(where, f"before {f.get('before')!r} not in old")
        if f.get("after") not in new: err(where, f"after {f.get('after')!r} not in new")
        if f.get("before") in new: warn(where, f"before {f.get('before')!r} also occurs in new")
        if f.get("after") in old: warn(where, f"after {f.get('after')!r} also occurs in old")
        if f.get("before") == f.get("after"): err(where, "before == after")
        if f.get("kind") == "quote":
            # fullest form of the speaker's name; it may survive in new only as an alias
            if f.get("speaker") not in old and f.get("speaker") not in new:
                err(where, f"speaker {f.get('speaker')!r} in neither old nor new")
    for side, here_, other in (("added", new, old), ("dropped", old, new)):
        for f in facts.get(side, []):
            ok = {"kind", "text"} | ({"speaker"} if f.get("kind") == "quote" else set())
            if set(f) != ok: err(where, f"{side} fact keys {sorted(f)}")
            if f.get("kind") not in FACT_KINDS: err(where, f"fact kind {f.get('kind')!r}")
            if f.get("text") not in here_: err(where, f"{side} fact {f.get('text')!r} not in {'new' if side == 'added' else 'old'}")
            if f.get("text") in other: warn(where, f"{side} fact {f.get('text')!r} also occurs in {'old' if side == 'added' else 'new'}")
            if f.get("kind") == "quote" and f.get("speaker") not in here_:
                err(where, f"speaker {f.get('speaker')!r} not in {'new' if side == 'added' else 'old'}")
    if lab.get("kind") == "no-change":
        if any(ents.get(k) for k in ("added", "dropped")) or any(facts.get(k) for k in ("changed", "added", "dropped")):
            err(where, "no-change case with non-empty lists")

# ---- case folders
names = sorted(n for n in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, n)) and not n.startswith((".", "_")))
langs, kinds = Counter(), Counter()
for n in names:
    m = re.fullmatch(r"(\d\d)-(fr|en|de)-[a-z0-9-]+", n)
    if not m: err(n, "folder name is not NN-lang-shortname"); continue
    d = os.path.join(HERE, n)
    for fn in ("old.txt", "new.txt", "expected.json"):
        if not os.path.isfile(os.path.join(d, fn)): err(n, f"missing {fn}")
    if errors and errors[-1].startswith(n + ": missing"): continue
    try:
        lab = json.load(open(os.path.join(d, "expected.json"), encoding="utf-8"))
    except Exception as e:
        err(n, f"expected.json does not parse: {e}"); continue
    old, oenc = read_text(os.path.join(d, "old.txt"))
    new, nenc = read_text(os.path.join(d, "new.txt"))
    if lab.get("lang") != m.group(2): err(n, f"lang {lab.get('lang')!r} != folder {m.group(2)!r}")
    check_labels(n, lab, old, new, {"lang", "kind", "entities", "facts", "notes"})
    for label, t in (("old", old), ("new", new)):
        w = len(t.split())
        if not 120 <= w <= 300: err(n, f"{label}.txt has {w} words (want 120–300)")
        if not t.endswith("\n"): warn(n, f"{label}.txt has no final newline")
    if lab.get("kind") == "update" and old == new: err(n, "update case with identical text")
    if lab.get("kind") == "no-change":
        norm = lambda s: re.sub(r"\s+", " ", s.replace("\ufeff", "").replace("\u2014", "--").replace("\u2026", "...").replace("’", "'").replace("“", '"').replace("”", '"')
                                 .replace("„", '"').replace("«", '"').replace("»", '"')
                                 .replace("\u00a0", " ").replace("\u202f", " ")).replace('" ', '"').replace(' "', '"').strip()
        if norm(old) != norm(new): err(n, "no-change case differs beyond typography/whitespace")
    langs[m.group(2)] += 1; kinds[lab.get("kind")] += 1
    print(f"ok  {n:28s} {lab.get('kind'):9s} old={oenc} new={nenc}")

if len(names) < 16: err("eval", f"only {len(names)} case folders (want >= 16)")
for l in LANGS:
    if langs[l] < 5: err("eval", f"only {langs[l]} {l} cases (want >= 5)")

# ---- samples.json
sp = os.path.join(HERE, "samples.json")
try:
    samples = json.load(open(sp, encoding="utf-8"))
except Exception as e:
    err("samples.json", f"does not parse: {e}"); samples = []
for s in samples:
    where = f"samples.json {s.get('story')} v{s.get('old')}→v{s.get('new')}"
    base = os.path.join(REPO, "samples", s.get("story", "?"))
    try:
        old = open(os.path.join(base, f"v{s['old']}.txt"), encoding="utf-8").read()
        new = open(os.path.join(base, f"v{s['new']}.txt"), encoding="utf-8").read()
    except Exception as e:
        err(where, f"cannot read sample: {e}"); continue
    check_labels(where, s, old, new, {"story", "old", "new", "lang", "kind", "entities", "facts", "notes"})
    print(f"ok  {where}")
if len(samples) != 9: err("samples.json", f"{len(samples)} entries (want 9)")

print(f"\n{len(names)} cases ({dict(langs)}; {dict(kinds)}), {len(samples)} sample pairs")
for w in warnings: print("warning:", w)
for e in errors: print("ERROR:", e)
sys.exit(1 if errors else 0)
