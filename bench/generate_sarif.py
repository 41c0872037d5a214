#!/usr/bin/env python3
"""Writes a large, realistic Semgrep-style SARIF log for Ward's ingest benchmark.

Usage: generate_sarif.py OUTPUT [RESULTS]
Results spread over many files and rules, each with a multi-line snippet, as real logs have.
"""
import json
import random
import sys

def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    rng = random.Random(7)
    rules = [f"ward.python.bench-rule-{i:03d}" for i in range(120)]
    levels = ["error", "warning", "note"]
    with open(out, "w", encoding="utf-8") as handle:
        handle.write('{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [{')
        driver = {
            "name": "Semgrep OSS",
            "semanticVersion": "1.185.0",
            "rules": [
                {
                    "id": rule,
                    "name": rule,
                    "shortDescription": {"text": f"Semgrep Finding: {rule}"},
                    "fullDescription": {"text": "A synthetic rule used to measure ingest speed."},
                    "defaultConfiguration": {"level": levels[i % 3]},
                    "properties": {"precision": "very-high", "tags": [f"CWE-{78 + i % 40}: Synthetic weakness", "security"]},
                }
                for i, rule in enumerate(rules)
            ],
        }
        handle.write('"tool": {"driver": ' + json.dumps(driver) + '}, "results": [')
        for index in range(count):
            rule = rng.choice(rules)
            line = rng.randint(1, 4000)
            path = f"src/module_{index % 5000:04d}/handler_{index % 37}.py"
            snippet = f"    result_{index} = subprocess.call(build_command(request.args.get('q{index % 97}')), shell=True)\n    log.info('ran %s', result_{index})"
            result = {
                "ruleId": rule,
                "level": levels[index % 3],
                "message": {"text": f"User input reaches a shell command in handler {index % 37}; pass arguments as a list instead of a string."},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": line, "startColumn": 5, "endLine": line + 1, "endColumn": 42, "snippet": {"text": snippet}},
                }}],
                "fingerprints": {"matchBasedId/v1": f"{index:064x}"},
                "properties": {},
            }
            if index:
                handle.write(",")
            handle.write(json.dumps(result, separators=(",", ":")))
        handle.write('], "invocations": [{"executionSuccessful": true, "toolExecutionNotifications": []}]}]}\n')

if __name__ == "__main__":
    main()
