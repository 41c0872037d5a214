/// Reading elements where they lie. An element read through an array's subscript is copied, and a
/// large struct (a ``Finding`` holds some thirty texts) costs a retain and a release per reference
/// it holds; a pointer into the array's storage reads only the fields used.
extension Array {
    /// Calls `body` with each element's position and a pointer to it, in order. The pointer is
    /// valid only during the call.
    @inlinable
    public func forEachInPlace(_ body: (Int, UnsafePointer<Element>) throws -> Void) rethrows {
        try withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices { try body(index, base + index) }
        }
    }

    /// `body` applied to a pointer to the element at `index`, which must be a valid position. The
    /// pointer is valid only during the call.
    @inlinable
    public func withElement<Result>(at index: Int, _ body: (UnsafePointer<Element>) throws -> Result) rethrows -> Result {
        precondition(indices.contains(index), "index out of range")
        return try withUnsafeBufferPointer { try body($0.baseAddress! + index) }
    }
}
