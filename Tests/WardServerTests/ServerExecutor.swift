import Dispatch

/// Runs the in-process server's tasks on threads of their own instead of Swift's shared pool.
///
/// The shared pool has one thread per core, and the rest of the suite (hundreds of tests started at
/// once, many of them waiting synchronously for a scanner or a `ward` process) holds those threads
/// for minutes on a two-core machine. A server answering on that pool would not answer before the
/// queue of waiting tests drained, and its clients would time out. Every task the server starts
/// inside its run inherits this preference, so its connections and handlers run here too.
final class ServerExecutor: TaskExecutor {
    /// The executor every testbed's server runs on.
    static let shared = ServerExecutor()

    /// A concurrent queue of its own: libdispatch gives it another thread when one blocks, which the
    /// shared pool never does.
    private let queue = DispatchQueue(label: "ward.test-server", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
