import Foundation

extension JSONValidator {
    /// The member names of one open object, to refuse a name given twice as ``JSONParser`` does.
    ///
    /// Up to 32 plain ASCII names are compared as bytes in the validator's shared list; a name with
    /// escapes or other characters, or a larger object, moves the object to a set of Swift strings,
    /// whose equality (canonical equivalence) is the parser's dictionary's.
    struct MemberNames {
        /// Where this object's names start in the shared list.
        let base: Int
        private var texts: Set<String>?

        init(base: Int) {
            self.base = base
        }

        /// Adds the name at `range` (the bytes between its quotes); false when the object has it already.
        mutating func insert(_ range: Range<Int>, plain: Bool, into names: inout [Range<Int>], parser: JSONParser) throws(JSONParser.SyntaxError) -> Bool {
            let bytes = parser.bytes
            if texts == nil, plain, names.count - base < 32 {
                for index in base..<names.count {
                    let other = names[index]
                    if other.count == range.count,
                       range.isEmpty || memcmp(bytes.baseAddress! + other.lowerBound, bytes.baseAddress! + range.lowerBound, range.count) == 0 {
                        return false
                    }
                }
                names.append(range)
                return true
            }
            if texts == nil {
                texts = Set(names[base...].map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) })
            }
            var reader = parser
            reader.position = range.lowerBound - 1
            let text = plain ? String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) : try reader.parseString()
            return texts!.insert(text).inserted
        }
    }
}
