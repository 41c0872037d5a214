import Foundation

/// Makes text from scanned repositories safe to print on a terminal.
public enum TerminalText {
    /// Removes escape sequences (CSI, OSC and others), C0 and C1 controls, DEL and bidi controls;
    /// tabs and newlines become spaces.
    public static func sanitize(_ text: String) -> String {
        // Printable ASCII (the usual case) has nothing to remove.
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text }
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x09, 0x0A, 0x0D:
                output.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069:
                continue
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    private static func skipEscapeSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let introducer = scalars.next() else { return }
        switch introducer {
        case "[":
            // CSI: parameters and intermediates up to a final byte in 0x40...0x7E.
            while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
        case "]", "P", "X", "^", "_":
            // OSC, DCS and friends: up to BEL or ST (ESC \).
            while let next = scalars.next() {
                if next.value == 0x07 { return }
                if next.value == 0x1B { _ = scalars.next(); return }
            }
        default:
            return
        }
    }

    /// Truncates to `width` characters, ending with `…` when cut.
    public static func fit(_ text: String, width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(max(width - 1, 0))) + "…"
    }
}
