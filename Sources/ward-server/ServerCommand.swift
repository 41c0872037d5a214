import ArgumentParser
import Foundation
import WardApp
import WardServer

/// `ward-server` (run by `ward serve`): parses the options and serves until stopped.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ward serve",
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
    var uploadLimit = 64 << 20

    @Option(name: .long, help: ArgumentHelp("Gate every upload with this policy (a shipped name or a file); without it an uploader may name a shipped policy.", valueName: "name|file"))
    var uploadPolicy: String?

    func validate() throws {
        guard uploadLimit > 0 else { throw ValidationError("--upload-limit must be positive") }
    }

    func run() async throws {
        do {
            let paths = WardPaths(databaseOption: db)
            var settings = try ServerSettings(paths: paths, listen: listen, publicURL: publicURL, uploadLimit: uploadLimit)
            settings.requireTokensOnLoopback = requireTokens
            settings.trustedProxies = try ServerSettings.proxies(trustProxy)
            settings.policy = policy
            settings.uploadPolicy = uploadPolicy
            // A policy that does not load stops the server here rather than refusing every upload.
            try UploadService(paths: paths, maxReportBytes: uploadLimit, policy: uploadPolicy).checkPolicy()
            let host = settings.host
            try await WardServer(settings: settings).run { port in
                FileHandle.standardError.write(Data("ward serve: listening on http://\(host):\(port)\n".utf8))
            }
        } catch let error as ServerError {
            FileHandle.standardError.write(Data("ward: error: \(error)\n".utf8))
            throw ExitCode(3)
        } catch let error as AppError {
            FileHandle.standardError.write(Data("ward: error: \(error)\n".utf8))
            throw ExitCode(3)
        }
    }
}
