internal import CICU
import Foundation
import Synchronization

extension ICU {
    /// An ICU transliterator, opened by ID or compiled from rule text.
    ///
    /// ```swift
    /// let t = try ICU.Transliterator(id: "Russian-Latin/BGN")
    /// try t.transform("Пашинян")   // "Pashinyan"
    /// ```
    ///
    /// `Sendable` notes: ICU transliterators keep per-call state and are not safe for concurrent use, so this class
    /// is deliberately not `Sendable`. Share one through ``ICU/TransliteratorPool``, which hands each task its own
    /// clone.
    ///
    /// Related ICU documentation: <https://unicode-org.github.io/icu/userguide/transforms/general/>
    public final class Transliterator {
        let handle: OpaquePointer
        /// The ID it was opened with, or the name given to its rules.
        public let id: String

        private init(handle: OpaquePointer, id: String) {
            self.handle = handle
            self.id = id
        }

        deinit { cicu_trans_close(handle) }

        /// Opens a system transliterator by ID (`Any-Latin; Latin-ASCII`, `Armenian-Latin/BGN`).
        ///
        /// - Throws: ``ICUError`` (`U_INVALID_ID` for an unknown ID).
        public convenience init(id: String, reverse: Bool = false) throws(ICUError) {
            if !reverse { NativeTransliterators.prepare(id) }
            let units = Array(id.utf16)
            var status: Int32 = 0
            let handle = cicu_trans_open_id(units, Int32(units.count), reverse ? 1 : 0, &status)
            guard let handle, status <= 0 else {
                cicu_trans_close(handle)
                throw ICUError(code: status > 0 ? status : ICUError.invalidID.code,
                               operation: "opening transliterator \"\(id)\"")
            }
            self.init(handle: handle, id: id)
        }

        /// Compiles a transliterator from ICU transform rule text.
        ///
        /// - Throws: ``ICUError`` with ``ICUError/ruleLocation`` set to the line and offset ICU reports.
        public convenience init(name: String, rules: String, reverse: Bool = false) throws(ICUError) {
            let nameUnits = Array(name.utf16)
            let ruleUnits = Array(rules.utf16)
            var status: Int32 = 0
            var line: Int32 = 0
            var offset: Int32 = 0
            var pre = [UInt16](repeating: 0, count: 16)
            var post = [UInt16](repeating: 0, count: 16)
            let handle = cicu_trans_open_rules(nameUnits, Int32(nameUnits.count), ruleUnits, Int32(ruleUnits.count),
                                               reverse ? 1 : 0, &line, &offset, &pre, &post, &status)
            guard let handle, status <= 0 else {
                cicu_trans_close(handle)
                func text(_ units: [UInt16]) -> String {
                    String(decoding: units.prefix { $0 != 0 }, as: UTF16.self)
                }
                let preText = text(pre)
                // ICU reports line 0 and an offset into the whole text for transliterator rules; derive the line.
                var location = ICUError.RuleLocation(line: Int(line), offset: Int(offset), preContext: preText,
                                                     postContext: text(post))
                if line <= 0 { location = Self.locate(preContext: preText, offset: Int(offset), in: rules) }
                throw ICUError(code: status > 0 ? status : ICUError.illegalArgument.code,
                               operation: "compiling rules \"\(name)\"", ruleLocation: location)
            }
            self.init(handle: handle, id: name)
        }

        /// Finds the line of a parse error from ICU's offset (UTF-16 into the rules) and its pre-context.
        private static func locate(preContext: String, offset: Int, in rules: String) -> ICUError.RuleLocation {
            let units = Array(rules.utf16)
            var end = min(max(offset, 0), units.count)
            if !preContext.isEmpty, offset <= 0 || offset > units.count {
                // Fall back to the first occurrence of the context.
                if let range = rules.range(of: preContext) {
                    end = rules.utf16.distance(from: rules.startIndex, to: range.upperBound)
                }
            }
            let prefix = units[..<end]
            let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            return ICUError.RuleLocation(line: line, offset: end - lineStart, preContext: preContext,
                                         postContext: "")
        }

        /// An independent copy for another task (ICU's `utrans_clone`).
        public func clone() throws(ICUError) -> Transliterator {
            var status: Int32 = 0
            let copy = cicu_trans_clone(handle, &status)
            guard let copy, status <= 0 else {
                cicu_trans_close(copy)
                throw ICUError(code: max(status, 1), operation: "cloning transliterator \"\(id)\"")
            }
            return Transliterator(handle: copy, id: id)
        }

        /// Transliterates `text`.
        public func transform(_ text: String) throws(ICUError) -> String {
            if text.isEmpty { return "" }
            return try ICU.withUTF16(text) { source throws(ICUError) -> String in
                // `utrans_transUChars` works in place and leaves a partial result on overflow, so every attempt
                // starts again from a fresh copy of the input (the buffer helper re-runs the body).
                try ICU.string(capacity: source.count * 2 + 16, "transliterating with \"\(id)\"") {
                    buffer, capacity, status in
                    buffer.update(from: source.baseAddress!, count: min(source.count, Int(capacity)))
                    guard Int(capacity) >= source.count else {
                        status = CICU_BUFFER_OVERFLOW_ERROR
                        return Int32(source.count)
                    }
                    var length = Int32(source.count)
                    cicu_trans_transform(handle, buffer, &length, capacity, &status)
                    return length
                }
            }
        }

        /// Every transliterator ID ICU has registered, sorted.
        public static var availableIDs: [String] {
            let count = cicu_trans_count_ids()
            return (0..<count).compactMap { index in
                try? ICU.string(capacity: 64) { buffer, capacity, status in
                    cicu_trans_id_at(index, buffer, capacity, &status)
                }
            }.sorted()
        }
    }

    /// A thread-safe pool of transliterators per ID, for the concurrent hot path.
    ///
    /// The first request for an ID opens it (outside the lock); later requests pop a free instance, or clone the
    /// prototype when all are busy. The locks are held only to push and pop, never while transliterating, so tasks
    /// on both cores work in parallel. Compiled rule sets are pooled the same way under their name.
    public final class TransliteratorPool: Sendable {
        /// A transliterator whose single owner is, at any time, either the pool or one borrower.
        ///
        /// `Sendable` notes: the pool moves each instance between its free list and one borrowing task and never
        /// lets two tasks hold it at once, which is the only guarantee ICU's transliterators need.
        private struct Owned: @unchecked Sendable {
            let transliterator: Transliterator
        }

        private struct Entry: Sendable {
            var prototype: Owned
        }

        /// Free instances in stripes chosen by thread, each behind its own lock: a word's transliteration takes an
        /// instance and gives it back, and with one lock for all, the batch job's threads spent ~4% of their time
        /// waiting for it.
        private final class Stripe: Sendable {
            let free = Mutex<[String: [Owned]]>([:])
        }
        private let stripes: [Stripe] = (0..<16).map { _ in Stripe() }

        /// This thread's stripe.
        private var stripe: Stripe {
            #if canImport(Darwin)
            let thread = UInt64(UInt(bitPattern: pthread_self()))
            #else
            let thread = UInt64(pthread_self())
            #endif
            return stripes[Int(truncatingIfNeeded: (thread &* 0x9E37_79B9_7F4A_7C15) >> 60)]
        }

        /// Opens a transliterator when the pool has none for a key.
        public typealias Opener = @Sendable (String) throws(ICUError) -> Transliterator

        private let entries = Mutex<[String: Entry]>([:])
        private let failures = Mutex<[String: ICUError]>([:])
        private let opener: Opener
        /// Whether keys are ICU's own IDs (so `Any-Latin` is ICU's), not names of compiled rule files.
        private let systemIDs: Bool
        /// Per script code met in `Any-Latin` text: whether ICU has a transliterator from it to Latin.
        private let scriptsToLatin = Mutex<[Int32: Bool]>([:])
        /// A lock per ID (or script) being compiled; see `acquire`.
        private let gates = Mutex<[String: NSLock]>([:])

        private func gate(for key: String) -> NSLock {
            gates.withLock { gates in
                if let gate = gates[key] { return gate }
                let gate = NSLock()
                gates[key] = gate
                return gate
            }
        }

        /// A pool that opens system transliterators by ID, and those Onoma ships as rule files
        /// (``Transliteration/shippedRuleFiles``) from their rules.
        public convenience init() {
            self.init(systemIDs: true) { id throws(ICUError) in
                if let rules = Transliteration.shippedRules(id) { return try Transliterator(name: id, rules: rules) }
                return try Transliterator(id: id)
            }
        }

        /// A pool whose entries come from `opener` (for compiled rule files, keyed by name).
        public convenience init(opener: @escaping Opener) {
            self.init(systemIDs: false, opener: opener)
        }

        private init(systemIDs: Bool, opener: @escaping Opener) {
            self.systemIDs = systemIDs
            self.opener = opener
        }

        /// The process-wide pool of system transliterators.
        public static let shared = TransliteratorPool()

        /// Runs `body` with a transliterator for `key` that no other task uses meanwhile.
        public func withTransliterator<R>(
            _ key: String,
            _ body: (Transliterator) throws(ICUError) -> R
        ) throws(ICUError) -> R {
            let transliterator = try acquire(key)
            defer { release(key, transliterator) }
            return try body(transliterator)
        }

        /// Transliterates `text` with the transliterator for `key`.
        public func transform(_ text: String, with key: String) throws(ICUError) -> String {
            if systemIDs, key == "Any-Latin", anyLatinLeavesAsIs(text) { return text }
            return try withTransliterator(key) { t throws(ICUError) in try t.transform(text) }
        }

        /// Whether ICU's `Any-Latin` would return `text` unchanged: when every letter of it is Latin, or in a
        /// script ICU has no transliterator to Latin for (Chakma, Adlam, Vai, Cherokee, …).
        ///
        /// `Any-Latin` splits the text into runs of one script (Common and Inherited characters join their
        /// neighbours) and, for each run, opens `<script>-Latin`, or else `<script>-Latn;Latn-Latin`, leaving the run
        /// as it is when neither exists (ICU's `AnyTransliterator`). It caches only the transliterators it found: a
        /// script without one costs two failed registry searches on every call, which were a tenth of the batch
        /// job's time on names in such scripts. Here each script is looked up once, the same two ways.
        ///
        /// Every script of the text is looked up, even after one with a transliterator: opening compiles the
        /// script's rules, which `Any-Latin` needs next anyway, behind the script's gate, so that tasks meeting a new
        /// script at once compile its rules once (inside `Any-Latin` each would compile them).
        func anyLatinLeavesAsIs(_ text: String) -> Bool {
            var known = scriptsToLatin.withLock { $0 }
            var asIs = true
            for scalar in text.unicodeScalars {
                let script = Script.of(scalar)
                if script.isNeutral || script == .latin { continue }
                let hasLatin: Bool
                if let found = known[script.code] {
                    hasLatin = found
                } else {
                    let gate = gate(for: "script \(script.code)")
                    gate.lock()
                    if let found = scriptsToLatin.withLock({ $0[script.code] }) {
                        hasLatin = found
                    } else {
                        let short = script.shortName
                        hasLatin = (try? Transliterator(id: short + "-Latin")) != nil
                            || (try? Transliterator(id: short + "-Latn;Latn-Latin")) != nil
                        scriptsToLatin.withLock { $0[script.code] = hasLatin }
                    }
                    gate.unlock()
                    known[script.code] = hasLatin
                }
                if hasLatin { asIs = false }
            }
            return asIs
        }

        private func acquire(_ key: String) throws(ICUError) -> Transliterator {
            if let owned = stripe.free.withLock({ $0[key]?.popLast() }) { return owned.transliterator }
            enum Found: Sendable { case clone(Owned?), missing }
            let found: Found = entries.withLock { entries in
                guard let entry = entries[key] else { return .missing }
                // Cloning reads the prototype only; it is held under the lock so no other clone runs meanwhile.
                return .clone((try? entry.prototype.transliterator.clone()).map(Owned.init))
            }
            switch found {
            case .clone(let owned?):
                return owned.transliterator
            case .clone(nil):
                throw ICUError(code: ICUError.illegalArgument.code, operation: "cloning transliterator \"\(key)\"")
            case .missing:
                if let failure = failures.withLock({ $0[key] }) { throw failure }
                // Opening compiles rules and can take milliseconds: done outside the pool's lock, but behind the
                // key's gate, so that tasks meeting a new ID at once wait for one compilation instead of each
                // compiling the same rules (ICU's registry keeps the compiled rules only once one is done).
                let gate = gate(for: key)
                gate.lock()
                defer { gate.unlock() }
                if entries.withLock({ $0[key] != nil }) || failures.withLock({ $0[key] != nil }) {
                    return try acquire(key)
                }
                let prototype: Transliterator
                do { prototype = try opener(key) } catch {
                    failures.withLock { $0[key] = error }
                    throw error
                }
                let mine = try prototype.clone()
                let owned = Owned(transliterator: prototype)
                entries.withLock { entries in
                    if entries[key] == nil { entries[key] = Entry(prototype: owned) }
                }
                return mine
            }
        }

        private func release(_ key: String, _ transliterator: Transliterator) {
            let owned = Owned(transliterator: transliterator)
            stripe.free.withLock { $0[key, default: []].append(owned) }
        }
    }
}
