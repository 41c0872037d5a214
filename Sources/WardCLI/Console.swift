import Foundation
import WardReporters

/// Writes to the terminal: progress and errors on stderr, machine output on stdout.
///
/// Errors, warnings and output are always written. Progress lines go through a value that
/// carries `--quiet` (``GlobalOptions/console``), so no process-wide switch exists.
struct Console: Sendable {
    /// Whether progress lines are suppressed.
    let quiet: Bool

    /// Prints an error line, always.
    static func error(_ message: String) {
        write("ward: error: " + TerminalText.sanitize(message) + "\n", to: FileHandle.standardError)
    }

    /// Prints a warning line, always.
    static func warning(_ message: String) {
        write("ward: warning: " + TerminalText.sanitize(message) + "\n", to: FileHandle.standardError)
    }

    /// Prints a line on stderr that the user asked for (`--explain`), even when quiet.
    static func note(_ message: String) {
        write(TerminalText.sanitize(message) + "\n", to: FileHandle.standardError)
    }

    /// Prints a progress line unless quiet.
    func progress(_ message: String) {
        guard !quiet else { return }
        Self.write("ward: " + TerminalText.sanitize(message) + "\n", to: FileHandle.standardError)
    }

    /// Writes raw bytes to stdout.
    static func output(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    /// Writes the document `render` makes for this terminal (``renderOptions``) to stdout; an error
    /// rendering it ends the command as a ``WardFailure``.
    static func show(_ render: (RenderOptions) throws -> Data) throws {
        let document: Data
        do {
            document = try render(renderOptions)
        } catch {
            throw WardFailure(error)
        }
        output(document)
    }

    /// How documents printed on stdout are rendered: with colour when ``colorEnabled``, fitted to ``width``.
    static var renderOptions: RenderOptions {
        RenderOptions(color: colorEnabled, width: width)
    }

    /// Whether colour may be used on stdout: a terminal, and `NO_COLOR` unset or empty.
    static var colorEnabled: Bool {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
        return noColor.isEmpty && isatty(STDOUT_FILENO) == 1
    }

    /// Terminal width from `COLUMNS` or the terminal, else 120.
    static var width: Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 120
    }

    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
