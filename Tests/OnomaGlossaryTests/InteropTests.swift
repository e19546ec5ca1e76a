import Foundation
import OnomaGlossary
import OnomaText
import TestResources
import Testing

/// Our exports against real third-party readers; each test is skipped when its tool is not installed.
///
/// Tools (Debian and PyPI packages): `xmllint` (libxml2-utils) with the TBX schema inside OmegaT's jar (omegat),
/// `python3` with translate-toolkit (pip), and `java`/`javac` (a JDK) for OmegaT's own glossary readers.
@Suite struct InteropTests {
    static let omegatJar = ProcessInfo.processInfo.environment["OMEGAT_JAR"] ?? "/usr/share/omegat/OmegaT.jar"
    static let hasOmegaT = FileManager.default.fileExists(atPath: omegatJar)
    static let hasXmllint = Tool.find("xmllint") != nil && Tool.find("python3") != nil && hasOmegaT
    static let hasTranslateToolkit = Tool.find("python3") != nil
        && (try? Tool.run("python3", ["-c", "import translate.storage.tbx"]).status) == 0
    static let hasCSV2TBX = hasTranslateToolkit && Tool.find("csv2tbx") != nil
    static let hasJava = Tool.find("java") != nil && Tool.find("javac") != nil && hasOmegaT

    /// The sample concepts that TBX can validly hold (the schema wants at least one language per entry).
    static var exportable: [Concept] { Samples.rich.filter { !$0.terms.isEmpty } }

    @Test(.enabled(if: hasXmllint, "needs xmllint (libxml2-utils), python3 and OmegaT.jar (omegat)"))
    func xmllintValidatesTBXv2AgainstOmegaTsSchema() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // OmegaT ships its TBX schema (and the xml.xsd it imports) inside the jar.
        let extract = try Tool.run("python3", ["-c", """
            import sys, zipfile
            zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2], ["schemas/tbx.xsd", "schemas/xml.xsd"])
            """, Self.omegatJar, directory.path])
        try #require(extract.status == 0, "\(extract.stderr)")
        let schema = directory.appendingPathComponent("schemas/tbx.xsd").path

        for options in [GlossaryExportOptions(), GlossaryExportOptions(from: Samples.en, to: Samples.fr),
                        GlossaryExportOptions(statuses: [.deprecated])] {
            let file = directory.appendingPathComponent("export.tbx")
            try Data(GlossaryWriter.write(Self.exportable, format: .tbx, options: options).utf8).write(to: file)
            let result = try Tool.run("xmllint", ["--noout", "--schema", schema, file.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("validates"), "\(result.stderr)")
        }
        // The schema does reject what it should, so the check above can fail.
        let broken = directory.appendingPathComponent("broken.tbx")
        let text = GlossaryWriter.write(Self.exportable, format: .tbx, options: GlossaryExportOptions())
        try Data(text.replacingOccurrences(of: "<term>", with: "<bogus/><term>").utf8).write(to: broken)
        #expect(try Tool.run("xmllint", ["--noout", "--schema", schema, broken.path]).status != 0)
    }

    @Test(.enabled(if: hasTranslateToolkit, "needs python3 with translate-toolkit (pip install translate-toolkit)"))
    func translateToolkitReadsOurTBX() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("en-fr.tbx")
        let options = GlossaryExportOptions(from: Samples.en, to: Samples.fr)
        try Data(GlossaryWriter.write(Self.exportable, format: .tbx, options: options).utf8).write(to: file)
        let result = try Tool.run("python3", ["-c", """
            import json, sys
            from translate.storage import tbx
            store = tbx.tbxfile.parsefile(sys.argv[1])
            print(json.dumps([[unit.getid(), unit.source, unit.target] for unit in store.units], ensure_ascii=False))
            """, file.path])
        try #require(result.status == 0, "\(result.stderr)")
        let units = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]])
        #expect(units.count == 6)
        #expect(units.contains(["c-nikol-pashinyan", "Nikol Pashinyan", "Nikol Pachinian"]))
        #expect(units.contains(["c-yerevan", "Yerevan", "Erevan"]))
        #expect(units.contains(["c-nagorno-karabakh", "Nagorno-Karabakh", "Haut-Karabakh"]))
        #expect(units.contains(["c-nato", "North Atlantic Treaty Organization", "OTAN"]))
        #expect(units.contains(["c-armenian", "Armenian", "arménien"]))
        #expect(units.contains(["c-formula.cells_1", "=SUM(1)", "comma, inside"]))
    }

    @Test(.enabled(if: hasCSV2TBX, "needs translate-toolkit's csv2tbx on PATH (pip install translate-toolkit)"))
    func translateToolkitsCSV2TBXOutputImports() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("in.csv")
        let tbx = directory.appendingPathComponent("out.tbx")
        try Data(#"""
            source,target
            Yerevan,Erevan
            Nagorno-Karabakh,Haut-Karabakh
            NATO,OTAN
            "Pashinyan, Nikol",Nikol Pachinian
            AT&T <x>,"Armenian ""quotes"""

            """#.utf8).write(to: csv)
        let result = try Tool.run("csv2tbx", [csv.path, tbx.path])
        try #require(result.status == 0, "\(result.stderr)")
        let bytes = Array(try Data(contentsOf: tbx))

        // csv2tbx tags the target language "xx", its placeholder for "unknown": refused, with the place to fix.
        do {
            _ = try GlossaryReader.read(bytes, file: "out.tbx", format: .tbx)
            Issue.record("xml:lang=\"xx\" was accepted")
        } catch {
            #expect(error.code == .unknownLanguage)
            #expect(error.message.contains("xx"))
            let line = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .dropFirst(error.line - 1).first.map(String.init) ?? ""
            #expect(line.contains("xml:lang=\"xx\""), "the error names the line of the first xx: \(line)")
        }

        // With the target language set, as a user would, every entry imports.
        let fixed = String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "xml:lang=\"xx\"", with: "xml:lang=\"fr\"")
        let concepts = try GlossaryReader.read(Array(fixed.utf8), file: "out.tbx", format: .tbx)
        #expect(concepts.map(\.id) == ["yerevan", "nagorno-karabakh", "nato", "pashinyan-nikol", "at-t-x"])
        #expect(concepts.map { $0.canonicalTerm(in: Samples.en)?.text } == [
            "Yerevan", "Nagorno-Karabakh", "NATO", "Pashinyan, Nikol", "AT&T <x>",
        ])
        #expect(concepts.map { $0.canonicalTerm(in: Samples.fr)?.text } == [
            "Erevan", "Haut-Karabakh", "OTAN", "Nikol Pachinian", "Armenian \"quotes\"",
        ])
        #expect(concepts.allSatisfy { $0.type == .term })
    }

    @Test(.enabled(if: hasJava, "needs java, javac and OmegaT.jar (omegat)"))
    func omegatsOwnReadersReadOurExports() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("ReadGlossary.java")
        try Data(Self.readGlossaryJava.utf8).write(to: source)
        // Without it each JVM writes its pid file in /tmp/hsperfdata_<user>, a folder that stays after the run.
        let noPerfData = "-XX:-UsePerfData"
        let compile = try Tool.run("javac", ["-J" + noPerfData, "-encoding", "UTF-8", "-cp", Self.omegatJar,
                                             "-d", directory.path, source.path])
        try #require(compile.status == 0, "\(compile.stderr)")
        let classpath = Self.omegatJar + ":" + directory.path
        let home = "-Duser.home=" + directory.appendingPathComponent("home").path
        let options = GlossaryExportOptions(from: Samples.en, to: Samples.fr)

        // The OmegaT glossary export, read by GlossaryReaderTSV.
        let utf8 = directory.appendingPathComponent("glossary.utf8")
        try Data(GlossaryWriter.write(Samples.rich, format: .omegat, options: options).utf8).write(to: utf8)
        let tsv = try Tool.run("java", [noPerfData, home, "-cp", classpath, "ReadGlossary", "tsv", utf8.path])
        try #require(tsv.status == 0, "\(tsv.stderr)")
        let tsvLines = tsv.stdout.split(separator: "\n").map(String.init)
        #expect(tsvLines.contains("Nikol Pashinyan\tNikol Pachinian\tperson; Prime Minister of Armenia since 2018."))
        #expect(tsvLines.contains("NATO\tOrganisation du traité de l’Atlantique nord\torganization"))
        #expect(tsvLines.contains { $0.hasPrefix(" #hashtag\tcomma, inside\t") }, "the #-term is not a comment")
        #expect(tsvLines.count == GlossaryWriter.write(Samples.rich, format: .omegat, options: options)
            .split(separator: "\n").count)

        // The TBX v2 export, read by GlossaryReaderTBX for an en → fr project.
        let tbxFile = directory.appendingPathComponent("glossary.tbx")
        try Data(GlossaryWriter.write(Self.exportable, format: .tbx, options: options).utf8).write(to: tbxFile)
        let tbx = try Tool.run("java", [noPerfData, home, "-cp", classpath, "ReadGlossary", "tbx", tbxFile.path,
                                        "en", "fr"])
        try #require(tbx.status == 0, "\(tbx.stderr)")
        let pairs = Set(tbx.stdout.split(separator: "\n").map {
            $0.split(separator: "\t").prefix(2).joined(separator: "\t")
        })
        #expect(pairs.isSuperset(of: [
            "Yerevan\tErevan", "Yerevan\tÉrevan", "Nikol Pashinyan\tNikol Pachinian", "Pashinyan\tPachinian",
            "Nagorno-Karabakh\tHaut-Karabakh", "Nagorno-Karabakh\tKarabagh", "NATO\tOTAN",
        ]), "\(tbx.stdout)")
        #expect(tbx.stdout.contains("type: person"), "the concept type shows as a comment")
    }

    /// Prints what OmegaT's own glossary readers find, one `source<TAB>target<TAB>comment` line per entry.
    static let readGlossaryJava = """
        import java.io.File;
        import java.io.FileDescriptor;
        import java.io.FileOutputStream;
        import java.io.PrintStream;
        import java.lang.reflect.Proxy;
        import java.util.List;
        import org.omegat.core.Core;
        import org.omegat.core.data.IProject;
        import org.omegat.core.data.ProjectProperties;
        import org.omegat.gui.glossary.GlossaryEntry;
        import org.omegat.gui.glossary.GlossaryReaderTBX;
        import org.omegat.gui.glossary.GlossaryReaderTSV;

        public class ReadGlossary {
            public static void main(String[] args) throws Exception {
                File file = new File(args[1]);
                List<GlossaryEntry> entries;
                if (args[0].equals("tbx")) {
                    // GlossaryReaderTBX asks the open project for its languages.
                    ProjectProperties properties = new ProjectProperties() {};
                    properties.setSourceLanguage(args[2]);
                    properties.setTargetLanguage(args[3]);
                    IProject project = (IProject) Proxy.newProxyInstance(IProject.class.getClassLoader(),
                        new Class<?>[] { IProject.class },
                        (proxy, method, arguments) ->
                            method.getName().equals("getProjectProperties") ? properties : null);
                    Core.setProject(project);
                    entries = GlossaryReaderTBX.read(file, false);
                } else {
                    entries = GlossaryReaderTSV.read(file, false);
                }
                // UTF-8 whatever the locale: without LANG, Java prints accented letters as '?'.
                PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
                for (GlossaryEntry entry : entries) {
                    out.println(entry.getSrcText() + "\\t" + entry.getLocText() + "\\t"
                        + entry.getCommentText().replace('\\n', ' '));
                }
            }
        }
        """
}

/// Runs command-line tools for the interop tests.
enum Tool {
    /// The outcome of a run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The path of `name` on `PATH`, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `name` with `arguments`, output captured through files (no pipe can fill up and block).
    static func run(_ name: String, _ arguments: [String]) throws -> Result {
        guard let executable = find(name) else {
            return Result(status: 127, stdout: "", stderr: "\(name): not found")
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout")
        let err = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// A new empty directory among the test process's temporary files (see `TemporaryFiles`).
    static func temporaryDirectory() throws -> URL {
        try TemporaryFiles.directory("interop")
    }
}
