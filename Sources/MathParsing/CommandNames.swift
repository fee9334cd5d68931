/// A command name as a number: known names (those in `MathTables`) by their index in
/// `MathTables.commandInfo`, others by their order of appearance in one parse (see
/// ``CommandNames``). Keeps ``Token`` free of Strings.
struct CommandID: Hashable, Sendable {
    let raw: UInt32

    /// Whether the tables know the name (then `MathTables.commandInfo[raw]` describes it).
    var isKnown: Bool { Int(raw) < MathTables.commandInfo.count }

    /// The number of a name the tables know.
    static func known(_ name: String) -> CommandID {
        guard let index = MathTables.commandIndex[name] else { preconditionFailure("\\\(name) is not in MathTables") }
        return CommandID(raw: UInt32(index))
    }

    /// Commands the lexer and the token cleaner make themselves.
    static let doubleBar = known("|")
    static let dots = known("dots")
    static let quad = known("quad")
}

/// The names behind the ``CommandID``s of one parse: known names come from `MathTables`,
/// unknown ones (`\foo`, a paper's own macros) are numbered here as the lexer meets them.
struct CommandNames: Sendable {
    private var unknown: [String] = []
    private var unknownIDs: [String: UInt32] = [:]

    /// The number of `name` (without the backslash), numbering it if it is new.
    mutating func id(_ name: String) -> CommandID {
        if let index = MathTables.commandIndex[name] { return CommandID(raw: UInt32(index)) }
        if let raw = unknownIDs[name] { return CommandID(raw: raw) }
        let raw = UInt32(MathTables.commandInfo.count + unknown.count)
        unknown.append(name)
        unknownIDs[name] = raw
        return CommandID(raw: raw)
    }

    /// The name (without the backslash).
    func name(_ id: CommandID) -> String {
        let known = MathTables.commandInfo.count
        let index = Int(id.raw)
        return index < known ? MathTables.knownCommandNames[index - 1] : unknown[index - known]
    }

    func commandName(_ token: Token) -> String? {
        if case .command(let id) = token.kind { name(id) } else { nil }
    }

    /// How the token is written in TeX.
    func spelling(_ token: Token) -> String {
        switch token.kind {
        case .command(let id): "\\" + name(id)
        case .char(let scalar): String(scalar)
        case .open: "{"
        case .close: "}"
        case .sup: "^"
        case .sub: "_"
        case .align: "&"
        case .space: " "
        }
    }
}

/// The known command names by their UTF-8 bytes: an open-addressing table probed with FNV-1a,
/// so the lexer numbers a command straight from the input, without making a String and
/// hashing it with the standard library's (keyed, much slower) hasher.
struct CommandLookup: Sendable {
    /// 0 for an empty slot, else the raw ``CommandID``.
    private let slots: [UInt16]
    /// The bytes of all known names, one after another (one array: comparing against a name is
    /// a plain byte loop, without an array of arrays to retain and walk generically).
    private let spellings: [UInt8]
    /// Where each known name starts in ``spellings``, by raw ``CommandID``; one more entry marks
    /// the end of the last (element 0 is unused).
    private let starts: [Int32]
    private let mask: Int

    init(names: [String]) {
        var size = 64
        while size < names.count * 4 { size *= 2 }
        var slots = [UInt16](repeating: 0, count: size)
        var spellings: [UInt8] = []
        var starts: [Int32] = [0]
        for (offset, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            starts.append(Int32(spellings.count))
            spellings += bytes
            var slot = bytes.withUnsafeBufferPointer { Self.hash($0[...]) } & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = UInt16(offset + 1)
        }
        starts.append(Int32(spellings.count))
        self.slots = slots
        self.spellings = spellings
        self.starts = starts
        self.mask = size - 1
    }

    @inline(__always)
    private static func hash(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var h: UInt32 = 2_166_136_261
        for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        return Int(h)
    }

    /// The number of the known name spelled by `bytes[range]`, if any.
    func id(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CommandID? {
        let name = bytes[range]
        var slot = Self.hash(name) & mask
        while true {
            let raw = slots[slot]
            if raw == 0 { return nil }
            if matches(Int(raw), name) { return CommandID(raw: UInt32(raw)) }
            slot = (slot + 1) & mask
        }
    }

    private func matches(_ raw: Int, _ name: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let start = Int(starts[raw])
        guard Int(starts[raw + 1]) - start == name.count else { return false }
        return spellings.withUnsafeBufferPointer { spellings in
            var k = start
            for b in name {
                if spellings[k] != b { return false }
                k += 1
            }
            return true
        }
    }
}
