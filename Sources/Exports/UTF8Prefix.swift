extension String {
    /// The UTF-8 bytes of the longest prefix of whole characters that fits in `limit` bytes. SPSS
    /// limits labels and strings in bytes; cutting inside a character would leave invalid UTF-8
    /// that readers refuse or show as garbage.
    func utf8Prefix(maxBytes limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for character in self {
            let encoded = Array(character.utf8)
            guard bytes.count + encoded.count <= limit else { break }
            bytes += encoded
        }
        return bytes
    }
}
