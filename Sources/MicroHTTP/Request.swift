/// One HTTP request as the handler sees it. Built by the server from libmicrohttpd's callbacks; the
/// path and query are decoded strictly from the raw request target, never guessed.
public struct Request: Sendable {
    public var method: HTTPMethod
    /// The request target as sent, including the query; never log it (it may hold a token).
    public var rawTarget: String
    /// The decoded path, e.g. `/s/abc`.
    public var path: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The client's address, for rate limiting.
    public var remoteAddress: String
    /// Values of `:name` segments of the route that matched.
    public var pathParameters: [String: String] = [:]
    /// The pattern of the route that matched (e.g. `/s/:token`), set by the router.
    public var route: String?

    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String = "") throws(RequestError) {
        self.method = method
        self.rawTarget = target
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        let rawPath = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard rawPath.hasPrefix("/") else { throw RequestError(status: .badRequest, message: "the request target must start with /") }
        do {
            self.path = try URLEncoding.percentDecode(Array(rawPath.utf8), plusAsSpace: false, field: "the path")
        } catch {
            throw RequestError(status: .badRequest, message: error.description)
        }
        guard !path.utf8.contains(0) else { throw RequestError(status: .badRequest, message: "the path contains a NUL byte") }
    }

    /// The raw query string (after `?`), or "".
    public var rawQuery: Substring {
        guard let mark = rawTarget.firstIndex(of: "?") else { return "" }
        return rawTarget[rawTarget.index(after: mark)...]
    }

    /// Query parameters with all values per name.
    public func query(limits: FormLimits = .default) throws(RequestError) -> [String: [String]] {
        do { return try URLEncoding.decodeForm(Array(rawQuery.utf8), limits: limits) } catch {
            throw RequestError(status: .badRequest, message: "the query string has \(error)")
        }
    }

    /// The body decoded as `application/x-www-form-urlencoded`; 415 for any other content type.
    public func form(limits: FormLimits = .default) throws(RequestError) -> [String: [String]] {
        let contentType = headers["Content-Type"]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw RequestError(status: .unsupportedMediaType, message: "a form must be sent as application/x-www-form-urlencoded")
        }
        do { return try URLEncoding.decodeForm(body, limits: limits) } catch {
            switch error {
            case .tooManyFields, .fieldTooLong:
                throw RequestError(status: .contentTooLarge, message: "the form has \(error)")
            default:
                throw RequestError(status: .badRequest, message: "the form has \(error)")
            }
        }
    }

    public var cookies: [String: String] { Cookies.parse(headers["Cookie"]) }

    /// The token of an `Authorization: Bearer …` header.
    public var bearerToken: String? {
        guard let value = headers["Authorization"], value.count > 7, value.prefix(7).lowercased() == "bearer " else { return nil }
        return String(value.dropFirst(7)).trimmingCharacters(in: " ")
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}

/// A request the server refuses before or instead of routing it, with the status to answer.
public struct RequestError: Error, Hashable, Sendable, CustomStringConvertible {
    public let status: HTTPStatus
    public let message: String

    public init(status: HTTPStatus, message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status): \(message)" }
}
