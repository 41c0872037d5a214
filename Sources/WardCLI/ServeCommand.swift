import ArgumentParser
import Foundation
import WardApp
import WardServeOptions

/// `ward serve`: runs `ward-server`, the HTTP API and pages over the history, in this process's place.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the history's API and pages over HTTP (loopback only unless API tokens exist)."
    )

    @OptionGroup var options: ServeOptions

    func run() throws {
        let program = try ServerProgram.locate()
        let argv = ([program] + options.serverArguments()).map { strdup($0) } + [nil]
        execv(program, argv)
        throw WardFailure("cannot run \(program): \(String(cString: strerror(errno)))")
    }
}
