import Foundation
import WardApp
import WardCore
import WardReporters

/// The findings list's filters as a GET form, named as the API's query parameters (the options of
/// `ward findings`), showing the values of the current request.
struct FindingListForm {
    /// The request's non-empty parameters.
    let values: [String: String]
    /// The targets to choose from.
    let targets: [String]

    var html: String {
        var fields = select("target", label: "Target", options: [("", "any")] + targets.map { ($0, $0) })
        fields += select("severity", label: "Severity at least", options: [("", "any")] + Severity.allCases.reversed().map { ($0.rawValue, $0.rawValue) })
        fields += select("status", label: "Status", options: [("", "any"), ("open", "open"), ("fixed", "fixed")])
        fields += select("kind", label: "Kind", options: [("", "any")] + FindingKind.allCases.map { ($0.rawValue, $0.rawValue) })
        fields += select("triage", label: "Triage", options: [("", "any")] + TriageDecision.State.allCases.map { ($0.rawValue, $0.rawValue) })
        fields += select("suppressed", label: "Suppressed", options: [("", "either"), ("true", "suppressed"), ("false", "not suppressed")])
        for (name, label) in [("tool", "Tool"), ("rule", "Rule"), ("path", "Path glob"), ("cwe", "CWE"), ("package", "Package"),
                              ("advisory", "Advisory"), ("identity", "Identity prefix"), ("since", "First seen since"),
                              ("until", "First seen until"), ("scan", "In scan")] {
            fields += "<label>\(label) <input type=\"text\" name=\"\(name)\" id=\"filter-\(name)\" value=\"\(HTMLText.escape(values[name] ?? ""))\"></label>"
        }
        fields += select("sort", label: "Sort", options: FindingFilter.sorts.map { ($0.name, $0.name) })
        return "<form id=\"filters\" method=\"get\" action=\"/findings\"><fieldset><legend>Filters</legend>\(fields)"
            + "<button type=\"submit\" id=\"filter-submit\">Filter</button> <a href=\"/findings\">Clear</a></fieldset></form>"
    }

    private func select(_ name: String, label: String, options: [(String, String)]) -> String {
        let e = HTMLText.escape
        let chosen = values[name] ?? ""
        let list = options.map { value, label in
            "<option value=\"\(e(value))\"\(value == chosen ? " selected" : "")>\(e(label))</option>"
        }.joined()
        return "<label>\(label) <select name=\"\(name)\" id=\"filter-\(name)\">\(list)</select></label>"
    }
}
