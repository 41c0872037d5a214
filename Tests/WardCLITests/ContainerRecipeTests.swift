import Foundation
import Testing
import TestSupport

/// The Dockerfile, checked by hadolint (installed by scripts/test from tools/test-requirements.txt)
/// and against what the image must be. No container engine runs in the tests: the runtime stage's
/// install steps are `scripts/install-runtime`, which scripts/verify-release runs in a clean
/// Debian root.
@Suite struct ContainerRecipeTests {
    static let dockerfile = Fixtures.repository + "/Dockerfile"

    /// The instructions of the Dockerfile, continuation lines joined, comments dropped.
    static func instructions() throws -> [String] {
        let text = try String(contentsOfFile: dockerfile, encoding: .utf8)
        return text.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    @Test func hadolintFindsNothing() throws {
        let hadolint = try #require(TestTools.path("hadolint"), Comment(rawValue: TestTools.missingMessage("hadolint")))
        let run = try TestTools.run(hadolint, ["--no-color", Self.dockerfile])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func hadolintRejectsARecipeThatRunsAsRootFromAnUnpinnedImage() throws {
        // The linter really reads the file: a worse recipe fails.
        let hadolint = try #require(TestTools.path("hadolint"), Comment(rawValue: TestTools.missingMessage("hadolint")))
        let worse = try Fixtures.write("FROM debian\nRUN apt-get update && apt-get install -y git\nUSER root\n", named: "Dockerfile")
        let run = try TestTools.run(hadolint, ["--no-color", worse])
        #expect(run.status != 0)
        for rule in ["DL3006", "DL3008", "DL3002"] { #expect(run.output.contains(rule), "\(rule): \(run.output)") }
    }

    @Test func theRuntimeStageInstallsTheReleaseAsTheReleaseStepsDo() throws {
        let lines = try Self.instructions()
        let stages = lines.filter { $0.hasPrefix("FROM ") }
        #expect(stages.count == 2, "\(stages)")
        #expect(stages.first?.hasSuffix(" AS build") == true && stages.last?.hasSuffix(" AS runtime") == true, "\(stages)")
        let build = lines.prefix { $0 != stages.last }
        let runtime = lines.drop { $0 != stages.last }
        // The same archive as a release, installed with the same steps as any machine.
        #expect(build.contains { $0.hasPrefix("RUN scripts/release") })
        #expect(runtime.contains { $0.hasPrefix("RUN /opt/ward-source/scripts/install-runtime --dist ") && $0.contains("--scanners ") })
        #expect(!runtime.contains { $0.contains("swift") }, "the runtime stage carries the Swift toolchain")
        // An unprivileged user, /src, ward as the entry point.
        let user = try #require(runtime.last { $0.hasPrefix("USER ") })
        #expect(!user.contains("root") && user != "USER 0" && !user.hasPrefix("USER 0:"), "\(user)")
        #expect(runtime.contains("WORKDIR /src"))
        #expect(runtime.contains("ENTRYPOINT [\"ward\"]"))
        let verify = try String(contentsOfFile: Fixtures.repository + "/scripts/verify-release", encoding: .utf8)
        #expect(verify.contains("/opt/ward-source/scripts/install-runtime --dist"), "verify-release does not run the image's install steps")
    }
}
