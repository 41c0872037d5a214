import ArgumentParser
import Foundation
import WardApp

/// `ward serve`: runs `ward-server`, the HTTP API and pages over the history, in this process's place.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the history's API and pages over HTTP (loopback only unless API tokens exist)."
    )

    @Option(name: .long, help: ArgumentHelp("History database file (default: WARD_DB, else the per-user data directory).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Address and port to listen on.", valueName: "host:port"))
    var listen = "127.0.0.1:8740"

    @Option(name: .long, help: ArgumentHelp("The URL people reach the server by (https makes the session cookie Secure).", valueName: "url"))
    var publicURL: String?

    @Flag(name: .long, help: "Require an API token for every request, even on loopback.")
    var requireTokens = false

    @Option(name: .long, help: ArgumentHelp("A reverse proxy's address whose X-Forwarded-Proto and X-Forwarded-For are believed (repeatable).", valueName: "address"))
    var trustProxy: [String] = []
    @Option(name: .long, help: ArgumentHelp("Policy whose sla: and gate the pages show (a shipped name or a file).", valueName: "name|file"))
    var policy = "default"
    @Option(name: .long, help: ArgumentHelp("The most bytes one upload (`ward push`) may hold.", valueName: "bytes"))
    var uploadLimit: Int?

    @Option(name: .long, help: ArgumentHelp("Gate every upload with this policy (a shipped name or a file); without it an uploader may name a shipped policy.", valueName: "name|file"))
    var uploadPolicy: String?

    func run() throws {
        let program = try ServerProgram.locate()
        var arguments = [program, "--listen", listen]
        if let db { arguments += ["--db", WardPaths(databaseOption: db).database] }
        if let publicURL { arguments += ["--public-url", publicURL] }
        if requireTokens { arguments.append("--require-tokens") }
        for proxy in trustProxy { arguments += ["--trust-proxy", proxy] }
        arguments += ["--policy", FileManager.default.fileExists(atPath: policy) ? WardPaths.absolute(policy) : policy]
        if let uploadLimit { arguments += ["--upload-limit", String(uploadLimit)] }
        if let uploadPolicy { arguments += ["--upload-policy", uploadPolicy.contains("/") || uploadPolicy.hasSuffix(".yml") ? WardPaths.absolute(uploadPolicy) : uploadPolicy] }
        let argv = arguments.map { strdup($0) } + [nil]
        execv(program, argv)
        throw WardFailure("cannot run \(program): \(String(cString: strerror(errno)))")
    }
}
