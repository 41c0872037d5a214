import CYaml
import Foundation

/// Refuses, before any node is built, the aliases that let a few lines of YAML stand for billions
/// of values: an alias of a collection that itself holds aliases (the "billion laughs"), and an
/// alias inside a mapping key (keys are hashed whole to find duplicates). No document Ward reads
/// needs either: PyYAML aliases only plain lists, and keys are names.
///
/// Reads libyaml's events (Yams' own parser); syntax errors are left to Yams, which reports them.
enum AliasGuard {
    private struct Frame {
        var anchor: String?
        var isMapping: Bool
        var expectsKey = true
        var isKey: Bool
        var holdsAlias = false
    }

    static func check(_ text: String, path: String, kind: ConfigKind) throws(ConfigError) {
        var bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "*")) else { return }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        let problem: (String, yaml_mark_t)? = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            return scan(&parser)
        }
        if let (message, mark) = problem {
            throw ConfigError.invalidYAML(at: ConfigLocation(path: path, kind: kind, line: Int(mark.line) + 1, column: Int(mark.column) + 1),
                                          problem: message)
        }
    }

    private static func scan(_ parser: inout yaml_parser_t) -> (String, yaml_mark_t)? {
        var frames: [Frame] = []
        var aliasing: Set<String> = []
        var event = yaml_event_t()
        func finishNode() {
            guard let last = frames.indices.last, frames[last].isMapping else { return }
            frames[last].expectsKey.toggle()
        }
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let isKey = frames.last.map { $0.isMapping && $0.expectsKey } ?? false
            switch event.type {
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                if isKey || frames.contains(where: \.isKey) { return ("an alias in a mapping key", event.start_mark) }
                if aliasing.contains(name) { return ("an alias of a collection that holds aliases", event.start_mark) }
                for index in frames.indices { frames[index].holdsAlias = true }
                finishNode()
            case YAML_SCALAR_EVENT:
                finishNode()
            case YAML_SEQUENCE_START_EVENT:
                frames.append(Frame(anchor: event.data.sequence_start.anchor.map { String(cString: $0) }, isMapping: false, isKey: isKey))
            case YAML_MAPPING_START_EVENT:
                frames.append(Frame(anchor: event.data.mapping_start.anchor.map { String(cString: $0) }, isMapping: true, isKey: isKey))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = frames.popLast() else { return nil }
                if frame.holdsAlias, let anchor = frame.anchor { aliasing.insert(anchor) }
                finishNode()
            case YAML_STREAM_END_EVENT:
                return nil
            default:
                break
            }
        }
        return nil
    }
}
