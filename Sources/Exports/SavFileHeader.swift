import Foundation

extension SavRecords {
    /// The file header record (PSPP "File Header Record"): magic `$FL2`, product name, layout code
    /// 2, the slots per case, no compression, no weight variable, the number of cases, bias 100,
    /// creation date and time, the file label, 3 bytes of padding: 176 bytes.
    ///
    /// The weight is exported as a variable but not made the file's weight, so an analysis is
    /// unweighted unless the researcher says `WEIGHT BY weight`, as with the CSV.
    static func fileHeader(_ out: inout SavBytes, _ dataset: SavDataset, layout: SavLayout, created: Date) {
        out.fixed("$FL2", length: 4)
        out.fixed("@(#) SPSS DATA FILE - Draagvlak", length: 60)
        out.int32(2)  // layout_code
        out.int32(layout.caseSlots)  // nominal_case_size
        out.int32(0)  // compression: none
        out.int32(0)  // weight_index: none
        out.int32(dataset.cases.count)  // ncases
        out.double(100)  // bias, used only by compressed data
        let (date, time) = creationStamp(created)
        out.fixed(date, length: 9)
        out.fixed(time, length: 8)
        out.fixed(dataset.fileLabel.utf8Prefix(maxBytes: fileLabelBytes), length: fileLabelBytes)
        out.fixed([], length: 3, pad: 0)
    }

    /// `dd mmm yy` and `hh:mm:ss` in Dutch local time, with English month abbreviations, as SPSS
    /// writes them whatever the locale.
    static func creationStamp(_ instant: Date) -> (date: String, time: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String {
            let text = String((value ?? 0) % 100)
            return text.count < 2 ? "0" + text : text
        }
        let month = months[min(max((parts.month ?? 1) - 1, 0), 11)]
        return ("\(two(parts.day)) \(month) \(two(parts.year))", "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))")
    }
}
