/// A growing little-endian byte buffer. The files say so in the machine integer info record
/// (`endianness` 2) and by `layout_code` 2 reading correctly, which is how readers detect it (PSPP
/// "File Header Record").
struct SavBytes {
    private(set) var bytes: [UInt8] = []

    mutating func int32(_ value: Int32) { append(UInt32(bitPattern: value)) }

    mutating func int32(_ value: Int) { int32(Int32(clamping: value)) }

    mutating func int64(_ value: Int64) { append(UInt64(bitPattern: value)) }

    mutating func double(_ value: Double) { append(value.bitPattern) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func raw(_ data: [UInt8]) { bytes += data }

    /// `data` cut or padded (with `pad`, spaces by default) to exactly `length` bytes, as the
    /// fixed-width character fields of the format are.
    mutating func fixed(_ data: [UInt8], length: Int, pad: UInt8 = 0x20) {
        let kept = data.prefix(length)
        bytes += kept
        bytes += [UInt8](repeating: pad, count: length - kept.count)
    }

    /// ASCII text in a fixed-width field.
    mutating func fixed(_ text: String, length: Int, pad: UInt8 = 0x20) { fixed(Array(text.utf8), length: length, pad: pad) }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }
}
