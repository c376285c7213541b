extension Request {
    /// The address of the client that made the request: the peer, or, when the peer is one of
    /// `trustedProxies`, the nearest address in `X-Forwarded-For` that is not itself a trusted proxy.
    /// From anyone but a trusted proxy the header is ignored, so a client cannot pick its own address
    /// (to slip out of a rate limit, say).
    public func clientAddress(trustingProxies trustedProxies: Set<String>) -> String {
        guard trustedProxies.contains(remoteAddress) else { return remoteAddress }
        let forwarded = headers.values("X-Forwarded-For").flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace() }
        return forwarded.reversed().first { !$0.isEmpty && !trustedProxies.contains($0) } ?? remoteAddress
    }
}
