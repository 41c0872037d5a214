import Foundation
import Testing
import TestSupport
import WardStorage

/// A fresh history database path and helpers to run `ward` against it.
struct CLITestbed {
    let directory: String
    let database: String

    init() throws {
        directory = try Fixtures.temporaryDirectory("ward-cli")
        database = directory + "/history.sqlite"
    }

    /// Runs `ward` with `--db` pointing at this testbed's database.
    func ward(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil, input: String? = nil) throws -> WardProcess.Result {
        guard let command = arguments.first else { return try WardProcess.run(arguments) }
        return try WardProcess.run([command, "--db", database] + arguments.dropFirst(), environment: environment, directory: directory, input: input)
    }

    /// Row counts of every table.
    func counts() throws -> [String: Int] {
        try AppDatabase.open(path: database).tableCounts()
    }

    /// Parses a JSON document written by `ward`.
    func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The `findings` array of a JSON scan report or findings listing.
    func findings(_ document: [String: Any]) -> [[String: Any]] {
        document["findings"] as? [[String: Any]] ?? []
    }
}

/// One entry of `fixtures/demo-app/expected-findings.json`.
struct ExpectedFinding: Decodable, CustomStringConvertible {
    var tool: String
    var rule: String
    var path: String
    var line: Int
    var suppressed: Bool?

    var description: String { "\(tool) \(rule) \(path):\(line)" }

    static func load() throws -> [ExpectedFinding] {
        try JSONDecoder().decode([ExpectedFinding].self, from: Fixtures.data("demo-app/expected-findings.json"))
    }
}
