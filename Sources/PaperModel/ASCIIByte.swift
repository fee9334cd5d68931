extension UInt8 {
    /// This UTF-8 byte lower-cased if it is an ASCII capital (`A`–`Z`), else itself: the one
    /// byte-level case fold the readers and analyzers share (bytes of other scripts pass as they
    /// are, so callers fold only text they know to be ASCII or compare against ASCII).
    @inlinable @inline(__always)
    public var asciiLowercased: UInt8 { self &- 0x41 < 26 ? self &+ 0x20 : self }
}
