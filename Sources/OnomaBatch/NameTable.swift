import Foundation
import OnomaText

/// An open-addressing hash table from a name's UTF-8 bytes to a value and a run of payload bytes: the batch job's
/// cache of results per distinct name, whose payload is the name's whole encoded output line.
///
/// Each entry is one record in a byte arena: a header (the hash, the entry's number, the name's and the payload's
/// byte counts and a flag), the name, then the payload; the hash slots hold the records' offsets. A look-up hashes
/// the caller's bytes in place and reads one record, so a hit costs the slot and the record (whose payload follows
/// the name it compared), and neither a look-up nor an entry allocates (a `Dictionary` keyed by byte arrays
/// allocated one array per row and hashed it with SipHash). A hit hands back the entry's number and copies the
/// payload without touching the value: no reference count changes on shared objects, which workers hitting the same
/// common names would contend for. Keys are compared by bytes: byte equality is what "the same input" means here.
///
/// Offsets are 32-bit (``HashSlots``): the batch job keeps the arena far below 4 GB (it empties the cache past
/// ``BatchNormalizer/cacheByteLimit`` and reads chunks of at most ``RowReader/chunkByteLimit`` bytes of names).
struct NameTable<Value> {
    // MARK: - Stored state

    private var bytes: [UInt8] = []
    /// Entry `e`'s record starts at `bytes[offsets[e]]`.
    private var offsets: [Int] = []
    /// The values, by entry number.
    private(set) var values: [Value] = []
    /// Record offsets by hash.
    private var slots = HashSlots()

    /// Header layout: hash (8 bytes), entry number (4), name byte count (4), payload byte count with the flag in its
    /// top bit (4); unaligned, in the machine's byte order.
    private static var headerSize: Int { 20 }
    private static var flagBit: UInt32 { 0x8000_0000 }

    // MARK: - API

    /// The number of names held.
    var count: Int { values.count }

    /// The bytes held (names, payloads and headers), for the memory bound.
    var byteCount: Int { bytes.count }

    /// The hash a name is looked up and stored under.
    @inline(__always)
    static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 { ByteHash.hash(name, seed: 0x6E61_6D65) }

    /// Looks `name` (whose ``hash(_:)`` is `hash`) up; when held, appends its payload to `output` if `copy` is set
    /// and returns its entry number and flag.
    @inline(__always)
    func lookup(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64, copyingPayloadTo output: inout [UInt8],
                copy: Bool) -> (entry: Int, flag: Bool)?
    {
        if values.isEmpty { return nil }
        return bytes.withUnsafeBufferPointer { all -> (entry: Int, flag: Bool)? in
            let base = UnsafeRawPointer(all.baseAddress!)
            let found = slots.first(hash: hash) { offset in
                let record = base + offset
                guard record.loadUnaligned(as: UInt64.self) == hash,
                      Int(record.loadUnaligned(fromByteOffset: 12, as: UInt32.self)) == name.count
                else { return false }
                return name.isEmpty || memcmp(record + Self.headerSize, name.baseAddress!, name.count) == 0
            }
            guard let offset = found else { return nil }
            let record = base + offset
            let entry = Int(record.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            let tail = record.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
            if copy {
                let start = all.baseAddress! + offset + Self.headerSize + name.count
                output.append(contentsOf: UnsafeBufferPointer(start: start, count: Int(tail & ~Self.flagBit)))
            }
            return (entry, tail & Self.flagBit != 0)
        }
    }

    /// The entry number of `name` (whose ``hash(_:)`` is `hash`), if held.
    func find(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        var none: [UInt8] = []
        return lookup(name, hash: hash, copyingPayloadTo: &none, copy: false)?.entry
    }

    /// The value stored for `name` (whose ``hash(_:)`` is `hash`), if held.
    func value(for name: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        find(name, hash: hash).map { values[$0] }
    }

    /// Stores `value`, `payload` and `flag` for `name` (whose ``hash(_:)`` is `hash`); the name must not be held yet.
    ///
    /// - Returns: the new entry's number.
    @discardableResult
    mutating func insert(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Value,
                         payload: UnsafeBufferPointer<UInt8>, flag: Bool = false) -> Int
    {
        let offset = bytes.count
        let entry = values.count
        precondition(offset < Int(UInt32.max) - 1 && payload.count < Int(Self.flagBit), "name table over 4 GB")
        if slots.needsGrowth(toHold: entry) { grow() }
        withUnsafeBytes(of: hash) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(entry)) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(name.count)) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(payload.count) | (flag ? Self.flagBit : 0)) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: name)
        bytes.append(contentsOf: payload)
        offsets.append(offset)
        values.append(value)
        slots.place(offset, hash: hash)
        return entry
    }

    /// Stores `value` under `name` with no payload; the name must not be held yet.
    mutating func insert(_ name: UnsafeBufferPointer<UInt8>, hash: UInt64, value: Value) {
        insert(name, hash: hash, value: value, payload: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// Calls `body` with entry `entry`'s name, payload, hash and flag.
    func withEntry<R>(_ entry: Int, _ body: (_ name: UnsafeBufferPointer<UInt8>, _ payload: UnsafeBufferPointer<UInt8>,
                                            _ hash: UInt64, _ flag: Bool) -> R) -> R
    {
        bytes.withUnsafeBufferPointer { all in
            let offset = offsets[entry]
            let record = UnsafeRawPointer(all.baseAddress! + offset)
            let nameCount = Int(record.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            let tail = record.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
            let name = all.baseAddress! + offset + Self.headerSize
            return body(UnsafeBufferPointer(start: name, count: nameCount),
                        UnsafeBufferPointer(start: name + nameCount, count: Int(tail & ~Self.flagBit)),
                        record.loadUnaligned(as: UInt64.self), tail & Self.flagBit != 0)
        }
    }

    // MARK: - Private

    private mutating func grow() {
        slots.grow()
        bytes.withUnsafeBytes { all in
            for offset in offsets { slots.place(offset, hash: all.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        }
    }
}

extension NameTable: Sendable where Value: Sendable {}
