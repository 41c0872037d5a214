import Foundation
import WardReporters

/// The frame of every page: no script, no external resource, the server's own stylesheet.
enum PageLayout {
    /// The stylesheet at `/static/ward.css` (the Content-Security-Policy allows only this origin's).
    static let stylesheet = """
        body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d232a}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d8dee4;padding:.3rem .5rem;text-align:left}
        code{font:13px ui-monospace,monospace}dt{font-weight:600}.message{white-space:pre-wrap}
        nav form.session{float:right}.problem{color:#a40e26;font-weight:600}form.triage label{display:inline-block;min-width:5rem}
        """

    /// A whole page; `title` is escaped here, `body` must already be.
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title)) · Ward</title>
        <link rel="stylesheet" href="/static/ward.css"></head>
        <body><nav><a href="/findings">Findings</a>\(SessionBar.html)</nav><main>
        \(body)
        </main></body></html>

        """
    }
}
