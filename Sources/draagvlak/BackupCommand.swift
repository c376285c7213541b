import ArgumentParser
import Foundation
import Storage
import Web

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE while the server keeps running; prints what was copied.",
        discussion: """
            Uses SQLite's online backup API: the copy is the database as it stood at one moment, checked \
            with PRAGMA integrity_check before it is put in place. The outbox key (outbox.key in the data \
            folder) is not in the copy; keep it apart from the backups. See "Backup and restore" in the README.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Where to write the copy; an existing file is kept unless --force.") var file: String
    @Flag(help: "Replace FILE if it exists.") var force = false

    func run() async throws {
        let configuration = try global.configuration()
        let source = configuration.databasePath
        // Opening would create an empty database, and a backup of nothing is worse than an error.
        guard FileManager.default.fileExists(atPath: source) else { throw CommandFailure("there is no database at \(source)") }
        if !force, FileManager.default.fileExists(atPath: file) {
            throw CommandFailure("\(file) exists; choose another name, or add --force to replace it")
        }
        let summary: BackupSummary
        do {
            let database = try DraagvlakDatabase(path: source)
            defer { try? database.close() }
            summary = try await database.backup(to: file, replacing: force)
        } catch {
            throw CommandFailure("\(error)")
        }
        let megabytes = String(format: "%.1f", Double(summary.bytes) / 1_048_576)
        print("backed up \(source) to \(file): \(summary.pages) pages, \(megabytes) MB, integrity \(summary.integrity)")
        let width = summary.rowCounts.map(\.table.count).max() ?? 0
        for count in summary.rowCounts {
            print("  \(count.table.padding(toLength: width, withPad: " ", startingAt: 0))  \(count.rows)")
        }
        print("not in the backup: \((configuration.dataDirectory as NSString).appendingPathComponent("outbox.key")) (keep a copy of it apart from the backups)")
    }
}
