import ArgumentParser
import Foundation
import WardApp
import WardCore

/// `ward`: runs security scanners, keeps their findings in a history, and gates on them.
public struct WardCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ward",
        abstract: "Run security scanners, keep every finding in a history, and gate on a policy.",
        discussion: """
        Exit codes: 0 the scan is complete and passed; 1 the scan is complete and failed the policy; \
        2 the scan is incomplete (a scanner was missing, crashed, timed out or wrote an unreadable report); \
        3 usage or configuration error (nothing was stored); \
        4 the scan was recorded but a report could not be written.
        """,
        version: WardVersion.current,
        subcommands: [
            ScanCommand.self,
            SecretsCommand.self,
            ImportCommand.self,
            PushCommand.self,
            CheckCommand.self,
            FindingsCommand.self,
            TriageCommand.self,
            ShowCommand.self,
            DiffCommand.self,
            TrendsCommand.self,
            ScansCommand.self,
            ScannersCommand.self,
            ToolsCommand.self,
            ServeCommand.self,
            TokensCommand.self,
            DbCommand.self,
        ]
    )

    public init() {}

    /// Parses the command line, runs the command and exits with Ward's documented codes.
    public static func execute(arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch let failure as WardFailure {
            Console.error(failure.message)
            exit(failure.exitStatus.rawValue)
        } catch let error as AppError {
            Console.error(error.description)
            exit(ExitStatus(error.conclusion).rawValue)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            if !message.isEmpty { Console.error(message) }
            exit(ExitStatus.usage.rawValue)
        }
    }

    /// Exits with `code` once the work the command left running in the background is done.
    private static func exit(_ code: Int32) -> Never {
        WardRuntime.finish()
        Foundation.exit(code)
    }
}
