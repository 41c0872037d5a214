import Foundation
import Testing
import TestSupport
import WardConfig
import WardPolicy

/// `suppressions-file` stays inside the policy's folder and is read as configuration, never echoed:
/// a hostile policy must not turn the gate into a reader of the environment or of private keys.
@Suite struct SuppressionsFileTests {
    static let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
        + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n"

    /// A folder with `policy.yml` naming `reference` as its suppressions file.
    static func policy(naming reference: String) throws -> String {
        let folder = try Fixtures.temporaryDirectory("ward-policy")
        try "name: p\nsuppressions:\n  - {rule: A, reason: a}\nsuppressions-file: \(reference)\n"
            .write(toFile: folder + "/policy.yml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func isMergedRelativeToThePolicysFolder() throws {
        let folder = try Self.policy(naming: "waivers/team.yml")
        try FileManager.default.createDirectory(atPath: folder + "/waivers", withIntermediateDirectories: true)
        try "suppressions:\n  - rule: B\n    reason: b\n".write(toFile: folder + "/waivers/team.yml", atomically: true, encoding: .utf8)
        let policy = try PolicyLoader.load(folder + "/policy.yml", knownTools: PolicyFiles.tools, environment: PolicyFiles.environment)
        #expect(policy.suppressions?.map(\.rule) == ["A", "B"])
    }

    @Test(arguments: ["../outside.yml", "/etc/passwd", "/proc/self/environ", "waivers/../../outside.yml", "link.yml", "linkdir/w.yml"])
    func mayNotLeaveThePolicysFolder(reference: String) throws {
        let folder = try Self.policy(naming: reference)
        let outside = (folder as NSString).deletingLastPathComponent + "/outside.yml"
        try "suppressions:\n  - {rule: X, reason: x}\n".write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder + "/waivers", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.yml", withDestinationPath: outside)
        let outsideFolder = try Fixtures.temporaryDirectory("ward-outside")
        try "suppressions: []\n".write(toFile: outsideFolder + "/w.yml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/linkdir", withDestinationPath: outsideFolder)
        #expect(PolicyFiles.error(loading: folder + "/policy.yml") == "policy.yml:4:20: policy: .suppressions-file: '\(reference)' is outside "
            + "the policy's folder; pass a waivers file from elsewhere with --suppressions-file")
    }

    @Test func aMissingFileIsNamedAtTheKey() throws {
        let folder = try Self.policy(naming: "nowhere.yml")
        #expect(PolicyFiles.error(loading: folder + "/policy.yml") == "policy.yml:4:20: policy: .suppressions-file: cannot read 'nowhere.yml': no such file")
    }

    @Test(arguments: [
        ("suppressions:\n  - rule: B\n    reason: b\n    expires: 2027-3-5\n",
         "waivers.yml:4:14: policy: .suppressions[0].expires: expected a date YYYY-MM-DD from 2000 to 2100, got '2027-3-5'"),
        ("suppressions:\n  - {rule: B, reason: b, justification: c}\n",
         "waivers.yml:2:26: policy: .suppressions[0].justification: unknown key; expected one of identity, tool, rule, path, package, advisory, reason, owner, expires"),
        ("suppressions: []\nfail-on: {severity: critical}\n", "waivers.yml:2:1: policy: .fail-on: unknown key; expected one of suppressions"),
        ("suppressions:\n  - {tool: trivvy, reason: b}\n", "waivers.yml:2:12: policy: .suppressions[0].tool: unknown tool 'trivvy'; expected one of \(HostilePolicyTests.tools)"),
        (key, "waivers.yml:1:1: policy: expected a mapping with the key 'suppressions', got a scalar"),
        ("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", "waivers.yml:1:1: policy: expected a mapping with the key 'suppressions', got a scalar"),
    ])
    func entriesAreCheckedLikeThePolicysAndContentIsNeverShown(waivers: String, error: String) throws {
        let folder = try Self.policy(naming: "waivers.yml")
        try waivers.write(toFile: folder + "/waivers.yml", atomically: true, encoding: .utf8)
        let message = PolicyFiles.error(loading: folder + "/policy.yml")
        #expect(message == error)
        #expect(message?.contains("MIIEvQ") == false && message?.contains("wJalrXUtnFEMI") == false)
    }

    @Test func aFileNamedOnTheCommandLineMayBeAnywhere() throws {
        let folder = try Self.policy(naming: "waivers.yml")
        try "suppressions:\n  - {rule: B, reason: b}\n".write(toFile: folder + "/waivers.yml", atomically: true, encoding: .utf8)
        let elsewhere = try Fixtures.write("suppressions:\n  - {rule: C, reason: c}\n", named: "central.yml")
        let policy = try PolicyLoader.load(folder + "/policy.yml", knownTools: PolicyFiles.tools, suppressionsFile: elsewhere,
                                           environment: PolicyFiles.environment)
        #expect(policy.suppressions?.map(\.rule) == ["A", "B", "C"])
    }

    @Test(arguments: [("/proc/self/environ", "not a regular file (a kernel pseudo-file)"), ("/dev/zero", "not a regular file (a device)"),
                      ("/tmp", "not a regular file (a directory)"), ("fifo", "not a regular file (a FIFO)")])
    func onlyRegularFilesAreRead(file: String, reason: String) throws {
        let policy = try Fixtures.write("name: p\n", named: "policy.yml")
        var path = file
        if file == "fifo" {
            path = (policy as NSString).deletingLastPathComponent + "/fifo"
            #expect(mkfifo(path, 0o600) == 0)
        }
        let error = PolicyFiles.error(loading: policy, suppressionsFile: path)
        #expect(error == "\(file): policy: cannot read: \(reason)")
    }

    @Test func aFileOverTheSizeLimitIsNotRead() throws {
        let big = try Fixtures.write("suppressions: []\n" + String(repeating: "#", count: YAMLLoader.maximumBytes), named: "big.yml")
        let policy = try Fixtures.write("name: p\n", named: "policy.yml")
        #expect(PolicyFiles.error(loading: policy, suppressionsFile: big) == "\(big): policy: cannot read: larger than \(YAMLLoader.maximumBytes) bytes")
    }
}
