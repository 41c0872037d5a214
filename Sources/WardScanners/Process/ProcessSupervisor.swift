import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps every tool's process group tied to Ward's life.
///
/// Each tool runs under a supervisor: the `ward` executable started with ``flag``, which is the
/// leader of the tool's process group, asks the kernel for a signal when Ward dies
/// (`PR_SET_PDEATHSIG`, something `posix_spawn` cannot set for the tool itself) and then kills the
/// whole group. When Ward receives SIGTERM, SIGINT or SIGHUP it kills every group it started and
/// removes its run directory before it dies of the same signal.
public enum ProcessSupervisor {
    /// The argument that makes `ward` supervise a tool instead of running a command.
    public static let flag = "--ward-supervise"

    /// The running executable.
    private static let current = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]

    private static let chosen = Mutex<String?>(nil)

    /// Makes the running executable the supervisor: `ward` calls this first thing, whatever name
    /// it was installed under.
    public static func superviseWithThisExecutable() {
        chosen.withLock { $0 = current }
    }

    /// The supervising executable: the running `ward`, else a `ward` beside the running executable
    /// (a test bundle), else none (tools then run unsupervised).
    static var executable: String? {
        if let chosen = chosen.withLock({ $0 }) { return chosen }
        let beside = (current as NSString).deletingLastPathComponent + "/ward"
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : nil
    }

    /// The argument vector that runs `arguments` (the tool's path first) under the supervisor.
    static func command(_ arguments: [String]) -> (executable: String, arguments: [String]) {
        guard let executable else { return (arguments[0], arguments) }
        return (executable, [executable, flag, String(getpid())] + arguments)
    }

    // MARK: - Live groups

    private static let groups = Mutex<Set<pid_t>>([])

    /// Records a process group Ward started.
    static func started(_ group: pid_t) {
        groups.withLock { _ = $0.insert(group) }
    }

    /// Forgets a process group once its leader was reaped and the group swept.
    static func ended(_ group: pid_t) {
        groups.withLock { _ = $0.remove(group) }
    }

    /// Kills every process group still running.
    public static func killAll() {
        for group in groups.withLock({ $0 }) { kill(-group, SIGKILL) }
    }

    // MARK: - Termination signals

    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    /// On SIGTERM, SIGINT or SIGHUP: kill every tool's group, remove the run directory, then die
    /// of the same signal. Installed once; later calls do nothing.
    public static func installTerminationHandlers() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGTERM, SIGINT, SIGHUP] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    killAll()
                    RunDirectory.removeActive()
                    signal(number, SIG_DFL)
                    kill(getpid(), number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
