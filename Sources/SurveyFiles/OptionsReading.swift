import YAMLFiles
import Surveys
import Yams

extension SurveyFileReader {
    mutating func options(_ node: Node, label: String, typeName: QuestionTypeName) -> [Option]? {
        guard let items = list(node, expecting: "a list of options for 'options'") else { return nil }
        var codeLines: [String: Int] = [:]
        var options: [Option] = []
        for (index, item) in items.enumerated() {
            if let option = readOption(item, number: index + 1, label: label, codeLines: &codeLines) {
                options.append(option)
            }
        }
        guard items.count >= 2 else {
            log.report("a \(typeName.rawValue) question needs at least 2 options, but \(label) has \(items.count)", at: node)
            return nil
        }
        return options.count == items.count ? options : nil
    }

    private mutating func readOption(
        _ node: Node, number: Int, label: String, codeLines: inout [String: Int]
    ) -> Option? {
        if let bare = node.scalarText {
            // Stored answers hold the code, so a bare text would tie them to today's wording.
            log.report(
                "option '\(bare)' of \(label) must be written as {code: …, text: …} so answers keep their meaning when the text is reworded",
                at: node)
            return nil
        }
        let owner = "option \(number) of \(label)"
        guard let fields = fields(of: node, expecting: "an option {code: …, text: …}") else { return nil }
        rejectUnknownKeys(in: fields, known: ["code", "text"], place: "in \(owner)")
        let code = require("code", in: fields, owner: owner).flatMap { optionCode($0, label: label, codeLines: &codeLines) }
        let text = require("text", in: fields, owner: owner).flatMap { localizedText($0, name: "the text of \(owner)") }
        guard let code, let text else { return nil }
        return Option(code: code, text: text)
    }

    private mutating func optionCode(_ node: Node, label: String, codeLines: inout [String: Int]) -> String? {
        guard let code = string(node, expecting: "an option code for 'code'") else { return nil }
        guard code.count <= Slug.maxOptionCodeLength else {
            log.report(
                "option code '\(code)' is \(code.count) characters long; at most \(Slug.maxOptionCodeLength) are allowed",
                at: node)
            return nil
        }
        guard Slug.isOptionCode(code) else {
            log.report(
                "option code '\(code)' must start with a lowercase letter or digit and contain only lowercase letters, digits, '_' and '-'",
                at: node)
            return nil
        }
        if let line = codeLines[code] {
            log.report("option code '\(code)' is already used in \(label) on line \(line)", at: node)
            return nil
        }
        codeLines[code] = node.mark?.line ?? 0
        return code
    }
}
