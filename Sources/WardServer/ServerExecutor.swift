import Dispatch

/// Runs the server's tasks (its connections, handlers and everything they await) on threads of
/// its own instead of Swift's shared pool.
///
/// A handler calls the application layer, which waits synchronously on the history: an upload
/// stores its scan for seconds, a query over a large history reads for a fraction of one. The
/// shared pool has one thread per core and never adds one because a thread waits, so on a two-core
/// machine two such requests would hold every request behind them, and a process that also waits
/// synchronously elsewhere (a test suite, an embedding program) could hold the server for minutes.
/// This executor's queue is concurrent and libdispatch gives it another thread when one blocks.
final class ServerExecutor: TaskExecutor {
    /// The executor every server in the process runs on.
    static let shared = ServerExecutor()

    private let queue = DispatchQueue(label: "ward.server", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
