import Foundation
import WardCore

/// A fixed scan of a small Python service, built in code so every report format can be compared
/// with a golden file: several tools (one timed out, one whose only finding another tool reported too), every kind of
/// finding, suppressions in source and by policy, a dependency found by two tools, and a gate
/// that failed with checks and warnings. Dates, ids and versions are fixed; no machine paths.
public enum DemoScan {
    /// The scan root; reporters must never print it.
    public static let root = "/home/runner/src/shop-api"

    /// The scan, as the policy presents it.
    public static let scan = ScanRun(
        id: "4f1c2d3e-0000-4000-8000-000000000001",
        target: ScanTarget(name: "shop-api", root: root),
        mode: .scan,
        startedAt: Date(timeIntervalSince1970: 1_800_000_000),
        finishedAt: Date(timeIntervalSince1970: 1_800_000_095),
        wardVersion: "0.9.0-test",
        toolRuns: toolRuns,
        findings: codeFindings + dependencyFindings + otherFindings
    )

    /// The verdict: the severity threshold and the critical limit failed, and a tool timed out.
    public static let gate = GateResult(
        outcome: .incomplete,
        policy: "default",
        reasons: [
            "severity-threshold: 6 findings at or above high",
            "max-critical: 2 critical findings, at most 0 allowed",
            "scanners-complete: trufflehog timed-out",
        ],
        failingIdentities: [Ids.shell, Ids.jinja, Ids.jinjaCVE, Ids.pyyaml, Ids.awsKey, Ids.openssl].sorted(),
        checks: [
            .init(name: "severity-threshold", passed: false, detail: "6 findings at or above high",
                  failingIdentities: [Ids.shell, Ids.jinja, Ids.jinjaCVE, Ids.pyyaml, Ids.awsKey, Ids.openssl].sorted()),
            .init(name: "max-critical", passed: false, detail: "2 critical findings, at most 0 allowed",
                  failingIdentities: [Ids.pyyaml, Ids.openssl].sorted()),
            .init(name: "max-high", passed: true, detail: "4 high findings, at most 10 allowed"),
            .init(name: "stale-suppressions", passed: true, detail: "every suppression matched a finding"),
            .init(name: "scanners-complete", passed: false, detail: "trufflehog timed-out"),
        ],
        warnings: ["suppression expires on 2027-01-20: bandit B608 app/db.py"]
    )

    // MARK: - Tool runs

    static let toolRuns: [ToolRun] = [
        ToolRun(toolID: "bandit", toolVersion: "1.9.4", state: .succeeded, exitStatus: 1, duration: 2.5, findingCount: 4),
        ToolRun(toolID: "semgrep", toolVersion: "1.185.0", state: .succeeded, exitStatus: 0, duration: 31.25, findingCount: 2),
        ToolRun(toolID: "pip-audit", toolVersion: "2.10.1", state: .succeeded, exitStatus: 1, duration: 6, findingCount: 3,
                skipped: ["psycopg2-binary 2.7.7: not found on PyPI"]),
        ToolRun(toolID: "safety", toolVersion: "2.3.5", state: .succeeded, exitStatus: 64, duration: 3.5, findingCount: 1),
        ToolRun(toolID: "gitleaks", toolVersion: "8.28.0", state: .succeeded, exitStatus: 1, duration: 0.75, findingCount: 1),
        ToolRun(toolID: "checkov", toolVersion: "3.3.30", state: .succeeded, exitStatus: 1, duration: 12, findingCount: 1),
        ToolRun(toolID: "trivy", toolVersion: "0.76.0", state: .succeeded, exitStatus: 0, duration: 20, findingCount: 2),
        ToolRun(toolID: "trufflehog", toolVersion: "3.90.0", state: .timedOut, duration: 900,
                errors: ["killed after the timeout of 900 s"]),
    ]

    // MARK: - Findings

    public enum Ids {
        public static let shell = Identity.code(family: "bandit", ruleID: "B602", path: "app/views.py", flaggedText: "subprocess.call(cmd, shell=True)", occurrence: 0)
        public static let nosec = Identity.code(family: "bandit", ruleID: "B105", path: "app/config.py", flaggedText: "PASSWORD = \"changeme\"  # nosec", occurrence: 0)
        public static let waived = Identity.code(family: "bandit", ruleID: "B608", path: "app/db.py", flaggedText: "query = \"SELECT * FROM users WHERE id = %s\" % uid", occurrence: 0)
        public static let random = Identity.code(family: "bandit", ruleID: "B311", path: "app/auth.py", flaggedText: "token = random.random()", occurrence: 0)
        public static let jinja = Identity.code(family: "semgrep", ruleID: "ward.python.jinja2-autoescape-false", path: "app/__init__.py", flaggedText: "Environment(autoescape=False)", occurrence: 0)
        public static let debug = Identity.code(family: "semgrep", ruleID: "ward.python.flask-debug-true", path: "scripts/run server.py", flaggedText: "app.run(debug=True)", occurrence: 0)
        public static let jinjaCVE = Identity.dependency(ecosystem: "pypi", packageName: "jinja2", advisoryID: "CVE-2019-10906", manifestPath: "requirements.txt")
        public static let pyyaml = Identity.dependency(ecosystem: "pypi", packageName: "pyyaml", advisoryID: "CVE-2020-14343", manifestPath: "requirements.txt")
        public static let urllib3 = Identity.dependency(ecosystem: "pypi", packageName: "urllib3", advisoryID: "GHSA-v845-jxx5-vc9f", manifestPath: "")
        public static let awsKey = Identity.secret(ruleID: "aws-access-token", path: "app/config.py", secretHash: "3b8e0f4c2a1d9e7f6b5a4c3d2e1f0a9b")
        public static let dockerUser = Identity.code(family: "checkov", ruleID: "CKV_DOCKER_3", path: "deploy/Dockerfile", flaggedText: "FROM python:3.11-slim", occurrence: 0)
        public static let openssl = Identity.container(imageRepository: "registry.example.com/shop/api", packageName: "openssl", advisoryID: "CVE-2024-5535")
        public static let license = Identity.container(imageRepository: "registry.example.com/shop/api", packageName: "unrar", advisoryID: "license:unrar")
    }

    static let codeFindings: [Finding] = [
        Finding(toolID: "bandit", toolVersion: "1.9.4", ruleID: "B602", ruleName: "subprocess_popen_with_shell_equals_true",
                title: "subprocess call with shell=True identified, security issue.",
                message: "subprocess call with shell=True identified, security issue.", kind: .sast, severity: .high,
                rawSeverity: "HIGH", confidence: "HIGH", cwes: ["CWE-78"],
                location: SourceLocation(path: "app/views.py", startLine: 73, endLine: 73, startColumn: 5, endColumn: 40,
                                         snippet: "    subprocess.call(cmd, shell=True)"),
                references: ["https://bandit.readthedocs.io/en/1.9.4/plugins/b602_subprocess_popen_with_shell_equals_true.html"],
                identity: Ids.shell, raw: "{\"test_id\":\"B602\",\"RAW-TOOL-OUTPUT\":true}"),
        Finding(toolID: "bandit", toolVersion: "1.9.4", ruleID: "B105", ruleName: "hardcoded_password_string",
                title: "Possible hardcoded password: 'changeme'", message: "Possible hardcoded password: 'changeme'",
                kind: .sast, severity: .low, rawSeverity: "LOW", confidence: "MEDIUM", cwes: ["CWE-259"],
                location: SourceLocation(path: "app/config.py", startLine: 10, endLine: 10, startColumn: 0),
                suppression: Suppression(source: .inSource, justification: "# nosec"), identity: Ids.nosec),
        Finding(toolID: "bandit", toolVersion: "1.9.4", ruleID: "B608", ruleName: "hardcoded_sql_expressions",
                title: "Possible SQL injection vector through string-based query construction.",
                message: "Possible SQL injection vector through string-based query construction.", kind: .sast, severity: .medium,
                rawSeverity: "MEDIUM", confidence: "LOW", cwes: ["CWE-89"],
                location: SourceLocation(path: "app/db.py", startLine: 20, endLine: 21),
                suppression: Suppression(source: .policy, justification: "uid is an int from the router (owner: team-payments, expires 2027-01-20)"),
                identity: Ids.waived),
        Finding(toolID: "bandit", toolVersion: "1.9.4", ruleID: "B311", ruleName: "blacklist",
                title: "Standard pseudo-random generators are not suitable for security/cryptographic purposes.",
                message: "Standard pseudo-random generators are not suitable for security/cryptographic purposes.",
                kind: .sast, severity: .low, rawSeverity: "LOW", confidence: "HIGH", cwes: ["CWE-330"],
                location: SourceLocation(path: "app/auth.py", startLine: 39, endLine: 0, startColumn: 13, endColumn: 0),
                identity: Ids.random),
        Finding(toolID: "semgrep", toolVersion: "1.185.0", ruleID: "ward.python.jinja2-autoescape-false",
                title: "Jinja2 autoescape is off: <script> | `x` in templates renders as-is",
                message: "Detected a Jinja2 environment with autoescape=False. User input such as <script>alert(1)</script> "
                    + "reaches pages unescaped; see [docs](javascript:alert(1)) and @security-team.",
                kind: .sast, severity: .high, rawSeverity: "ERROR", confidence: "HIGH", cwes: ["CWE-79: Improper Neutralization"],
                location: SourceLocation(path: "app/__init__.py", startLine: 15, endLine: 15, startColumn: 11, endColumn: 41,
                                         snippet: "env = Environment(autoescape=False)"),
                references: ["https://jinja.palletsprojects.com/en/stable/api/#autoescaping"], identity: Ids.jinja),
        Finding(toolID: "semgrep", toolVersion: "1.185.0", ruleID: "ward.python.flask-debug-true",
                title: "Flask runs with debug=True", message: "The Werkzeug debugger allows arbitrary code execution.",
                kind: .sast, severity: .medium, rawSeverity: "WARNING", cwes: ["CWE-489"],
                location: SourceLocation(path: "scripts/run server.py", startLine: 5),
                identity: Ids.debug),
    ]

    static let dependencyFindings: [Finding] = [
        Finding(toolID: "pip-audit", toolVersion: "2.10.1", ruleID: "PYSEC-2019-217", title: "jinja2 2.10: CVE-2019-10906",
                message: "In Pallets Jinja before 2.10.1, str.format_map allows a sandbox escape.", kind: .dependency, severity: .high,
                advisory: Advisory(id: "PYSEC-2019-217", aliases: ["CVE-2019-10906", "GHSA-462w-v97r-4m45"]),
                location: SourceLocation(path: "requirements.txt", startLine: 3, endLine: 3),
                package: PackageReference(ecosystem: "pypi", name: "Jinja2", installedVersion: "2.10", fixedVersions: ["2.10.1"]),
                fixAvailable: true, identity: Ids.jinjaCVE, sources: ["pip-audit", "safety"]),
        Finding(toolID: "pip-audit", toolVersion: "2.10.1", ruleID: "PYSEC-2021-142", title: "pyyaml 5.3: CVE-2020-14343",
                message: "A vulnerability was discovered in the PyYAML library in versions before 5.4, where it is susceptible "
                    + "to arbitrary code execution when it processes untrusted YAML files through the full_load method.",
                kind: .dependency, severity: .critical,
                advisory: Advisory(id: "PYSEC-2021-142", aliases: ["CVE-2020-14343", "GHSA-8q59-q68h-6hv4"]),
                location: SourceLocation(path: "requirements.txt", startLine: 5, endLine: 5),
                package: PackageReference(ecosystem: "pypi", name: "PyYAML", installedVersion: "5.3", fixedVersions: ["5.4"]),
                fixAvailable: true, identity: Ids.pyyaml),
        Finding(toolID: "pip-audit", toolVersion: "2.10.1", ruleID: "GHSA-v845-jxx5-vc9f", title: "urllib3 1.24.1: GHSA-v845-jxx5-vc9f",
                message: "urllib3 does not remove the Authorization header on cross-origin redirects.", kind: .dependency,
                severity: .medium, advisory: Advisory(id: "GHSA-v845-jxx5-vc9f"),
                package: PackageReference(ecosystem: "pypi", name: "urllib3", installedVersion: "1.24.1", fixedVersions: ["1.26.18", "2.0.7"]),
                fixAvailable: true, identity: Ids.urllib3),
    ]

    static let otherFindings: [Finding] = [
        Finding(toolID: "gitleaks", toolVersion: "8.28.0", ruleID: "aws-access-token", title: "AWS access key: AKIA…(20)",
                message: "Identified a pattern that may indicate AWS credentials: AKIA…(20)", kind: .secret, severity: .high,
                location: SourceLocation(path: "app/config.py", startLine: 14, endLine: 14, startColumn: 18, endColumn: 38,
                                         snippet: "AWS_ACCESS_KEY_ID = \"AKIA…(20)\""),
                identity: Ids.awsKey),
        Finding(toolID: "checkov", toolVersion: "3.3.30", ruleID: "CKV_DOCKER_3",
                title: "Ensure that a user for the container has been created", message: "Ensure that a user for the container has been created",
                kind: .iac, severity: .low, location: SourceLocation(path: "deploy/Dockerfile", startLine: 1, endLine: 24),
                references: ["https://docs.prismacloud.io/en/enterprise-edition/policy-reference/docker-policies/docker-policy-index/ensure-that-a-user-for-the-container-has-been-created"],
                identity: Ids.dockerUser),
        Finding(toolID: "trivy", toolVersion: "0.76.0", ruleID: "CVE-2024-5535", title: "openssl 3.0.13-1~deb12u1: CVE-2024-5535",
                message: "SSL_select_next_proto buffer overread.", kind: .container, severity: .critical, rawSeverity: "CRITICAL",
                advisory: Advisory(id: "CVE-2024-5535"),
                package: PackageReference(ecosystem: "debian", name: "openssl", installedVersion: "3.0.13-1~deb12u1",
                                          fixedVersions: ["3.0.14-1~deb12u1"]),
                fixAvailable: true, identity: Ids.openssl),
        Finding(toolID: "trivy", toolVersion: "0.76.0", ruleID: "license:unrar", title: "unrar: non-free license (unrar)",
                message: "The unrar license restricts redistribution.", kind: .license, severity: .low, rawSeverity: "LOW",
                package: PackageReference(ecosystem: "debian", name: "unrar", installedVersion: "1:6.2.6-1"),
                identity: Ids.license),
    ]
}
