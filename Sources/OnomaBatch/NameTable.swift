import Foundation
import OnomaText

/// An open-addressing hash table from a name's UTF-8 bytes to a value and a run of payload bytes: the batch job's
/// cache of results per distinct name, whose payload is the name's whole encoded output line.
///
/// The names' bytes and their payloads sit back to back in one arena and a look-up hashes the caller's bytes in
/// place, so neither a look-up nor an entry allocates a key of its own (a `Dictionary` keyed by byte arrays
/// allocated one array per row and hashed it with SipHash). A hit hands back the entry's number, and the payload is
/// read from the arena, so a repeated name's output line is copied without touching its value (no reference count
/// changes on shared objects, which two workers hitting the same common names would contend for). Keys are compared
/// by bytes: byte equality is what "the same input" means here.
struct NameTable<Value> {
    // MARK: - Stored state

    private var bytes: [UInt8] = []
    /// What a probe reads of an entry, together: one cache miss instead of one per array.
    private struct Entry {
        var hash: UInt64
        /// The name is `bytes[start..<nameEnd]`, the payload `bytes[nameEnd..<end]`.
        var start: Int
        var nameEnd: Int
        var end: Int
        var flag: Bool
    }
    private var entries: [Entry] = []
    /// The values, by entry number.
    private(set) var values: [Value] = []
    /// Entry numbers by hash.
    private var slots = HashSlots()

    // MARK: - API

    /// The number of names held.
    var count: Int { values.count }

    /// The bytes held (names and payloads), for the memory bound.
    var byteCount: Int { bytes.count }

    /// The hash a name is looked up and stored under.
    @inline(__always)
    static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.hash(name, seed: 0x6E61_6D65) }

    /// The entry number of `name` (whose ``hash(_:)`` is `hash`), if held.
    @inline(__always)
    func find(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        if values.isEmpty { return nil }
        return entries.withUnsafeBufferPointer { entries in
            bytes.withUnsafeBufferPointer { all in
                slots.first(hash: hash) { index in
                    let e = entries[index]
                    guard e.hash == hash, e.nameEnd - e.start == name.count else { return false }
                    return name.isEmpty || memcmp(all.baseAddress! + e.start, name.baseAddress!, name.count) == 0
                }
            }
        }
    }

    /// The value stored for `name` (whose ``hash(_:)`` is `hash`), if held.
    func value(for name: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        find(name, hash: hash).map { values[$0] }
    }

    /// The flag stored with entry `entry` (the batch job marks error results with it).
    @inline(__always)
    func flag(_ entry: Int) -> Bool { entries[entry].flag }

    /// Appends entry `entry`'s payload to `output`.
    @inline(__always)
    func appendPayload(_ entry: Int, to output: inout [UInt8]) {
        let start = entries[entry].nameEnd
        let end = entries[entry].end
        bytes.withUnsafeBufferPointer { all in
            output.append(contentsOf: UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// Stores `value` and `payload` for `name` (whose ``hash(_:)`` is `hash`); the name must not be held yet.
    ///
    /// - Returns: the new entry's number.
    @discardableResult
    mutating func insert(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Value,
                         payload: UnsafeBufferPointer<UInt8>, flag: Bool = false) -> Int
    {
        if slots.needsGrowth(toHold: values.count) { grow() }
        let start = bytes.count
        bytes.append(contentsOf: name)
        let nameEnd = bytes.count
        bytes.append(contentsOf: payload)
        entries.append(Entry(hash: hash, start: start, nameEnd: nameEnd, end: bytes.count, flag: flag))
        values.append(value)
        slots.place(values.count - 1, hash: hash)
        return values.count - 1
    }

    /// Stores `value` under `name` with no payload; the name must not be held yet.
    mutating func insert(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Value) {
        insert(name, hash: hash, value: value, payload: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// Calls `body` with entry `entry`'s name and payload.
    func withEntry<R>(_ entry: Int,
                      _ body: (_ name: UnsafeBufferPointer<UInt8>, _ payload: UnsafeBufferPointer<UInt8>) -> R) -> R
    {
        bytes.withUnsafeBufferPointer { all in
            let e = entries[entry]
            return body(UnsafeBufferPointer(rebasing: all[e.start..<e.nameEnd]),
                        UnsafeBufferPointer(rebasing: all[e.nameEnd..<e.end]))
        }
    }

    /// Entry `entry`'s hash.
    func hash(of entry: Int) -> UInt64 { entries[entry].hash }

    // MARK: - Private

    private mutating func grow() {
        slots.grow()
        for entry in entries.indices { slots.place(entry, hash: entries[entry].hash) }
    }
}

extension NameTable: Sendable where Value: Sendable {}
