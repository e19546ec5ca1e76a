internal import CICU
import Foundation
import Synchronization

/// ICU's own transliterators, run on the native rule engine (``NativeTransform``) where it compiles their rules.
///
/// ICU 72 takes one process-wide lock for every call of a rule-based transliterator, and compiles rules slowly and
/// one at a time (`Han-Latin`'s 1,470 rules over ~45,000 ideographs took ~80 ms, most of the first chunk of a batch
/// of names in which Chinese and Japanese names appear). Before ICU opens a transliterator by ID
/// (``ICU/Transliterator/init(id:reverse:)`` calls ``prepare(_:)``), the transliterators it may use are looked up in
/// ICU's `translit` data: when the native engine compiles one's rule text, ICU's registry gets, under the same ID, a
/// compound that runs the rule blocks natively and the other steps (`::Han-Spacedhan ;`, `::NFC ;`, a global filter)
/// in ICU exactly as ICU's compound would. ICU's `Any-Latin`, which dispatches runs of each script to
/// `<Script>-Latin`, then reaches the native rules too, with the same contexts. Rules the engine cannot compile stay
/// ICU's, decided once per ID.
///
/// `NativeTransliteratorTests` checks each native ID against ICU's transliterator compiled from the same rule text
/// on the shipped glossaries' terms, and `onoma normalize` with and without the native rules on the same terms.
/// Setting the environment variable `ONOMA_ICU_TRANSLITERATORS` (to anything) keeps every transliterator ICU's.
package enum NativeTransliterators {
    /// The IDs the normalizer may ask ICU for whose rules are tried natively: its own choices, and the steps of the
    /// `<Script>-Latin` transliterators that ICU's `Any-Latin` uses for the scripts of the shipped glossaries (ICU's
    /// compounds open their steps by ID, so they get native ones where registered).
    static var candidates: [String] {
        let indic = [
            "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam",
        ]
        let anyLatinSteps = indic.map { $0 + "-InterIndic" } + [
            "InterIndic-Latin", "ConjoiningJamo-Latin", "Thai-ThaiSemi", "Thai-ThaiLogical", "ThaiLogical-Latin",
            "Ethiopic-Latin/Beta_Metsehaf", "Myanmar-Latin",
        ]
        // Onoma's own transliterators are compiled from their files by the pool, not found in ICU's data.
        let own = (Transliteration.byLanguage.values.map(\.id) + Transliteration.byScript.values)
            .filter { Transliteration.shippedRuleFiles[$0] == nil }
        return Set(own + anyLatinSteps).sorted()
    }

    /// The IDs served by the native engine (all candidates are tried first).
    package static var native: [String] {
        installAll()
        return state.withLock { $0.installed.map(\.id).sorted() }
    }

    /// What has been registered: the IDs tried, and those that compiled, whose rules ICU's registry refers to for the
    /// life of the process.
    private struct State {
        var tried: Set<String> = []
        var all = false
        var installed: [(id: String, transform: NativeTransform)] = []
    }

    /// Held while compiling, so that a caller who needs an ID being compiled waits for it rather than opening ICU's.
    private static let state = Mutex(State())

    private static let disabled = ProcessInfo.processInfo.environment["ONOMA_ICU_TRANSLITERATORS"] != nil

    /// Registers what ICU may need to open `id` natively, before it does: `id` alone when it is a candidate (one
    /// compile of a few milliseconds: a one-name `onoma lookup` does not pay for the rest), every candidate for
    /// anything else (`Any-Latin`, `Hani-Latin`, compounds reach other candidates inside ICU).
    package static func prepare(_ id: String) {
        if disabled || standalone.contains(id) { return }
        if candidateSet.contains(id) {
            state.withLock { state in
                guard !state.all, !state.tried.contains(id) else { return }
                state.tried.insert(id)
                if let transform = compile(id), register(id, transform) {
                    state.installed.append((id, transform))
                }
            }
        } else {
            installAll()
        }
    }

    /// Registers every candidate that compiles.
    package static func installAll() {
        if disabled { return }
        state.withLock { state in
            guard !state.all else { return }
            state.all = true
            let ids = candidates.filter { !state.tried.contains($0) }
            // Compiled side by side, longest rule text first (`Han-Latin`'s 164 KB is half of the ~60 ms of CPU:
            // started last, it kept the batch's workers waiting while the other thread had nothing left to do), and
            // registered in order afterwards.
            let sources = ids.map { (id: $0, source: ruleSource($0)) }
                .sorted { ($0.source?.rules.utf16.count ?? 0) > ($1.source?.rules.utf16.count ?? 0) }
            let compiled = Mutex<[String: NativeTransform]>([:])
            DispatchQueue.concurrentPerform(iterations: sources.count) { n in
                if let source = sources[n].source, let transform = compile(source) {
                    compiled.withLock { $0[sources[n].id] = transform }
                }
            }
            let transforms = compiled.withLock { $0 }
            for id in ids {
                state.tried.insert(id)
                guard let transform = transforms[id], register(id, transform) else { continue }
                state.installed.append((id, transform))
            }
        }
    }

    /// Starts ``installAll()`` on another thread, so that the compilation overlaps the caller's start-up (the batch
    /// job reading its first rows); whoever opens a transliterator meanwhile waits for it to finish.
    package static func installInBackground() {
        if disabled { return }
        DispatchQueue.global(qos: .userInitiated).async { installAll() }
    }

    private static let candidateSet = Set(candidates)

    /// ICU transliterators that open no rule-based ones: the transcription tables' `::NFC ;`, `::Lower ;`,
    /// `::Latin-ASCII ;` (on the linker's path) need nothing registered first.
    private static let standalone: Set<String> = [
        "Any-NFC", "Any-NFD", "Any-NFKC", "Any-NFKD", "Any-Lower", "Any-Upper", "NFC", "NFD", "Lower", "Latin-ASCII",
    ]

    /// The native compilation of `id`'s rules; nil when ICU has none for it, compiles them in reverse, or the engine
    /// cannot compile them, or they have no rule block (nothing to gain).
    private static func compile(_ id: String) -> NativeTransform? {
        ruleSource(id).flatMap(compile)
    }

    /// The native compilation of the rule text ICU has for an ID, on the same terms.
    private static func compile(_ source: (rules: String, reverse: Bool)) -> NativeTransform? {
        guard !source.reverse, let transform = NativeTransform(compiling: source.rules),
              transform.passes.contains(where: { if case .rules = $0 { true } else { false } })
        else { return nil }
        return transform
    }

    /// The rule text ICU compiles for `id`, and whether it compiles it in reverse; nil when the ID has none.
    package static func ruleSource(_ id: String) -> (rules: String, reverse: Bool)? {
        var reverse: Int32 = 0
        guard let rules = try? ICU.string(capacity: 4096, "reading the rules of \(id)", { buffer, capacity, status in
            cicu_trans_rule_source(id, buffer, capacity, &reverse, &status)
        }) else { return nil }
        return (rules, reverse != 0)
    }

    /// Registers `transform` with ICU under `id`; false when ICU refuses one of its steps.
    private static func register(_ id: String, _ transform: NativeTransform) -> Bool {
        let systemIDs = transform.passes.map { pass in pass.systemID.map { Array($0.utf16) + [0] } }
        let contexts = transform.passes.map { pass -> UnsafeMutableRawPointer? in
            // Retained for good: ICU's registry keeps the compound for the life of the process.
            if case .rules(let phase) = pass { Unmanaged.passRetained(phase).toOpaque() } else { nil }
        }
        let idUnits = Array(id.utf16)
        let filter = transform.filter.map { Array($0.utf16) }
        var status: Int32 = 0
        let pointers = systemIDs.map { units -> UnsafeMutablePointer<UInt16>? in
            guard let units else { return nil }
            let pointer = UnsafeMutablePointer<UInt16>.allocate(capacity: units.count)
            pointer.initialize(from: units, count: units.count)
            return pointer
        }
        defer { for pointer in pointers { pointer?.deallocate() } }
        let ok = pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { ids in
            contexts.withUnsafeBufferPointer { contexts in
                (filter ?? []).withUnsafeBufferPointer { units in
                    cicu_trans_register_native(idUnits, Int32(idUnits.count), Int32(ids.count), ids.baseAddress!,
                                               contexts.baseAddress!, runStage,
                                               filter == nil ? nil : units.baseAddress, Int32(units.count), &status)
                }
            }
        }
        return ok == 1 && status <= 0
    }
}

/// Runs a native rule block for ICU (see `cicu_native_stage`): `text[start..<limit]` (UTF-16 offsets) rewritten, with
/// the rest of `text` as its contexts.
private func runStage(_ context: UnsafeMutableRawPointer, _ text: UnsafePointer<UInt16>, _ length: Int32,
                      _ start: Int32, _ limit: Int32, _ sink: OpaquePointer) {
    let phase = Unmanaged<NativeTransform.Phase>.fromOpaque(context).takeUnretainedValue()
    var scalars: [UInt32] = []
    scalars.reserveCapacity(Int(length))
    var startIndex = 0
    var limitIndex = 0
    var i = 0
    let n = Int(length)
    while i < n {
        if i == Int(start) { startIndex = scalars.count }
        if i == Int(limit) { limitIndex = scalars.count }
        let unit = UInt32(text[i])
        if unit & 0xFC00 == 0xD800, i + 1 < n, UInt32(text[i + 1]) & 0xFC00 == 0xDC00 {
            scalars.append(0x10000 + ((unit - 0xD800) << 10) + (UInt32(text[i + 1]) - 0xDC00))
            i += 2
        } else {
            scalars.append(unit)  // a lone surrogate stays itself, as in ICU's UnicodeString
            i += 1
        }
    }
    if Int(start) >= n { startIndex = scalars.count }
    if Int(limit) >= n { limitIndex = scalars.count }
    var out: [UInt32] = []
    phase.run(&scalars, start: startIndex, limit: limitIndex, into: &out)
    var units: [UInt16] = []
    units.reserveCapacity(out.count - startIndex + 8)
    for c in out[startIndex...] {
        if c >= 0x10000 {
            units.append(UInt16(0xD800 + ((c - 0x10000) >> 10)))
            units.append(UInt16(0xDC00 + ((c - 0x10000) & 0x3FF)))
        } else {
            units.append(UInt16(c))
        }
    }
    cicu_native_sink_append(sink, units, Int32(units.count))
}
