import Foundation

extension HistoryStory {
    /// The first version of the application: a shell call, an MD5 digest, pickle.
    public static let app = """
        import hashlib
        import pickle
        import subprocess


        def run(cmd):
            return subprocess.call(cmd, shell=True)


        def digest(data):
            return hashlib.md5(data).hexdigest()


        def load(blob):
            return pickle.loads(blob)

        """
    /// An `eval`, removed by the second scan.
    public static let calc = """


        def calc(expr):
            return eval(expr)

        """
    /// Lines inserted above every finding.
    public static let header = "# Shop helpers.\n# Kept small on purpose.\n# Reviewed by the platform team.\n"
    /// The shell call, duplicated.
    public static let copy = """


        def run_again(cmd):
            return subprocess.call(cmd, shell=True)

        """
    /// An unsafe `yaml.load`.
    public static let util = "import yaml\n\n\ndef read(text):\n    return yaml.load(text)\n"

    /// The pinned dependencies.
    public static func requirements(yaml: String = "5.3", requests: String = "2.19.0") -> String {
        "PyYAML==\(yaml)\nrequests==\(requests)\n"
    }

    /// Plays the story the history tests check step by step: seven scans (fixes, inserted lines, a
    /// `git mv`, a duplicated flagged line, a reintroduced vulnerable pin) and a reviewer's decision of
    /// each kind between them. Returns the scans, oldest first.
    public func tell() throws -> [Scan] {
        var scans: [Scan] = []
        try commit(["app.py": Self.app + Self.calc, "util.py": Self.util, "requirements.txt": Self.requirements()], message: "first")
        scans.append(try scan("s1"))
        let md5 = try openFinding("B324"), pickle = try openFinding("B301"), yaml = try openFinding("B506"), shell = try openFinding("B602")
        try decide(md5, "false-positive", "the digest is a cache key, not a signature")
        try decide(pickle, "accepted-risk", "only our own cache files are unpickled")
        try commit(["app.py": Self.header + Self.app], message: "drop calc")
        scans.append(try scan("s2"))
        try decide(pickle, "accepted-risk", "only our own cache files are unpickled", expires: Self.day(30))
        try decide(yaml, "confirmed", "user input reaches yaml.load")
        try decide(shell, "confirmed", "shell injection through cmd")
        try git(["mv", "util.py", "loader.py"])
        try git(["commit", "-q", "-m", "rename"])
        scans.append(try scan("s3"))
        try commit(["app.py": Self.header + Self.app + Self.copy, "requirements.txt": Self.requirements(requests: "2.20.0")],
                   message: "copy and upgrade")
        scans.append(try scan("s4"))
        try commit(["requirements.txt": Self.requirements()], message: "pin back")
        scans.append(try scan("s5"))
        try decide(try openFinding("B506"), "fixed-elsewhere", "the gateway validates every document")
        try decide(md5, "reopen", "md5 now also signs session tokens")
        scans.append(try scan("s6"))
        try decide(md5, "false-positive", "tokens moved to HMAC; md5 keys the cache only")
        let fixedApp = Self.header + Self.app.replacingOccurrences(of: "subprocess.call(cmd, shell=True)", with: "subprocess.call([cmd])")
        try commit(["app.py": fixedApp, "loader.py": Self.util.replacingOccurrences(of: "yaml.load", with: "yaml.safe_load"),
                    "requirements.txt": Self.requirements(yaml: "5.4", requests: "2.20.0")], message: "fix")
        scans.append(try scan("s7"))
        return scans
    }

    /// The identity of the one open finding of `rule`, as `ward findings` lists it.
    public func openFinding(_ rule: String) throws -> String {
        let listing = try ward(["findings", "--target", Self.target, "--status", "open", "--format", "json", "--limit", "1000"])
        let document = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [String: Any] ?? [:]
        let identities = (document["findings"] as? [[String: Any]] ?? []).compactMap { $0["finding"] as? [String: Any] }
            .filter { $0["ruleID"] as? String == rule }.compactMap { $0["identity"] as? String }
        guard identities.count == 1 else { throw Failure(description: "\(rule): \(identities.count) open findings") }
        return identities[0]
    }

    private func decide(_ identity: String, _ state: String, _ reason: String, expires: String? = nil) throws {
        let result = try triage(identity, state, reason, expires: expires)
        guard result.status == 0 else { throw Failure(description: "triage \(state): \(result.stderr)") }
    }
}
