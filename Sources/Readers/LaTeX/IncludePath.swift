/// Path arithmetic for files named inside a paper (`\input{../x}`), kept inside the paper's root.
enum IncludePath {
    /// `a/./b/../c` → `a/c`; nil when the path is absolute or climbs above the root.
    static func normalize(_ path: String) -> String? {
        if path.hasPrefix("/") { return nil }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Whether a name would leave the root (then a missing-file warning would be misleading).
    static func normalizeEscapes(_ path: String) -> Bool {
        path.hasPrefix("/") || path.hasPrefix("~") || path.contains("\\") || normalize(path) == nil && path.contains("..")
    }
}
