#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Tells a recursive descent when the current thread's stack is nearly used up, so that it can
/// fall back instead of crashing. Threads differ a lot (8 MB for a main thread, 512 KB for a
/// secondary or Swift-concurrency thread on macOS) and so do frames (debug builds use several
/// times more stack than release builds), so a fixed depth limit alone cannot be safe.
struct StackGuard {
    /// Bytes left untouched for the caller, for unwinding and for walking the tree afterwards.
    static let reserve = 160 * 1024

    /// Lowest address the descent may reach, or 0 when the stack bounds are unknown.
    private let limit: UInt

    init() {
        guard let lowest = Self.cachedLowestStackAddress() else {
            limit = 0
            return
        }
        limit = lowest + UInt(Self.reserve)
    }

    /// Whether the stack below the caller's frame is within the reserve.
    var exhausted: Bool { limit != 0 && Self.currentAddress() < limit }

    @inline(never)
    private static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// Each thread's stack bounds, asked once per thread: on Linux `pthread_getattr_np` reads
    /// `/proc/self/maps` (≈ 250 K instructions), and a paper's analysis makes a guard per formula.
    private static let boundsKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Stored in the thread's slot when the bounds are unknown (0 is an empty slot).
    private static let unknown: UInt = 1

    private static func cachedLowestStackAddress() -> UInt? {
        if let stored = pthread_getspecific(boundsKey) {
            let value = UInt(bitPattern: stored)
            return value == unknown ? nil : value
        }
        let lowest = lowestStackAddress()
        pthread_setspecific(boundsKey, UnsafeRawPointer(bitPattern: lowest ?? unknown))
        return lowest
    }

    private static func lowestStackAddress() -> UInt? {
        #if canImport(Darwin)
        let thread = pthread_self()
        let top = UInt(bitPattern: pthread_get_stackaddr_np(thread))
        let size = UInt(pthread_get_stacksize_np(thread))
        return top > size ? top - size : nil
        #elseif canImport(Glibc) || canImport(Musl)
        // `pthread_getattr_np` is a GNU extension the Swift module does not export.
        typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
        guard let symbol = dlsym(nil, "pthread_getattr_np") else { return nil }  // nil is RTLD_DEFAULT
        let getAttributes = unsafeBitCast(symbol, to: GetAttributes.self)
        var attributes = pthread_attr_t()
        guard getAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
        return UInt(bitPattern: address)
        #else
        return nil
        #endif
    }
}
