import Foundation
import OnomaText

/// A disk cache of transcription keys, so a matcher over a large store starts in a fraction of a second.
///
/// Entries are content-addressed: the key is the convention and the prepared text a term's keys were computed
/// from, the file name carries a fingerprint of the rule tables (the generic-word table among them), the key format,
/// the version of how keys are made from the tables (``TranscriptionRules/keyVersion``) and the ICU version. So one
/// cache serves every store, a changed rule file or key version starts a new cache, and a stale entry cannot exist.
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

    private static let magic = Array("ONOMATC1".utf8)

    /// The cached entries, empty when there is no usable cache.
    func load() -> [String: Keys] {
        guard let url, let data = try? Data(contentsOf: url), data.count > 12 else { return [:] }
        let bytes = [UInt8](data)
        guard Array(bytes[0..<8]) == Self.magic else { return [:] }
        var offset = 8
        func u32() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            defer { offset += 4 }
            return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
                | Int(bytes[offset + 3]) << 24
        }
        func string() -> String? {
            guard let length = u32(), offset + length <= bytes.count else { return nil }
            defer { offset += length }
            return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        }
        guard let count = u32() else { return [:] }
        var entries: [String: Keys] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let unit = string(), let n = u32(), n < 64 else { return [:] }
            var keys: [String] = [], skeletons: [String] = []
            for _ in 0..<n {
                guard let key = string(), let skeleton = string() else { return [:] }
                keys.append(key)
                skeletons.append(skeleton)
            }
            entries[unit] = (keys, skeletons)
        }
        return entries
    }

    /// Writes `entries`, replacing the file atomically; failures are ignored (the cache is an optimization).
    func save(_ entries: [String: Keys]) {
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
        u32(entries.count)
        for (unit, value) in entries {
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
