package import Foundation

package extension Bundle {
    /// The `Rules` folder a module ships its data tables in (`resources: [.copy("Rules")]`): where the bundle says it
    /// is, else inside the bundle's own folder, where SwiftPM's copy puts it.
    var rulesFolder: URL {
        url(forResource: "Rules", withExtension: nil) ?? bundleURL.appendingPathComponent("Rules")
    }
}
