#!/usr/bin/env python3
"""Check govsim's result files the way a researcher reads them.

Usage: check_tidy.py SCHEMA DIR...

Each DIR is the output folder of a `govsim run`, `compare` or `sweep`.
Every summary.json is validated against SCHEMA (docs/summary.schema.json)
with the small validator below (the subset of JSON Schema the schema
uses), and with the jsonschema package too when it is installed.  Every
tidy CSV file (summary.csv, replications.csv, differences.csv,
sensitivity.csv) is read with the csv module and must keep the one
convention for "all" (docs/output-files.md): a `group` column naming the
grouping, empty cells for the dimensions that do not apply, no "all"
left in a dimension column, and one row per key, so that a pivot on the
KPI finds no duplicate entries.  When pandas is installed the pivot is
done with pandas (read_csv, then DataFrame.pivot); when R is installed,
with R (read.csv, then reshape to wide).  Prints "FAIL: ..." lines and
"SKIP: ..." lines, and last how many files pandas and R read; exits 1
when anything failed.  pandas is looked for in this Python and in the
system's (/usr/bin/python3), since a pyenv or virtualenv python3 does not
see Debian's python3-pandas.
"""
import csv
import json
import os
import shutil
import subprocess
import sys

# --------------------------------------------------------------- schema


def _type_ok(value, name):
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    raise ValueError("schema type %r not supported" % name)


SUPPORTED = {"$schema", "$id", "$defs", "$ref", "title", "description", "type", "enum",
             "properties", "required", "additionalProperties", "items", "minItems",
             "minProperties", "minimum", "minLength", "oneOf"}


def validate(value, schema, root, where="$"):
    """The errors of value against schema (a list of strings)."""
    unknown = set(schema) - SUPPORTED
    if unknown:
        raise ValueError("%s: schema keywords not supported: %s" % (where, sorted(unknown)))
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        return validate(value, root["$defs"][ref[len("#/$defs/"):]], root, where)
    if "oneOf" in schema:
        passing = [s for s in schema["oneOf"] if not validate(value, s, root, where)]
        if len(passing) != 1:
            errs = [validate(value, s, root, where) for s in schema["oneOf"]]
            best = min(errs, key=len)
            return ["%s: matches %d of the oneOf schemas (expected 1); closest: %s"
                    % (where, len(passing), "; ".join(best[:3]))]
        return []
    errors = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(value, t) for t in types):
            return ["%s: %r is not of type %s" % (where, value, "/".join(types))]
    if "enum" in schema and value not in schema["enum"]:
        errors.append("%s: %r is not one of %r" % (where, value, schema["enum"]))
    if isinstance(value, str) and len(value) < schema.get("minLength", 0):
        errors.append("%s: %r is shorter than %d" % (where, value, schema["minLength"]))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append("%s: %r is below %r" % (where, value, schema["minimum"]))
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append("%s: %d items (expected at least %d)"
                          % (where, len(value), schema["minItems"]))
        if "items" in schema:
            for i, item in enumerate(value):
                errors += validate(item, schema["items"], root, "%s[%d]" % (where, i))
    if isinstance(value, dict):
        if len(value) < schema.get("minProperties", 0):
            errors.append("%s: %d members (expected at least %d)"
                          % (where, len(value), schema["minProperties"]))
        for key in schema.get("required", []):
            if key not in value:
                errors.append("%s: %r is missing" % (where, key))
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                errors += validate(item, props[key], root, "%s.%s" % (where, key))
            elif extra is False:
                errors.append("%s: %r is not allowed" % (where, key))
            elif isinstance(extra, dict):
                errors += validate(item, extra, root, "%s.%s" % (where, key))
    return errors


def check_json(path, schema, fails):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for err in validate(doc, schema, schema)[:5]:
        fails.append("%s: %s" % (path, err))
    try:
        import jsonschema  # noqa: the full validator, when installed
    except ImportError:
        return
    try:
        jsonschema.validate(doc, schema)
    except jsonschema.ValidationError as e:
        fails.append("%s: jsonschema: at %s: %s" % (path, "/".join(map(str, e.absolute_path)),
                                                   e.message[:200]))


# ------------------------------------------------------------ tidy CSVs

DIMENSIONS = ("service", "region", "department")
# which dimensions a grouping fills (a department's region is its own)
FILLED = {"all": (), "service": ("service",), "region": ("region",),
          "department": ("department", "region"), "hall": ("region",)}
MUST = {"all": (), "service": ("service",), "region": ("region",),
        "department": ("department",), "hall": ("region",)}


def tidy_keys(header):
    """The columns that identify a row of a tidy file, and its value column."""
    if "group" in header:
        keys = [c for c in ("scenario", "variant", "replication", "group") + DIMENSIONS + ("kpi",)
                if c in header]
        value = next(c for c in ("mean", "value", "difference") if c in header)
        return keys, value
    if header[:3] == ["kpi", "factor", "method"]:  # sensitivity.csv
        return ["kpi", "factor", "method"], "estimate"
    return None, None


def check_csv(path, fails):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    keys, value = tidy_keys(header)
    if keys is None:
        fails.append("%s: not a tidy file (no group column): %s" % (path, header))
        return None
    col = {c: i for i, c in enumerate(header)}
    seen = set()
    for n, row in enumerate(body, start=2):
        if len(row) != len(header):
            fails.append("%s:%d: %d fields (expected %d)" % (path, n, len(row), len(header)))
            continue
        key = tuple(row[col[k]] for k in keys)
        if key in seen:
            fails.append("%s:%d: duplicate entry %r: a pivot would fail" % (path, n, key))
        seen.add(key)
        if "group" not in col:
            if "all" in (row[col["factor"]],):
                fails.append("%s:%d: 'all' in the factor column (expected empty)" % (path, n))
            continue
        group = row[col["group"]]
        if group not in FILLED:
            fails.append("%s:%d: group %r (expected all, service, region or department)"
                         % (path, n, group))
            continue
        for d in DIMENSIONS:
            if d not in col:
                continue
            cell = row[col[d]]
            if cell == "all":
                fails.append("%s:%d: %s = 'all' (expected empty: group says it)" % (path, n, d))
            elif d in MUST[group] and not cell:
                fails.append("%s:%d: group %s with an empty %s" % (path, n, group, d))
            elif d not in FILLED[group] and cell:
                fails.append("%s:%d: group %s with %s = %r (expected empty)"
                             % (path, n, group, d, cell))
    return keys, value


PANDAS_PIVOT = r"""
import sys
import pandas as pd
path, keys, column, value = sys.argv[1], sys.argv[2].split(","), sys.argv[3], sys.argv[4]
df = pd.read_csv(path, keep_default_na=False, na_values=[""])
index = [k for k in keys if k != column]
wide = df.pivot(index=index, columns=column, values=value)
if len(wide) * len(wide.columns) < len(df):
    sys.exit("pandas pivot lost rows")
if "service" in df.columns and (df["service"] == "all").any():
    sys.exit("service == 'all' selects rows")
"""


def pandas_python():
    """A Python that can import pandas: this one, or else the system's
    (a pyenv or virtualenv python3 first on PATH does not see Debian's
    python3-pandas); None when there is none."""
    candidates = [sys.executable, shutil.which("python3"), "/usr/bin/python3"]
    for py in dict.fromkeys(c for c in candidates if c and os.path.exists(c)):
        p = subprocess.run([py, "-c", "import pandas"], capture_output=True)
        if p.returncode == 0:
            return py
    return None


def pandas_pivot(py, path, keys, value, fails):
    """The pivot a researcher does first (index = every key but the one
    spread into columns), in a separate process so any python3 runs this
    script."""
    column = "kpi" if keys[-1] == "kpi" else "method"
    p = subprocess.run([py, "-c", PANDAS_PIVOT, path, ",".join(keys), column, value],
                       capture_output=True, text=True)
    if p.returncode != 0:
        fails.append("%s: pandas pivot: %s" % (path, p.stderr.strip().splitlines()[-1:]))


R_PIVOT = r"""
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE, na.strings = "NA")
keys <- strsplit(args[2], ",")[[1]]
idx <- setdiff(keys, args[3])
d$.id <- do.call(paste, c(d[idx], sep = "\r"))
w <- reshape(d[c(".id", args[3], args[4])], idvar = ".id", timevar = args[3],
             direction = "wide")
if (nrow(w) * (ncol(w) - 1) < nrow(d)) stop("reshape lost rows")
if (anyDuplicated(d[c(".id", args[3])])) stop("duplicate entries")
"""


def r_pivot(path, keys, value, fails):
    column = "kpi" if keys[-1] == "kpi" else "method"
    p = subprocess.run(["Rscript", "-e", R_PIVOT, path, ",".join(keys), column, value],
                       capture_output=True, text=True)
    if p.returncode != 0:
        lines = [ln for ln in p.stderr.strip().splitlines() if ln != "Execution halted"]
        fails.append("%s: R reshape: %s" % (path, lines[-1:]))


TIDY = ("summary.csv", "replications.csv", "differences.csv", "sensitivity.csv")


def main(argv):
    schema_path, dirs = argv[1], argv[2:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    fails = []
    py_pandas = pandas_python()
    if not py_pandas:
        print("SKIP: pandas is not installed: no pandas pivot")
    have_r = shutil.which("Rscript") is not None
    if not have_r:
        print("SKIP: R is not installed: no R reshape")
    checked = 0
    pivoted = {"pandas": 0, "R": 0}
    tidy = 0
    for d in dirs:
        if os.path.exists(os.path.join(d, "summary.json")):
            check_json(os.path.join(d, "summary.json"), schema, fails)
            checked += 1
        for name in TIDY:
            path = os.path.join(d, name)
            if not os.path.exists(path):
                continue
            checked += 1
            tidy += 1
            got = check_csv(path, fails)
            if got and py_pandas:
                pandas_pivot(py_pandas, path, got[0], got[1], fails)
                pivoted["pandas"] += 1
            if got and have_r:
                r_pivot(path, got[0], got[1], fails)
                pivoted["R"] += 1
    if checked == 0:
        fails.append("no file to check in %s" % " ".join(dirs))
    for msg in fails:
        print("FAIL: %s" % msg)
    print("checked %d files, %d tidy CSV; pivoted with pandas: %d; reshaped with R: %d"
          % (checked, tidy, pivoted["pandas"], pivoted["R"]))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
