import MicroHTTP
import Synchronization

/// The first page of a survey as someone who has not answered yet sees it: the same for everyone
/// but for their own link in it. It is rendered once per survey version and language and each
/// request splices its own link in (see ``LinkStandIn``).
final class FirstPageCache: Sendable {
    /// Enough for every survey in both languages; past it the cache starts over (old versions go).
    private static let capacity = 64

    struct Key: Hashable {
        let surveyID: String
        let definitionHash: String
        let language: String
    }

    private struct Page {
        let body: LinkStandIn
        let status: HTTPStatus
        let headers: HTTPHeaders
    }

    private let pages = Mutex<[Key: Page]>([:])

    /// The page for `link` (the request's path), rendered by `render` on first use.
    func response(_ key: Key, link: String, render: (_ link: String) -> Response) -> Response {
        let page = pages.withLock { $0[key] } ?? store(key, render(LinkStandIn.text))
        return Response(status: page.status, headers: page.headers, body: page.body.with(LinkStandIn.htmlEscaped(link)))
    }

    private func store(_ key: Key, _ rendered: Response) -> Page {
        let page = Page(body: LinkStandIn(rendered: rendered.body), status: rendered.status, headers: rendered.headers)
        pages.withLock { pages in
            if pages.count >= Self.capacity { pages.removeAll() }
            pages[key] = page
        }
        return page
    }
}
