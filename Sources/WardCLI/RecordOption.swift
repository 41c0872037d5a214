import ArgumentParser

/// `--record` / `--no-record`: whether a scan goes into the history. Without recording, the scan
/// runs against an empty history held in memory: nothing is read from or written to the database
/// (no baseline either), which is what a pre-commit hook wants on every commit attempt.
struct RecordOption: ParsableArguments {
    @Flag(inversion: .prefixedNo, exclusivity: .chooseLast,
          help: "Record the scan in the history database (default); --no-record writes nothing. The last one given wins.")
    var record = true
}
