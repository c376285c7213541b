import ArgumentParser
import Foundation
import Panel
import Storage
import Web

struct Letters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Invite residents outside the panel by letter: one code per address, a mail-merge CSV and printable letters.",
        discussion: """
            The address file is CSV with a header: straat, huisnummer, postcode, woonplaats (required), toevoeging, buurt, \
            wijk (optional; a buurt alone brings its wijk; without either, the survey's audience is used when that is one \
            buurt or wijk). Every bad line is reported and nothing is issued until the file is right. An address that has \
            a code for the survey already is skipped, so running again for the same street issues no second code.
            Writes adressen.csv (the addresses with code and link, for mail merge) and brieven.html (one A4 letter per \
            address, to print from a browser) to --out. Both hold the codes: delete them once the letters are posted.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The survey id.") var survey: String
    @Option(help: "The CSV file of addresses.") var addresses: String
    @Option(help: "Folder for adressen.csv and brieven.html (default: DATA/letters/SURVEY-TIMESTAMP).") var out: String?

    static let files = (mailMerge: "adressen.csv", letters: "brieven.html")

    func run() async throws {
        let context = try await global.openContext()
        guard let text = try? String(contentsOfFile: addresses, encoding: .utf8) else {
            throw CommandFailure("cannot read \(addresses) as UTF-8 text")
        }
        let parsed: [LetterAddress]
        do { parsed = try AddressImport.parse(text, gemeente: context.gemeente) } catch {
            for issue in error.issues { FileHandle.standardError.write(Data("\(addresses): \(issue)\n".utf8)) }
            throw CommandFailure("\(error.issues.count) problem(s) in \(addresses); no codes were issued")
        }
        let service = LetterService(context: context)
        do { _ = try service.survey(survey) } catch { throw CommandFailure(error.message) }
        let folder = out ?? defaultFolder(context.configuration.dataDirectory)
        try prepare(folder)

        let summary: LetterService.Summary
        do { summary = try await service.issue(surveyID: survey, addresses: parsed) } catch let error as LetterService.LetterError {
            throw CommandFailure(error.message)
        }
        guard !summary.letters.isEmpty else {
            // Nothing to print: leave no empty folder behind.
            if (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true { try? FileManager.default.removeItem(atPath: folder) }
            print("\(survey): 0 codes issued, \(summary.skipped) address(es) skipped (they have a code already); no files written")
            return
        }
        let mailMerge = (folder as NSString).appendingPathComponent(Self.files.mailMerge)
        let letters = (folder as NSString).appendingPathComponent(Self.files.letters)
        do {
            try write(service.mailMergeCSV(summary.letters), to: mailMerge)
            try write(service.lettersHTML(summary), to: letters)
        } catch {
            let retracted = (try? await service.retract(summary)) ?? false
            throw CommandFailure("cannot write the letters to \(folder): \(error.localizedDescription); "
                + (retracted ? "no codes were issued" : "the codes stay issued, but are not in any file"))
        }
        print("\(survey): \(summary.letters.count) codes issued, \(summary.skipped) address(es) skipped (they have a code already)")
        print("written: \(mailMerge)")
        print("written: \(letters)")
        print("short link on the letters: \(context.configuration.codeEntryLink)")
        print("these files hold the codes: delete them once the letters are posted")
    }

    private func defaultFolder(_ dataDirectory: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return ((dataDirectory as NSString).appendingPathComponent("letters") as NSString)
            .appendingPathComponent("\(survey)-\(formatter.string(from: Date()))")
    }

    /// Creates the folder (only its owner may read it: the files hold codes and addresses) and
    /// refuses one that holds letters already, whose codes would otherwise be overwritten and lost.
    private func prepare(_ folder: String) throws {
        let manager = FileManager.default
        for name in [Self.files.mailMerge, Self.files.letters] where manager.fileExists(atPath: (folder as NSString).appendingPathComponent(name)) {
            throw CommandFailure("\(folder) already holds \(name); choose another --out so no earlier codes are overwritten")
        }
        do { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
            throw CommandFailure("cannot create \(folder): \(error.localizedDescription)")
        }
        guard manager.isWritableFile(atPath: folder) else { throw CommandFailure("cannot write to \(folder)") }
    }

    private func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
