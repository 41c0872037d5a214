import Foundation

/// Installs pinned Python-installable scanners, each in its own virtual environment under Ward's
/// data directory, and links their executables into `tools/bin` where ``ToolLocator`` finds them.
public struct ToolInstaller: Sendable {
    /// `<data>/tools`.
    public var toolsDirectory: String
    /// The Python used to create the environments.
    public var python: String
    /// Starts processes.
    public var runner: any CommandRunner
    /// Receives progress lines.
    public var progress: @Sendable (String) -> Void

    /// Creates an installer.
    public init(toolsDirectory: String, python: String, runner: any CommandRunner = POSIXProcessRunner(),
                progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.toolsDirectory = toolsDirectory
        self.python = python
        self.runner = runner
        self.progress = progress
    }

    /// Installs every pin not already installed at its pinned requirement.
    public func install(_ pins: [ToolPin]) async throws(ScannerError) {
        let manager = FileManager.default
        try? manager.createDirectory(atPath: toolsDirectory + "/bin", withIntermediateDirectories: true)
        for pin in pins {
            let environment = toolsDirectory + "/venvs/" + pin.package
            let stamp = environment + "/.ward-pin"
            if (try? String(contentsOfFile: stamp, encoding: .utf8)) == pin.requirement,
               manager.isExecutableFile(atPath: environment + "/bin/python") {
                progress("\(pin.package): already installed")
            } else {
                progress("\(pin.package): installing \(pin.requirement)")
                try? manager.removeItem(atPath: environment)
                try await step(pin.package, python, ["-m", "venv", environment])
                try await pipInstall(pin, environment: environment)
                try? pin.requirement.write(toFile: stamp, atomically: true, encoding: .utf8)
            }
            for executable in pin.executables {
                let link = toolsDirectory + "/bin/" + executable
                try? manager.removeItem(atPath: link)
                try? manager.createSymbolicLink(atPath: link, withDestinationPath: environment + "/bin/" + executable)
            }
        }
    }

    private func pipInstall(_ pin: ToolPin, environment: String) async throws(ScannerError) {
        let pip = [environment + "/bin/python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        if pin.hasHashes {
            let requirements = environment + "/requirement.txt"
            try? (pin.requirement + "\n").write(toFile: requirements, atomically: true, encoding: .utf8)
            try await step(pin.package, pip[0], Array(pip.dropFirst()) + ["--no-deps", "--require-hashes", "-r", requirements])
        } else {
            let words = pin.requirement.split(whereSeparator: \.isWhitespace).map(String.init)
            try await step(pin.package, pip[0], Array(pip.dropFirst()) + words)
        }
    }

    private func step(_ tool: String, _ executable: String, _ arguments: [String]) async throws(ScannerError) {
        let request = ProcessRequest(executable: executable, arguments: arguments, timeout: .seconds(1800))
        let outcome = try await runner.run(request)
        guard outcome.exitStatus == 0 else {
            let reason = String(decoding: outcome.standardError.suffix(2000), as: UTF8.self)
                .split(separator: "\n").last.map(String.init) ?? "exit status \(outcome.exitStatus.map(String.init) ?? "signal")"
            throw ScannerError.launchFailed(tool: tool, reason: "installation failed: \(reason)")
        }
    }
}
