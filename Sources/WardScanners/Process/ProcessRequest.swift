import Foundation

/// Everything needed to start one tool process: never a shell command line.
public struct ProcessRequest: Sendable, Hashable {
    /// Absolute path of the executable.
    public var executable: String
    /// Arguments, passed to the process as an array, exactly as given.
    public var arguments: [String]
    /// Variables added to (or overriding) the inherited environment.
    public var environment: [String: String]
    /// Working directory of the process.
    public var workingDirectory: String?
    /// Wall-time limit; the whole process group is killed past it.
    public var timeout: Duration
    /// Most bytes of standard output kept; more makes the run fail.
    public var outputLimit: Int
    /// Most bytes of standard error kept (the rest is dropped, not an error).
    public var errorLimit: Int
    /// Inherited variables the process must not see (git's `GIT_EXTERNAL_DIFF`, `GIT_DIR`…).
    public var removedEnvironment: Set<String> = []
    /// What the process reads on standard input (from a file in Ward's run directory); nil for
    /// `/dev/null`. Never a secret: the file lives as long as the process.
    public var standardInput: Data?

    /// Creates a request.
    public init(
        executable: String,
        arguments: [String],
        environment: [String: String] = [:],
        workingDirectory: String? = nil,
        timeout: Duration = .seconds(600),
        outputLimit: Int = 256 << 20,
        errorLimit: Int = 1 << 20
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.errorLimit = errorLimit
    }
}

/// How a process ended and what it printed.
public struct ProcessOutcome: Sendable, Hashable {
    /// How the process terminated.
    public enum Termination: Sendable, Hashable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signaled(Int32)
    }

    /// How it terminated.
    public var termination: Termination
    /// Standard output (up to the request's limit).
    public var standardOutput: Data
    /// Standard error (up to the request's limit).
    public var standardError: Data
    /// Whether the timeout fired and the process group was killed.
    public var timedOut: Bool
    /// Whether standard output passed the limit.
    public var outputExceeded: Bool
    /// Wall time in seconds.
    public var duration: Double

    /// Creates an outcome.
    public init(
        termination: Termination,
        standardOutput: Data,
        standardError: Data,
        timedOut: Bool = false,
        outputExceeded: Bool = false,
        duration: Double = 0
    ) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.timedOut = timedOut
        self.outputExceeded = outputExceeded
        self.duration = duration
    }

    /// The exit status, when the process exited normally.
    public var exitStatus: Int32? {
        if case .exited(let status) = termination { return status }
        return nil
    }
}

/// Starts processes. The real one spawns them; tests replay recorded output at this boundary.
public protocol CommandRunner: Sendable {
    /// Runs the request to completion (or its timeout) and returns what happened.
    func run(_ request: ProcessRequest) async throws(ScannerError) -> ProcessOutcome
}
