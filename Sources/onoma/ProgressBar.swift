import Foundation

/// A one-line progress display on standard error, shown only when standard error is a terminal.
final class ProgressBar {
    private let enabled: Bool
    private var lastDraw = Date.distantPast

    init(enabled: Bool) {
        self.enabled = enabled && isatty(2) == 1
    }

    func update(rows: Int, bytes: Int, total: Int?) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        var line = "\r\u{1B}[K\(rows) rows"
        if let total, total > 0 {
            let fraction = min(1, Double(bytes) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            line += "  [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                + "] \(Int(fraction * 100))%"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish(rows: Int, errors: Int, distinct: Int, seconds: Double) {
        guard enabled else { return }
        clear()
        let rate = seconds > 0 ? Int(Double(rows) / seconds) : rows
        let text = "\(rows) rows (\(distinct) distinct, \(errors) with errors) in \(String(format: "%.2f", seconds)) s, \(rate) rows/s\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
