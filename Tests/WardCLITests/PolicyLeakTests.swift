import Foundation
import Testing
import TestSupport

/// A policy is reviewed configuration, but a hostile one must not make the gate print what it can
/// read: the environment (CI secrets) or a private key, whether named by the policy or on the command line.
@Suite struct PolicyLeakTests {
    static let canary = "ward-canary-c5d2e1f09a7b4e3c"
    static let keyBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"

    static let elsewhere = "; pass a waivers file from elsewhere with --suppressions-file"

    let report = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
    let root = Fixtures.path("projects/tiny")

    /// A folder holding a private key and a policy whose `suppressions-file` is `reference`.
    func policy(naming reference: String) throws -> String {
        let folder = try Fixtures.temporaryDirectory("ward-leak")
        try "-----BEGIN PRIVATE KEY-----\n\(Self.keyBody)\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n"
            .write(toFile: folder + "/id.pem", atomically: true, encoding: .utf8)
        try "name: leak\nsuppressions-file: \(reference)\n".write(toFile: folder + "/policy.yml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test(arguments: [
        ("/proc/self/environ", nil, "policy.yml:2:20: policy: .suppressions-file: '/proc/self/environ' is outside the policy's folder" + PolicyLeakTests.elsewhere),
        ("id.pem", nil, "id.pem:1:1: policy: expected a mapping with the key 'suppressions', got a scalar"),
        ("id.pem", "/proc/self/environ", "id.pem:1:1: policy: expected a mapping with the key 'suppressions', got a scalar"),
        ("/dev/null", "/proc/self/environ", "policy.yml:2:20: policy: .suppressions-file: '/dev/null' is outside the policy's folder" + PolicyLeakTests.elsewhere),
    ] as [(String, String?, String)])
    func neitherTheEnvironmentNorAKeyIsPrinted(reference: String, option: String?, error: String) throws {
        let bed = try CLITestbed()
        let folder = try policy(naming: reference)
        var arguments = ["import", "--tool", "bandit", "--root", root, "--policy", folder + "/policy.yml", report, "-o", bed.directory + "/r.txt"]
        if let option { arguments += ["--suppressions-file", option] }
        let result = try bed.ward(arguments, environment: ["WARD_HOME": bed.directory + "/home", "CI_DEPLOY_TOKEN": Self.canary])
        #expect(result.status == 3)
        #expect(result.stderr == "ward: error: \(folder)/\(error)\n")
        for output in [result.stdout, result.stderr] {
            #expect(!output.contains(Self.canary) && !output.contains("CI_DEPLOY_TOKEN") && !output.contains(Self.keyBody.prefix(12)))
        }
    }

    @Test(arguments: [("/proc/self/environ", "not a regular file (a kernel pseudo-file)"), ("id.pem", "")])
    func aWaiversFileOnTheCommandLineIsReadAsConfigurationOnly(file: String, reason: String) throws {
        let bed = try CLITestbed()
        let folder = try policy(naming: "id.pem")
        try "name: leak\n".write(toFile: folder + "/policy.yml", atomically: true, encoding: .utf8)
        let path = file.hasPrefix("/") ? file : folder + "/" + file
        let result = try bed.ward(["import", "--tool", "bandit", "--root", root, "--policy", folder + "/policy.yml", "--suppressions-file", path,
                                   report, "-o", bed.directory + "/r.txt"],
                                  environment: ["WARD_HOME": bed.directory + "/home", "CI_DEPLOY_TOKEN": Self.canary])
        #expect(result.status == 3)
        let expected = reason.isEmpty ? "\(path):1:1: policy: expected a mapping with the key 'suppressions', got a scalar" : "\(path): policy: cannot read: \(reason)"
        #expect(result.stderr == "ward: error: \(expected)\n")
        #expect(!(result.stdout + result.stderr).contains(Self.canary) && !(result.stdout + result.stderr).contains(Self.keyBody.prefix(12)))
    }

    @Test(arguments: [("/proc/self/environ", "/proc/self/environ: policy: cannot read: not a regular file (a kernel pseudo-file)"),
                      ("id.pem", "id.pem:1:1: policy: expected a mapping of policy keys, got a scalar")])
    func aPolicyThatIsNotAPolicyIsNamedNotShown(file: String, error: String) throws {
        let bed = try CLITestbed()
        let folder = try policy(naming: "id.pem")
        let path = file.hasPrefix("/") ? file : folder + "/" + file
        let result = try bed.ward(["check", "--policy", path], environment: ["WARD_HOME": bed.directory + "/home", "CI_DEPLOY_TOKEN": Self.canary])
        #expect(result.status == 3)
        #expect(result.stderr == "ward: error: " + (file.hasPrefix("/") ? "" : folder + "/") + error + "\n")
        #expect(!(result.stdout + result.stderr).contains(Self.canary) && !(result.stdout + result.stderr).contains(Self.keyBody.prefix(12)))
    }

    @Test(arguments: [("/proc/self/environ", "/proc/self/environ: secret rules: cannot read: not a regular file (a kernel pseudo-file)"),
                      ("/dev/zero", "/dev/zero: secret rules: cannot read: not a regular file (a device)"),
                      ("id.pem", "id.pem:1:1: secret rules: expected a mapping, got a scalar")])
    func secretRuleFilesAreReadTheSameWay(file: String, error: String) throws {
        let bed = try CLITestbed()
        let folder = try policy(naming: "id.pem")
        let path = file.hasPrefix("/") ? file : folder + "/" + file
        let result = try bed.ward(["secrets", Fixtures.path("projects/tiny"), "--secrets-config", path, "-o", bed.directory + "/r.txt"],
                                  environment: ["WARD_HOME": bed.directory + "/home", "CI_DEPLOY_TOKEN": Self.canary])
        #expect(result.status == 3)
        #expect(result.stderr == "ward: error: " + (file.hasPrefix("/") ? "" : folder + "/") + error + "\n")
        #expect(!(result.stdout + result.stderr).contains(Self.canary) && !(result.stdout + result.stderr).contains(Self.keyBody.prefix(12)))
    }
}
