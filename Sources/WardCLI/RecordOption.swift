import ArgumentParser
import WardStorage

/// `--record` / `--no-record`: whether a scan goes into the history. Without recording, no
/// database is opened at all: nothing is read from or written to the history (no baseline either),
/// and the scan is gated as it would be against an empty one, which is what a pre-commit hook
/// wants on every commit attempt.
struct RecordOption: ParsableArguments {
    @Flag(inversion: .prefixedNo, exclusivity: .chooseLast,
          help: "Record the scan in the history database (default); --no-record writes nothing. The last one given wins.")
    var record = true

    /// The history this command records into, or `nil` with `--no-record`.
    func openDatabase(_ global: GlobalOptions) throws -> AppDatabase? {
        record ? try global.openDatabase() : nil
    }
}
