import Foundation
import Surveys

/// The anonymised responses of a survey for municipal researchers, as CSV and as an SPSS system
/// file. Pure: values in, text or bytes out; writing the file is the caller's business.
///
/// Both have the same columns in the same order: `respondent`, `wijk`, `age_band`, `gender`,
/// `weight` (only when some row has a weight), `channel` (`panel` or `letter`, only when some row
/// came by letter), then per question one column named by its id, or
/// for a `multi` question one 0/1 dummy per option named `<question>_<code>` (empty or
/// system-missing when the question was not answered, so "not asked" is not "not chosen").
public enum ResponseExport {
    /// RFC 4180 CSV: UTF-8 without byte order mark, CRLF line ends, fields quoted only when they
    /// hold a comma, quote or line break. Cells hold the stored values (option codes, scale points,
    /// `ja`/`nee`, decimal text with a `.`, `YYYY-MM-DD`, text as typed).
    ///
    /// Every cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
    /// so a spreadsheet shows it rather than running it as a formula; plain numbers in number and
    /// scale columns (`-3`, `-2.5`) are left as they are. A name that repeats an earlier column
    /// gets `_2`, `_3`, ….
    public static func csv(_ definition: SurveyDefinition, rows: [ExportRow]) -> String {
        CSVExport.table(definition, rows: rows)
    }

    /// An SPSS system file (`.sav`): uncompressed, little-endian, UTF-8 (record 7.20).
    ///
    /// - Names follow SPSS rules: `-` becomes `_`, at most 64 bytes, unique case-insensitively.
    /// - Variable labels are the Dutch question texts (a dummy's: "question: option"), cut to 255
    ///   bytes on a character boundary; value labels are cut to 120 bytes, as SPSS shows them.
    /// - `single`: numeric, value labels with the Dutch option texts; numbered by the option codes
    ///   when all codes are whole numbers, else 1…k in option order (the CSV keeps the codes).
    /// - `scale`: the point, value labels for the labelled points; `yesno`: 1 = Ja, 0 = Nee;
    ///   `number`: the number, `F` format with as many decimals as answers use; `multi`: dummies
    ///   with 0 "niet gekozen", 1 "gekozen".
    /// - `date`: a real SPSS date (seconds since 14 October 1582) with format `DATE11`.
    /// - `text`, `wijk`, `age_band`, `gender`, `channel`: strings as wide as their longest value. Text over
    ///   255 bytes is written as a very long string (segments plus record 7.14), so nothing is cut
    ///   below SPSS's maximum string width of 32767 bytes.
    /// - A missing answer is system-missing for numbers and blank for strings.
    ///
    /// `created` goes into the header's creation date and time (Dutch local time); pass a fixed
    /// instant for reproducible bytes.
    public static func sav(_ definition: SurveyDefinition, rows: [ExportRow], created: Date = Date()) -> [UInt8] {
        SavRecords.file(SavDataset(definition, rows: rows), created: created)
    }
}
