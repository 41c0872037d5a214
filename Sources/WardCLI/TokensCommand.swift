import ArgumentParser
import Foundation
import WardApp
import WardCore

/// `ward tokens`: the API tokens of `ward serve`.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke the API tokens of ward serve.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    /// `ward tokens create`: prints the new token once.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token; it is shown once and stored only as a digest.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: ArgumentHelp("Who holds it (the author of triage made with it).", valueName: "name"))
        var owner: String

        @Option(name: .long, help: ArgumentHelp("viewer, triager, uploader or admin.", valueName: "role"))
        var role: String

        @Option(name: .long, help: ArgumentHelp("Only targets matching this glob (for uploads).", valueName: "glob"))
        var targets: String?

        func run() throws {
            guard let role = APIToken.Role(rawValue: role) else {
                throw WardFailure("--role: expected \(APIToken.Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let made = try TokenService(global.context()).create(owner: owner, role: role, targets: targets)
            Console.note("token \(made.token.id) for \(made.token.owner) (\(role.rawValue)); it is shown once:")
            Console.output(Data((made.secret + "\n").utf8))
        }
    }

    /// `ward tokens list`: every token with its owner, role, targets and last use.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens (never their secrets).")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let formatter = ISO8601DateFormatter()
            let lines = try TokenService(global.context()).list().map { token in
                let state = token.revokedAt.map { "revoked " + formatter.string(from: $0) } ?? "active"
                let used = token.lastUsedAt.map(formatter.string(from:)) ?? "never used"
                return "\(token.id)  \(token.role.rawValue)  \(token.owner)  targets \(token.targets ?? "*")  \(used)  \(state)"
            }
            Console.output(Data(((lines.isEmpty ? ["No tokens."] : lines).joined(separator: "\n") + "\n").utf8))
        }
    }

    /// `ward tokens revoke ID`.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: requests with it are refused from now on.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The token's id (ward tokens list).", valueName: "id"))
        var id: String

        func run() throws {
            try TokenService(global.context()).revoke(id: id)
            Console.note("token \(id) revoked")
        }
    }
}
