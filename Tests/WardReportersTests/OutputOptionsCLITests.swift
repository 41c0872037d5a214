import Foundation
import Testing
import TestSupport

/// `--format` repeated, `-o` for one format, `--output-dir` for several, as the `ward` binary does it.
@Suite struct OutputOptionsCLITests {
    let report = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
    let root = Fixtures.path("projects/tiny")

    func importReport(_ output: [String], directory: String) throws -> WardProcess.Result {
        try WardProcess.run(["import", "--db", directory + "/history.sqlite", "--tool", "bandit", "--root", root, report] + output)
    }

    @Test func outputDirectoryWritesOneFilePerFormatUnderItsUsualName() throws {
        // Given every format asked for at once
        let directory = try Fixtures.temporaryDirectory("ward-formats")
        let formats = ["table", "json", "sarif", "junit", "markdown", "gitlab-sast", "gitlab-secrets", "gitlab-dependency"]
        // When the reports go to a directory
        let result = try importReport(formats.flatMap { ["--format", $0] } + ["--output-dir", directory + "/out"], directory: directory)
        // Then each is in its file, nothing is on stdout, and the verdict still sets the exit code
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let names = ["ward.txt", "ward.json", "ward.sarif", "ward.junit.xml", "ward.md", "gl-sast-report.json",
                     "gl-secret-detection-report.json", "gl-dependency-scanning-report.json"]
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/out").sorted() == names.sorted())
        let sarif = try String(contentsOfFile: directory + "/out/ward.sarif", encoding: .utf8)
        #expect(sarif.contains("\"ward/bandit/\"") && !sarif.contains(root))
    }

    @Test func oneFormatGoesToAFileOrStdout() throws {
        let directory = try Fixtures.temporaryDirectory("ward-formats")
        let toFile = try importReport(["--format", "junit", "-o", directory + "/report.xml"], directory: directory)
        #expect(toFile.stdout.isEmpty)
        #expect(try String(contentsOfFile: directory + "/report.xml", encoding: .utf8).contains("<testsuites"))
        let toStdout = try WardProcess.run(["check", "--db", directory + "/history.sqlite", "--format", "markdown"])
        #expect(toStdout.stdout.hasPrefix("## Ward: FAIL"), "\(toStdout.stderr)")
    }

    @Test(arguments: [
        (["--format", "sarif", "--format", "junit"], "several formats need --output-dir"),
        (["--format", "sarif,junit", "-o", "x"], "several formats need --output-dir"),
        (["--format", "sarif", "-o", "x", "--output-dir", "y"], "not both"),
        (["--format", "pdf"], "unknown format 'pdf'"),
    ])
    func conflictingOutputsAreUsageErrors(arguments: [String], message: String) throws {
        let directory = try Fixtures.temporaryDirectory("ward-formats")
        let result = try importReport(arguments, directory: directory)
        #expect(result.status == 3)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
