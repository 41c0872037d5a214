import ArgumentParser
import Foundation
import WardApp
import WardServeOptions
import WardServer

/// `ward-server` (run by `ward serve`): parses the options and serves until stopped.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ward serve",
        abstract: "Serve the history's API and pages over HTTP (loopback only unless API tokens exist)."
    )

    @OptionGroup var options: ServeOptions

    func run() async throws {
        do {
            let paths = WardPaths(databaseOption: options.db)
            var settings = try ServerSettings(paths: paths, listen: options.listen, publicURL: options.publicURL,
                                              uploadLimit: options.uploadLimit)
            settings.requireTokensOnLoopback = options.requireTokens
            settings.trustedProxies = try ServerSettings.proxies(options.trustProxy)
            settings.policy = options.policy
            settings.uploadPolicy = options.uploadPolicy
            // A policy that does not load stops the server here rather than refusing every upload.
            try UploadService(paths: paths, maxReportBytes: options.uploadLimit, policy: options.uploadPolicy).checkPolicy()
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
