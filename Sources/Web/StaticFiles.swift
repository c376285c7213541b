import Foundation
import MicroHTTP

/// The files of `Resources/static`, read once at start and served from memory. Only names found
/// there at start can ever be served, so no path from a request reaches the file system.
struct StaticFiles {
    private let files: [String: Response]

    init(directory: String) {
        var files: [String: Response] = [:]
        let manager = FileManager.default
        for case let name as String in manager.enumerator(atPath: directory) ?? FileManager.DirectoryEnumerator() {
            let full = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                let data = manager.contents(atPath: full)
            else { continue }
            var response = Response(body: Array(data))
            response.headers["Content-Type"] = Self.contentType(of: name)
            response.headers["Cache-Control"] = "public, max-age=3600"
            files[name] = response
        }
        self.files = files
    }

    func register(in router: inout Router) {
        let files = self.files
        router.get("/static/*") { request in
            guard let file = files[request.pathParameters["*"] ?? ""] else { throw RequestError(status: .notFound, message: "no such file") }
            return file
        }
    }

    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "json": "application/json"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
