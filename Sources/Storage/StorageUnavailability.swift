import GRDB

/// Why the database takes no writes at all, as opposed to one statement going wrong: the disk is full,
/// the file or its file system is read-only, or the disk reports errors. Retrying the same request does
/// not help until someone makes room or repairs the disk; SQLite rolled the transaction back, so nothing
/// of it is stored.
public enum StorageUnavailability: String, Sendable, Hashable {
    case diskFull = "disk full"
    case readOnly = "read-only"
    case diskError = "disk error"

    /// The condition behind an SQLite error, or nil for errors that are about the request or the data.
    static func of(_ error: any Error) -> StorageUnavailability? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_READONLY: return .readOnly
        // A file system remounted read-only after errors fails writes to open files with EROFS, which
        // SQLite reports as an I/O error; CANTOPEN is a new connection meeting the same disk.
        case .SQLITE_IOERR, .SQLITE_CANTOPEN: return .diskError
        default: return nil
        }
    }
}
