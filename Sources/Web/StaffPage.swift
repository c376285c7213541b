extension PageRenderer {
    /// A staff page in Dutch. The layout shows who is signed in, with a logout button; the template gets
    /// `csrf` for its forms, which include it with `{{> admin-csrf}}`.
    func staffPage(_ template: String, title: String, principal: StaffPrincipal, _ values: [String: Any]) -> String {
        var values = values
        var staff: [String: Any] = ["name": principal.name, "role": principal.role.title]
        if let wijk = principal.wijk { staff["wijk"] = wijk }
        if let csrf = principal.csrfToken {
            values["csrf"] = csrf
            staff["csrf"] = csrf
        }
        return page(template, title: title, language: "nl", values, layout: ["staff": staff])
    }
}
