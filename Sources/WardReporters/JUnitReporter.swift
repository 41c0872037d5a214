import Foundation
import WardCore

/// JUnit XML for CI test views: a policy breach reads as a failing test, a broken tool as an error.
///
/// One `<testsuite>` per tool holds a failing `<testcase>` per finding that breaks the policy
/// (with `file` and `line`), or one passing case when none does; a `policy` suite has a passing
/// case per check that held; an `incomplete` suite has an error case per tool that did not
/// finish. Written with libxml2's writer; every string goes through ``XMLText``.
public struct JUnitReporter: Reporter {
    public static let id = "junit"
    public static let fileExtension = "xml"
    public static let defaultFileName = "ward.junit.xml"

    // MARK: - Reporter Conformance

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        let scan = redacted.value
        let suites = JUnitSuiteBuilder(scan: scan, gate: gate).suites()
        let writer = try XMLWriter(format: id)
        try writer.start("testsuites")
        try writer.attribute("name", "ward")
        try counts(suites.flatMap(\.cases), writer: writer)
        try writer.attribute("time", seconds(scan.finishedAt.timeIntervalSince(scan.startedAt)))
        for suite in suites {
            try write(suite, timestamp: UTCTimestamp.string(scan.startedAt), writer: writer)
        }
        try writer.end()
        return try writer.finish()
    }

    // MARK: - Private

    private static func write(_ suite: JUnitSuite, timestamp: String, writer: XMLWriter) throws(ReporterError) {
        try writer.start("testsuite")
        try writer.attribute("name", suite.name)
        try counts(suite.cases, writer: writer)
        try writer.attribute("time", seconds(suite.time))
        try writer.attribute("timestamp", timestamp)
        for testCase in suite.cases {
            try writer.start("testcase")
            try writer.attribute("classname", testCase.classname)
            try writer.attribute("name", testCase.name)
            if let file = testCase.file { try writer.attribute("file", file) }
            if let line = testCase.line { try writer.attribute("line", String(line)) }
            try writer.attribute("time", "0")
            if let problem = testCase.problem {
                try writer.start(problem.isError ? "error" : "failure")
                try writer.attribute("message", problem.message)
                try writer.attribute("type", problem.type)
                try writer.text(problem.text)
                try writer.end()
            }
            try writer.end()
        }
        if !suite.output.isEmpty {
            try writer.start("system-out")
            try writer.text(suite.output)
            try writer.end()
        }
        try writer.end()
    }

    private static func counts(_ cases: [JUnitCase], writer: XMLWriter) throws(ReporterError) {
        try writer.attribute("tests", String(cases.count))
        try writer.attribute("failures", String(cases.filter { $0.problem.map { !$0.isError } ?? false }.count))
        try writer.attribute("errors", String(cases.filter { $0.problem?.isError ?? false }.count))
        try writer.attribute("skipped", "0")
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.3f", max(value, 0))
    }
}
