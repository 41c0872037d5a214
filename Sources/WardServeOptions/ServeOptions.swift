import ArgumentParser
import Foundation
import WardApp

/// The options of `ward serve`, which `ward` passes on to `ward-server` and `ward-server` parses
/// into its settings: declared once for both programs.
public struct ServeOptions: ParsableArguments {
    /// History database: a file, or a `postgres://` URL.
    @Option(name: .long, help: ArgumentHelp("History database file or postgres:// URL (default: WARD_DB, else the per-user data directory).", valueName: "path|url"))
    public var db: String?

    /// Address and port to listen on.
    @Option(name: .long, help: ArgumentHelp("Address and port to listen on.", valueName: "host:port"))
    public var listen = "127.0.0.1:8740"

    /// The URL people reach the server by.
    @Option(name: .long, help: ArgumentHelp("The URL people reach the server by (https makes the session cookie Secure).", valueName: "url"))
    public var publicURL: String?

    /// Whether every request needs an API token, even on loopback.
    @Flag(name: .long, help: "Require an API token for every request, even on loopback.")
    public var requireTokens = false

    /// Reverse proxies whose forwarding headers are believed.
    @Option(name: .long, help: ArgumentHelp("A reverse proxy's address whose X-Forwarded-Proto and X-Forwarded-For are believed (repeatable).", valueName: "address"))
    public var trustProxy: [String] = []

    /// The policy whose `sla:` and gate the pages show.
    @Option(name: .long, help: ArgumentHelp("Policy whose sla: and gate the pages show (a shipped name or a file).", valueName: "name|file"))
    public var policy = "default"

    /// The most bytes one upload may hold.
    @Option(name: .long, help: ArgumentHelp("The most bytes one upload (`ward push`) may hold.", valueName: "bytes"))
    public var uploadLimit = 64 << 20

    /// The policy every upload is gated with, if any.
    @Option(name: .long, help: ArgumentHelp("Gate every upload with this policy (a shipped name or a file); without it an uploader may name a shipped policy.", valueName: "name|file"))
    public var uploadPolicy: String?

    /// Options parsed from the command line.
    public init() {}

    /// Refuses an upload limit below one byte.
    public func validate() throws {
        guard uploadLimit > 0 else { throw ValidationError("--upload-limit must be positive") }
    }

    /// These options as `ward-server`'s arguments, files made absolute.
    public func serverArguments() -> [String] {
        var arguments = ["--listen", listen]
        if let db { arguments += ["--db", WardPaths(databaseOption: db).database] }
        if let publicURL { arguments += ["--public-url", publicURL] }
        if requireTokens { arguments.append("--require-tokens") }
        for proxy in trustProxy { arguments += ["--trust-proxy", proxy] }
        arguments += ["--policy", FileManager.default.fileExists(atPath: policy) ? WardPaths.absolute(policy) : policy]
        arguments += ["--upload-limit", String(uploadLimit)]
        if let uploadPolicy {
            arguments += ["--upload-policy", uploadPolicy.contains("/") || uploadPolicy.hasSuffix(".yml") ? WardPaths.absolute(uploadPolicy) : uploadPolicy]
        }
        return arguments
    }
}
