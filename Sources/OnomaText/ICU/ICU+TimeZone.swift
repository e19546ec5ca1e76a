internal import CICU

extension ICU {
    /// Time-zone data from ICU's CLDR tables: canonical zone IDs and their localized exemplar cities.
    public enum TimeZone {
        /// Canonical location zone IDs (`Asia/Yerevan`), optionally only those of `region`.
        public static func canonicalZones(region: String = "") throws(ICUError) -> [String] {
            var status: Int32 = 0
            guard let enumeration = cicu_canonical_zones(region, &status), status <= 0 else {
                throw ICUError(code: max(status, 1), operation: "listing time zones")
            }
            defer { cicu_enum_close(enumeration) }
            var zones: [String] = []
            var length: Int32 = 0
            while let id = cicu_enum_next(enumeration, &length, &status), status <= 0 {
                zones.append(String(cString: id))
            }
            try check(status, "listing time zones")
            return zones
        }

        /// A formatter of exemplar city names (ICU pattern `VVV`) in one locale; reuse it across zones.
        ///
        /// Not `Sendable`: an ICU date format is changed by each zone switch.
        public final class ExemplarCityFormatter {
            private let handle: OpaquePointer

            /// Opens the formatter for `locale` (ICU locale ID).
            public init(locale: String) throws(ICUError) {
                let zone = Array("Etc/UTC".utf16)
                let pattern = Array("VVV".utf16)
                var status: Int32 = 0
                guard let handle = cicu_datefmt_open(locale, zone, Int32(zone.count), pattern, Int32(pattern.count),
                                                     &status), status <= 0 else {
                    throw ICUError(code: max(status, 1), operation: "opening date format for \(locale)")
                }
                self.handle = handle
            }

            deinit { cicu_datefmt_close(handle) }

            /// The exemplar city of `zone` (`Asia/Yerevan` → `Erevan` in French).
            public func city(of zone: String) throws(ICUError) -> String {
                let units = Array(zone.utf16)
                var status: Int32 = 0
                cicu_datefmt_set_zone(handle, units, Int32(units.count), &status)
                try check(status, "setting zone \(zone)")
                return try string(capacity: 48, "formatting exemplar city") { buffer, capacity, status in
                    cicu_datefmt_format(handle, 0, buffer, capacity, &status)
                }
            }
        }
    }
}
