import ArgumentParser
import Foundation
import WardApp
import WardCore

/// `ward push --server URL --tool ID FILE...`: sends one tool's reports to a Ward server, which
/// records and gates them as `ward import` would; exits as the server's verdict says.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Send one tool's reports to a Ward server, which records and gates them as one scan.",
        discussion: """
        The API token comes from --token-file (readable by its owner only) or WARD_TOKEN, never from \
        the command line. Exit codes are the server's verdict (0, 1, 2); a refused upload or an \
        unreachable server exits 3 with one line saying why.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The Ward server's address (https://, or http:// on loopback).", valueName: "url"))
    var server: String

    @Option(name: .customLong("token-file"), help: ArgumentHelp("File holding the API token (mode 600); default: WARD_TOKEN.", valueName: "file"))
    var tokenFile: String?

    @OptionGroup var origin: OriginOptions

    @Option(name: .long, help: ArgumentHelp("Scanner id of the tool that wrote the reports.", valueName: "id"))
    var tool: String

    @Option(name: .long, help: ArgumentHelp("Directory the reports' paths are relative to (default: the current directory).", valueName: "dir"))
    var root: String?

    @Option(name: .long, help: ArgumentHelp("History name of the target (default: the root's absolute path).", valueName: "name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("One of the server's shipped policies, by name; a server with its own upload policy always applies that.", valueName: "name"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp("Largest report sent, in bytes (the server has its own limit).", valueName: "bytes"))
    var maxReportBytes: Int = 64 << 20

    @Flag(name: .long, help: "Print the server's receipt as JSON on stdout.")
    var json = false

    @Argument(help: ArgumentHelp("Report files; `-` reads standard input.", valueName: "file"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one report file") }
        guard maxReportBytes > 0 else { throw ValidationError("--max-report-bytes must be positive") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let client = try PushClient(server: server, token: try PushToken.load(file: tokenFile, environment: environment))
        let request = PushRequest(tool: tool, files: files, root: root, target: target, origin: origin.origin, policy: policy,
                                  maxReportBytes: maxReportBytes)
        let receipt = try await client.push(try request.document(variables: environment))
        if json {
            Console.output(try JSONCoding.encode(receipt) + Data("\n".utf8))
        } else {
            let state = receipt.alreadyRecorded ? "already recorded" : "recorded"
            Console.note("scan \(receipt.scanId) of \(receipt.target) \(state): \(receipt.findingCount) findings, \(receipt.newCount) new, "
                + "\(receipt.fixedCount) fixed; policy \(receipt.policy): \(receipt.gate)")
        }
        throw ExitCode(ExitStatus(receipt.conclusion).rawValue)
    }
}
