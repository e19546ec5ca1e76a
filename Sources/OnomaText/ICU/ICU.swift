internal import CICU

/// Namespace of Onoma's thin, owned wrappers over ICU4C.
///
/// Every ICU object is owned by one `final class` that closes it in `deinit`; every status code goes through
/// ``ICU/check(_:)`` and every UTF-16 output through ``ICU/string(capacity:_:)``, so call sites stay one line.
///
/// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/>
public enum ICU {
    /// The version of the ICU library this process runs with (for example `72.1`).
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        cicu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// An error reported by ICU, carrying its `UErrorCode`.
///
/// ```swift
/// do { _ = try ICU.Transliterator(id: "No-Such/ID") }
/// catch let error as ICUError where error == .invalidID { … }
/// ```
public struct ICUError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The raw `UErrorCode`.
    public var code: Int32
    /// The operation that failed, for the message.
    public var operation: String
    /// Where a rule text failed to parse, when the error came from compiling rules.
    public var ruleLocation: RuleLocation?

    /// Creates an error from a raw `UErrorCode`.
    public init(code: Int32, operation: String = "", ruleLocation: RuleLocation? = nil) {
        self.code = code
        self.operation = operation
        self.ruleLocation = ruleLocation
    }

    /// ICU's symbolic name for the code, as `u_errorName` gives it (`U_INVALID_ID`).
    public var name: String { String(cString: cicu_error_name(code)) }

    public var description: String {
        var text = operation.isEmpty ? name : "\(operation): \(name)"
        if let location = ruleLocation { text += " at \(location)" }
        return text
    }

    /// Equality looks at the code only, so `error == .invalidID` works whatever the operation.
    public static func == (lhs: ICUError, rhs: ICUError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An argument was out of range. The corresponding ICU error is `U_ILLEGAL_ARGUMENT_ERROR`.
    public static let illegalArgument = ICUError(code: 1)
    /// A resource (locale data, transliterator) is missing. The corresponding ICU error is `U_MISSING_RESOURCE_ERROR`.
    public static let missingResource = ICUError(code: 2)
    /// An output buffer was too small. The corresponding ICU error is `U_BUFFER_OVERFLOW_ERROR`.
    public static let bufferOverflow = ICUError(code: 15)
    /// The input held an unpaired surrogate or similar. The corresponding ICU error is `U_INVALID_CHAR_FOUND`.
    public static let invalidCharFound = ICUError(code: 10)
    /// A transliterator ID is unknown. The corresponding ICU error is `U_INVALID_ID`.
    public static let invalidID = ICUError(code: 0x10000 + 33)

    /// Where in a rule text a parse error happened.
    public struct RuleLocation: Hashable, Sendable, CustomStringConvertible {
        /// The 1-based line of the rule text.
        public var line: Int
        /// The 0-based offset ICU reports (in the line when ICU knows the line).
        public var offset: Int
        /// Up to 15 characters before and after the error, as ICU captured them.
        public var preContext: String
        public var postContext: String

        public var description: String {
            "line \(line), offset \(offset) (after \"\(preContext)\", before \"\(postContext)\")"
        }
    }
}

extension ICU {
    /// Throws when `status` is an ICU failure; warnings (negative codes) count as success.
    @inline(__always)
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(ICUError) {
        if status > 0 { throw ICUError(code: status, operation: operation()) }
    }

    /// Runs an ICU function that writes UTF-16 into a caller buffer and returns the full length.
    ///
    /// Owns the overflow rule: starts with `capacity`, and on `U_BUFFER_OVERFLOW_ERROR` grows to the exact reported
    /// length and calls `body` again (so `body` must not depend on a previous call's partial output). An empty result
    /// is a valid result.
    static func string(
        capacity: Int,
        _ operation: @autoclosure () -> String = #function,
        _ body: (UnsafeMutablePointer<UInt16>, Int32, inout Int32) -> Int32
    ) throws(ICUError) -> String {
        var capacity = max(capacity, 1)
        for _ in 0..<3 {
            var status: Int32 = 0
            var required: Int32 = 0
            // A temporary buffer (on the stack for names) and a direct transcoder: no array per call.
            let result = withUnsafeTemporaryAllocation(of: UInt16.self, capacity: capacity) { buffer in
                required = body(buffer.baseAddress!, Int32(capacity), &status)
                let count = status > 0 ? 0 : min(Int(required), capacity)
                return string(utf16: UnsafeBufferPointer(start: buffer.baseAddress, count: count))
            }
            if status == CICU_BUFFER_OVERFLOW_ERROR {
                capacity = Int(required) + 1
                continue
            }
            try check(status, operation())
            return result
        }
        throw ICUError(code: CICU_BUFFER_OVERFLOW_ERROR, operation: operation())
    }

    /// Runs an ICU function that writes a NUL-terminated `char` string and returns its length.
    static func cString(
        capacity: Int = 64,
        _ operation: @autoclosure () -> String = #function,
        _ body: (UnsafeMutablePointer<CChar>, Int32, inout Int32) -> Int32
    ) throws(ICUError) -> String {
        var capacity = capacity
        for _ in 0..<3 {
            var status: Int32 = 0
            var buffer = [CChar](repeating: 0, count: capacity + 1)
            let required = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, Int32(capacity), &status) }
            if status == CICU_BUFFER_OVERFLOW_ERROR || Int(required) > capacity {
                capacity = Int(required) + 1
                continue
            }
            try check(status, operation())
            return String(decoding: buffer.prefix(Int(required)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        throw ICUError(code: CICU_BUFFER_OVERFLOW_ERROR, operation: operation())
    }
}
