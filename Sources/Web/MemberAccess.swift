import MicroHTTP
import Storage
import Surveys

/// A member's own pages (`/s/<token>/…`) open with any of their personal links: an invitation's or
/// one of their own. Unknown, revoked and erased links all get the same plain 404.
struct MemberAccess {
    let holder: PersonalLinkRepository.Holder
    /// The language asked for with `?lang=` (or `_lang` in a form), else the member's.
    let language: Language
    /// The personal link's path, e.g. `/s/<token>`, for links between the member's pages.
    let base: String

    static func open(_ request: Request, context: AppContext, notFound: PageError, explicitLanguage: String? = nil) async throws -> MemberAccess {
        let token = request.pathParameters["token"] ?? ""
        guard let holder = try await TokenGuessing(context: context).lookUp(request, { try await context.database.personalLinks.holder(ofToken: token) })
        else { throw notFound }
        let explicit = try explicitLanguage ?? request.query()["lang"]?.first
        return MemberAccess(holder: holder, language: PageLanguage.choose(explicit: explicit, member: holder.language), base: "/s/\(token)")
    }
}
