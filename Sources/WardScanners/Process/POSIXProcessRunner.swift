import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only place in Ward that starts processes.
///
/// Each tool is spawned without a shell in a new process group, under Ward's supervisor (see
/// ``ProcessSupervisor``) so that the group dies with Ward, with standard input from `/dev/null`
/// (or a file holding the request's input) and its output going to files in Ward's run directory,
/// so a chatty tool can never dead-lock on a full pipe. Past the timeout the whole group gets
/// SIGTERM, then SIGKILL; after any exit the group is swept with SIGKILL so no grandchild outlives
/// the run.
public struct POSIXProcessRunner: CommandRunner {
    /// How long a timed-out group gets between SIGTERM and SIGKILL.
    public var gracePeriod: Duration

    /// Creates a runner.
    public init(gracePeriod: Duration = .seconds(2)) {
        self.gracePeriod = gracePeriod
    }

    /// Runs the request; see the type's documentation for the guarantees.
    public func run(_ request: ProcessRequest) async throws(ScannerError) -> ProcessOutcome {
        let tool = (request.executable as NSString).lastPathComponent
        if request.arguments.contains(where: { $0.utf8.contains(0) }) {
            throw ScannerError.launchFailed(tool: tool, reason: "an argument contains a NUL byte")
        }
        let scratch = try ScratchDirectory(prefix: "ward-run")
        defer { scratch.remove() }
        let outputPath = scratch.path + "/stdout"
        let errorPath = scratch.path + "/stderr"
        let started = ContinuousClock.now
        // The tool's own temporary files (pip-audit's virtual environments, Semgrep's caches) stay in
        // Ward's run directory too, so nothing survives the run, or a killed run's next one.
        let temporary = scratch.path + "/tmp"
        guard mkdir(temporary, 0o700) == 0 else {
            throw ScannerError.launchFailed(tool: tool, reason: "cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        var inputPath = "/dev/null"
        if let input = request.standardInput {
            inputPath = scratch.path + "/stdin"
            guard FileManager.default.createFile(atPath: inputPath, contents: input, attributes: [.posixPermissions: 0o600]) else {
                throw ScannerError.launchFailed(tool: tool, reason: "cannot write its standard input")
            }
        }
        let pid = try spawn(request, tool: tool, files: (inputPath, outputPath, errorPath), temporary: temporary)
        ProcessSupervisor.started(pid)
        let reaped = await ProcessReaper.wait(for: pid, timeout: request.timeout, gracePeriod: gracePeriod)
        ProcessSupervisor.ended(pid)
        let (status, timedOut) = (reaped.status, reaped.timedOut)
        let duration = Self.seconds(reaped.finished - started)
        let output = BoundedReader(limit: request.outputLimit).prefix(outputPath)
        let error = BoundedReader(limit: request.errorLimit).prefix(errorPath)
        return ProcessOutcome(
            termination: Self.termination(of: status),
            standardOutput: output.data,
            standardError: error.data,
            timedOut: timedOut,
            outputExceeded: output.truncated,
            duration: duration
        )
    }

    private func spawn(_ request: ProcessRequest, tool: String, files: (input: String, output: String, error: String),
                       temporary: String) throws(ScannerError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, files.input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, files.output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, files.error, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Descriptors of other threads (pipes of other tools, the database) must not leak into the child.
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        if let directory = request.workingDirectory {
            guard let addChdir = Self.addChdir, addChdir(&actions, directory) == 0 else {
                throw ScannerError.launchFailed(tool: tool, reason: "cannot set working directory \(directory)")
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        var environment = ProcessInfo.processInfo.environment.filter { !request.removedEnvironment.contains($0.key) }
        for name in ["TMPDIR", "TMP", "TEMP"] { environment[name] = temporary }
        environment.merge(request.environment) { _, new in new }
        guard access(request.executable, X_OK) == 0 else {
            throw ScannerError.launchFailed(tool: tool, reason: String(cString: strerror(errno)))
        }
        let command = ProcessSupervisor.command([request.executable] + request.arguments)
        let argv = CStringArray(command.arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" }.sorted())
        defer { argv.free(); envp.free() }
        var pid = pid_t()
        let status = posix_spawn(&pid, command.executable, &actions, &attributes, argv.pointers, envp.pointers)
        guard status == 0 else {
            throw ScannerError.launchFailed(tool: tool, reason: String(cString: strerror(status)))
        }
        return pid
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does not expose.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), when present.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    private static func termination(of status: Int32) -> ProcessOutcome.Termination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
