"""Validates answers of Ward's HTTP API against its OpenAPI 3.1 document.

Usage: validate-responses.py OPENAPI.json CASES.json
CASES.json is a list of {"path": "/api/v1/findings", "method": "get", "status": 200, "body": FILE}.
Each body must validate against the schema the document gives for that operation and status; a
status the document does not list for the operation is a failure. Prints one line per failure
and exits 1 when there is any.
"""
import json
import os
import re
import sys

import jsonschema
from referencing import Registry, Resource

openapi_path, cases_path = sys.argv[1], sys.argv[2]
folder = os.path.dirname(os.path.abspath(openapi_path))
with open(openapi_path) as handle:
    document = json.load(handle)
with open(os.path.join(folder, "ward-report.schema.json")) as handle:
    report = json.load(handle)
base = "https://ward.invalid/api/v1/"
from referencing.jsonschema import DRAFT202012 as draft
registry = Registry().with_resources([
    (base + "ward-report.schema.json", Resource.from_contents(report)),
    (base + "openapi.json", Resource.from_contents(document, default_specification=draft)),
])


def resolvable(schema):
    """The response schema with its reference made absolute against the document's address."""
    reference = schema.get("$ref")
    if reference is None:
        return schema
    if reference.startswith("#"):
        return {"$ref": base + "openapi.json" + reference}
    return {"$ref": base + reference}


def operation(path, method):
    for template, item in document["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method in item:
            return template, item[method]
    return None, None


failures = 0
with open(cases_path) as handle:
    cases = json.load(handle)
for case in cases:
    path = case["path"].split("?")[0]
    template, op = operation(path, case["method"])
    if op is None:
        print(f"{case['method'].upper()} {path}: not in the document")
        failures += 1
        continue
    response = op["responses"].get(str(case["status"]))
    if response is None:
        print(f"{case['method'].upper()} {case['path']}: status {case['status']} is not documented for {template}")
        failures += 1
        continue
    schema = response["content"]["application/json"]["schema"]
    with open(case["body"]) as handle:
        body = json.load(handle)
    validator = jsonschema.Draft202012Validator(resolvable(schema), registry=registry)
    errors = list(validator.iter_errors(body))
    for error in errors[:3]:
        print(f"{case['method'].upper()} {case['path']} ({case['status']}): {error.message[:200]} at {list(error.absolute_path)}")
    failures += bool(errors)
print(f"{len(cases) - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
