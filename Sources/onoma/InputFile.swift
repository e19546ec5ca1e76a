import Foundation

/// A text input named on the command line: a file, or standard input for `-`.
struct InputFile {
    /// The name used in messages: the path, or `<stdin>`.
    var name: String
    var handle: FileHandle
    /// The size in bytes, when it is a file (for progress bars).
    var size: Int?

    /// Opens `path`; a missing or unreadable file is a ``CommandFailure`` with exit status 66 (EX_NOINPUT).
    init(_ path: String) throws {
        if path == "-" {
            self.init(name: "<stdin>", handle: .standardInput, size: nil)
            return
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandFailure("\(path): cannot open (no such file, or not readable)", status: 66)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int
        self.init(name: path, handle: handle, size: size)
    }

    private init(name: String, handle: FileHandle, size: Int?) {
        self.name = name
        self.handle = handle
        self.size = size
    }
}
