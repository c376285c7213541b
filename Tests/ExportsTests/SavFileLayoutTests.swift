import Foundation
import Surveys
import Testing

@testable import Exports

/// The bytes themselves: the header fields and record sequence a reader relies on.
@Suite struct SavFileLayoutTests {
    let created = Date(timeIntervalSince1970: 1_795_000_000)  // 18 Nov 2026, 12:06:40 in Amsterdam
    var bytes: [UInt8] { ResponseExport.sav(ExportFixtures.survey, rows: ExportFixtures.rows, created: created) }

    private func int32(_ bytes: [UInt8], at offset: Int) -> Int32 {
        Int32(bitPattern: bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) })
    }

    private func text(_ bytes: [UInt8], _ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    @Test func headerIsTheDocumented176Bytes() {
        let bytes = bytes
        #expect(text(bytes, 0..<4) == "$FL2")
        #expect(text(bytes, 4..<64).hasPrefix("@(#) SPSS DATA FILE"))
        #expect(int32(bytes, at: 64) == 2)  // layout code: little-endian
        let layout = SavLayout(SavDataset(ExportFixtures.survey, rows: ExportFixtures.rows).variables)
        #expect(int32(bytes, at: 68) == Int32(layout.caseSlots))
        #expect(int32(bytes, at: 72) == 0)  // not compressed
        #expect(int32(bytes, at: 76) == 0)  // no weight variable
        #expect(int32(bytes, at: 80) == 50)  // cases
        #expect(bytes[84..<92].elementsEqual(withUnsafeBytes(of: 100.0.bitPattern.littleEndian, Array.init)))
        #expect(text(bytes, 92..<101) == "18 Nov 26")
        #expect(text(bytes, 101..<109) == "12:06:40")
        #expect(bytes[173..<176].allSatisfy { $0 == 0 })
        #expect(int32(bytes, at: 176) == 2)  // the first variable record follows
    }

    @Test func dataFillExactlyTheSlotsOfEveryCase() {
        let dataset = SavDataset(ExportFixtures.survey, rows: ExportFixtures.rows)
        let layout = SavLayout(dataset.variables)
        var dictionary = SavBytes()
        SavRecords.dictionaryTermination(&dictionary)
        let bytes = bytes
        let end = bytes.count - 50 * layout.caseSlots * 8
        #expect(Array(bytes[(end - 8)..<end]) == dictionary.bytes)
        // The last case's respondent number starts its 8-byte slots.
        let last = end + 49 * layout.caseSlots * 8
        #expect(Double(bitPattern: bytes[last..<last + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) }) == 50)
    }

    @Test func theSameInputGivesTheSameBytes() {
        #expect(bytes == bytes)
        #expect(bytes != ResponseExport.sav(ExportFixtures.survey, rows: ExportFixtures.rows, created: created + 1))
    }

    @Test func textWiderThan255BytesIsOneVeryLongStringVariable() {
        let dataset = SavDataset(ExportFixtures.survey, rows: ExportFixtures.rows)
        let text = dataset.variables.first { $0.name == "toelichting" }
        #expect(text?.type == .string(width: ExportFixtures.veryLongText.utf8.count))
        let record = Array("TOELICHT=00\(ExportFixtures.veryLongText.utf8.count)".utf8) + [0, 9]
        #expect(bytes.windows(ofCount: record.count).contains(record))
    }
}

extension Array where Element == UInt8 {
    /// Every run of `count` consecutive bytes.
    fileprivate func windows(ofCount count: Int) -> [ArraySlice<UInt8>] {
        guard self.count >= count else { return [] }
        return (0...(self.count - count)).map { self[$0..<$0 + count] }
    }
}

extension [ArraySlice<UInt8>] {
    fileprivate func contains(_ bytes: [UInt8]) -> Bool { contains { $0.elementsEqual(bytes) } }
}
