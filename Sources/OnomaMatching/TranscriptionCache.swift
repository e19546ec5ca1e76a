import Foundation
import OnomaText

/// A disk cache of transcription keys, so a matcher over a large store starts in a fraction of a second.
///
/// Entries are content-addressed: the key is the convention and the prepared text a term's keys were computed
/// from, the file name carries a fingerprint of the rule tables (the generic-word table among them), the key format,
/// the version of how keys are made from the tables (``TranscriptionRules/keyVersion``) and the ICU version. So one
/// cache serves every store, a changed rule file or key version starts a new cache, and a stale entry cannot exist.
/// (The fuzzy step's edit costs, `edit-costs.tsv`, are not in the fingerprint: they score pairs of keys and do not
/// change any key.)
/// The file lives in `$XDG_CACHE_HOME/onoma/` (or `~/.cache/onoma/`) and is replaced atomically; when it cannot be
/// read or written the keys are simply computed.
struct TranscriptionCache {
    typealias Keys = (keys: [String], skeletons: [String])

    let url: URL?

    init(rules: TranscriptionRules) {
        var hasher = FNV1a()
        hasher.add("\(NameNormalizer.keyFormatVersion)|\(ICU.version)|keys \(TranscriptionRules.keyVersion)|")
        hasher.add(rules.fingerprintSource)
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        url = base.appendingPathComponent("onoma/transcription-\(String(hasher.value, radix: 16)).bin")
    }

    /// A cache in the file at `url` (tests).
    init(url: URL?) {
        self.url = url
    }

    private static let magic = Array("ONOMATC1".utf8)

    /// What a build found in the cache: the keys of its units, and the file as read, to append to.
    struct Loaded {
        /// Per unit asked for, its cached keys, or nil.
        var keys: [Keys?]
        /// The file's bytes when it is a valid cache, else nil.
        fileprivate var file: [UInt8]?
        /// The number of entries in ``file``.
        fileprivate var count = 0
    }

    /// The cached keys of `units` (entry ids: convention, NUL, prepared text).
    ///
    /// Only the entries asked for become strings: the cache serves every store, so it may hold many more entries
    /// than one store needs (a million after a large store's build), and making strings of them all, then freeing
    /// them, cost more than computing a small store's keys.
    func load(units: [String]) -> Loaded {
        var loaded = Loaded(keys: [Keys?](repeating: nil, count: units.count))
        guard let url, let data = try? Data(contentsOf: url), data.count >= 12 else { return loaded }
        let bytes = [UInt8](data)
        guard Array(bytes[0..<8]) == Self.magic else { return loaded }
        // The units asked for, found by their bytes.
        var builder = KeyIndex.Builder(keys: units.count, pairs: units.count)
        for (index, unit) in units.enumerated() { builder.add(unit, entry: Int32(index)) }
        let wantedUnits = builder.finish()
        var found = loaded.keys
        let valid = bytes.withUnsafeBufferPointer { file -> Bool in
            var offset = 8
            func u32() -> Int? {
                guard offset + 4 <= file.count else { return nil }
                defer { offset += 4 }
                return Int(file[offset]) | Int(file[offset + 1]) << 8 | Int(file[offset + 2]) << 16
                    | Int(file[offset + 3]) << 24
            }
            func span() -> UnsafeBufferPointer<UInt8>? {
                guard let length = u32(), offset + length <= file.count else { return nil }
                defer { offset += length }
                return UnsafeBufferPointer(rebasing: file[offset..<(offset + length)])
            }
            guard let count = u32() else { return false }
            for _ in 0..<count {
                guard let unit = span(), let n = u32(), n < 64 else { return false }
                let wanted = wantedUnits.entries(for: unit).first.map(Int.init)
                var keys: [String] = [], skeletons: [String] = []
                for _ in 0..<n {
                    guard let key = span(), let skeleton = span() else { return false }
                    if wanted != nil {
                        keys.append(String(decoding: key, as: UTF8.self))
                        skeletons.append(String(decoding: skeleton, as: UTF8.self))
                    }
                }
                if let wanted { found[wanted] = (keys, skeletons) }
            }
            loaded.count = count
            return offset == file.count
        }
        guard valid else { return loaded }
        loaded.keys = found
        loaded.file = bytes
        return loaded
    }

    /// Writes the entries of `loaded`'s file and `new` ones, replacing the file atomically; failures are ignored
    /// (the cache is an optimization).
    func save(appending new: [(unit: String, keys: Keys)], to loaded: Loaded) {
        guard let url else { return }
        var bytes = Self.magic
        func u32(_ value: Int) {
            bytes.append(UInt8(value & 0xFF))
            bytes.append(UInt8(value >> 8 & 0xFF))
            bytes.append(UInt8(value >> 16 & 0xFF))
            bytes.append(UInt8(value >> 24 & 0xFF))
        }
        func string(_ text: String) {
            u32(text.utf8.count)
            bytes.append(contentsOf: text.utf8)
        }
        if let file = loaded.file {
            bytes.reserveCapacity(file.count + new.count * 64)
            u32(loaded.count + new.count)
            bytes.append(contentsOf: file[12...])  // the stored entries as they are
        } else {
            u32(new.count)
        }
        for (unit, value) in new {
            string(unit)
            u32(value.keys.count)
            for (key, skeleton) in zip(value.keys, value.skeletons) {
                string(key)
                string(skeleton)
            }
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            return
        }
    }
}

/// 64-bit FNV-1a, a stable hash for fingerprints (Swift's `Hasher` is seeded per process).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }
}
