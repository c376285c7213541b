import Foundation
import Mustache

/// Renders Mustache templates from `Resources/templates`. Pages are HTML-escaped by default; mail
/// templates declare `{{% CONTENT_TYPE: TEXT}}`.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    public struct TemplateError: Error, CustomStringConvertible, Sendable {
        public let message: String
        public var description: String { message }
    }

    public init(directory: String) async throws(TemplateError) {
        guard FileManager.default.fileExists(atPath: directory) else {
            throw TemplateError(message: "the templates folder \(directory) does not exist (set 'resources' to the Resources folder)")
        }
        do { library = try await MustacheLibrary(directory: directory) } catch {
            throw TemplateError(message: "a template in \(directory) does not parse: \(error)")
        }
        let mail = ["invitation", "reminder", "signup", "reconfirm", "feedback"].flatMap { kind in ["nl", "en"].flatMap { ["email/\(kind)-\($0)", "email/\(kind)-\($0)-html"] } }
        for required in ["page", "survey", "thanks", "message", "home", "privacy", "admin-login", "admin-surveys", "admin-home", "admin-csrf", "report", "letter-code", "letters", "signup", "panel-confirm", "my-panel", "wijk", "wijken", "initiative-form", "initiative-status", "admin-initiatives",
                         "admin-initiative", "admin-queue", "admin-budget", "buurttoetsing-survey", "email/initiative-update-nl",
                         "email/initiative-update-nl-html", "trend"] + mail
        where library.getTemplate(named: required) == nil {
            throw TemplateError(message: "the template \(required).mustache is missing from \(directory)")
        }
    }

    /// Renders `template` as the body of the page layout; `layout` adds values for the layout itself.
    public func page(_ template: String, title: String, language: String, _ values: [String: Any], layout: [String: Any] = [:]) -> String {
        let body = render(template, values)
        let base: [String: Any] = ["title": title, "lang": language, "body": body, "t": UIText.strings(language)]
        return render("page", base.merging(layout) { own, _ in own })
    }

    public func render(_ template: String, _ values: [String: Any]) -> String {
        // The templates were checked at start-up, so a missing one is a programming error.
        guard let text = library.render(values, withTemplate: template) else { preconditionFailure("no template \(template)") }
        return text
    }
}
