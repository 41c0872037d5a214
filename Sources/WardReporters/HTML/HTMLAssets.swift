import Foundation
import WardCore

/// The page's one stylesheet and one script, inline, and the Content-Security-Policy that allows
/// exactly these two by their SHA-256 hashes and nothing else: no other script or style runs,
/// nothing is fetched, no form is sent, whether the page is opened from `file://` or served.
enum HTMLAssets {
    /// The policy for the page's `<meta http-equiv="Content-Security-Policy">`.
    static let contentSecurityPolicy = "default-src 'none'; script-src '\(hash(script))'; style-src '\(hash(style))'; "
        + "img-src 'none'; base-uri 'none'; form-action 'none'"

    /// `sha256-` and the base64 SHA-256 of `text`, as CSP hash sources spell it.
    static func hash(_ text: String) -> String {
        "sha256-" + Data(SHA256.digest(Array(text.utf8))).base64EncodedString()
    }

    /// Filters the findings by severity, tool and text. Reads everything from the page: each
    /// `tr.finding` carries `data-severity` and `data-tools`; the form starts hidden, so without
    /// JavaScript every finding is shown and no control that cannot work is offered.
    static let script = """

        (function () {
          "use strict";
          var form = document.getElementById("filters");
          if (!form) { return; }
          var severity = document.getElementById("filter-severity");
          var tool = document.getElementById("filter-tool");
          var text = document.getElementById("filter-text");
          var status = document.getElementById("filter-status");
          var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
          var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
          var haystacks = rows.map(function (row) { return row.textContent.toLowerCase(); });
          function apply() {
            var wanted = severity.value, chosen = tool.value, needle = text.value.trim().toLowerCase(), shown = 0;
            rows.forEach(function (row, index) {
              var visible = (wanted === "" || row.getAttribute("data-severity") === wanted)
                && (chosen === "" || row.getAttribute("data-tools").split(" ").indexOf(chosen) >= 0)
                && (needle === "" || haystacks[index].indexOf(needle) >= 0);
              row.hidden = !visible;
              if (visible) { shown += 1; }
            });
            groups.forEach(function (group) {
              group.hidden = group.querySelector("tr.finding:not([hidden])") === null;
            });
            status.textContent = shown + " of " + rows.length + " findings shown";
          }
          form.addEventListener("input", apply);
          form.addEventListener("change", apply);
          form.addEventListener("submit", function (event) { event.preventDefault(); });
          form.hidden = false;
          apply();
        }());

        """

    /// Light and dark colours from the reader's preference; nothing loaded from anywhere.
    static let style = """

        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
          --link: #0969da; --critical: #a40e26; --high: #bc4c00; --medium: #9a6700; --low: #0969da; --info: #59636e;
          --pass: #1a7f37; --fail: #cf222e; --incomplete: #8250df; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --link: #4493f8;
            --critical: #ff8182; --high: #ffa657; --medium: #e3b341; --low: #79c0ff; --info: #9198a1;
            --pass: #3fb950; --fail: #f85149; --incomplete: #ab7df8; }
        }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Liberation Sans", sans-serif; }
        header.page, main, footer.page { max-width: 1280px; margin: 0 auto; padding: 0 1.25rem; }
        header.page { padding-top: 1rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
        a { color: var(--link); }
        code, pre { font: 13px/1.45 ui-monospace, "SFMono-Regular", "Liberation Mono", monospace; }
        pre { margin: .25rem 0; padding: .4rem .6rem; background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
          white-space: pre-wrap; overflow-wrap: anywhere; }
        .muted { color: var(--muted); }
        .outcome { display: inline-block; padding: 0 .6rem; border-radius: 6px; color: var(--bg); font-weight: 700; }
        .outcome-pass { background: var(--pass); }
        .outcome-fail { background: var(--fail); }
        .outcome-incomplete { background: var(--incomplete); }
        .notice { border: 2px solid var(--incomplete); border-radius: 6px; padding: .5rem .75rem; font-weight: 600; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .25rem 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        table { width: 100%; border-collapse: collapse; margin: .25rem 0 1rem; }
        caption { text-align: left; color: var(--muted); padding: .25rem 0; }
        th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
        th { background: var(--panel); }
        td { overflow-wrap: anywhere; }
        tr.incomplete td { background: color-mix(in srgb, var(--incomplete) 12%, transparent); }
        .state-bad { color: var(--fail); font-weight: 700; }
        .sev { font-weight: 700; text-transform: uppercase; font-size: .8rem; white-space: nowrap; }
        .sev-critical { color: var(--critical); } .sev-high { color: var(--high); } .sev-medium { color: var(--medium); }
        .sev-low { color: var(--low); } .sev-info { color: var(--info); }
        .check-failed { color: var(--fail); font-weight: 700; } .check-passed { color: var(--pass); }
        .overdue { color: var(--fail); font-weight: 700; }
        .title { font-weight: 600; display: block; }
        .message { margin: .2rem 0; }
        form.filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: end;
          padding: .6rem .75rem; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
        form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        form.filters select, form.filters input { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
          border-radius: 6px; padding: .25rem .4rem; min-width: 12rem; }
        #filter-status { margin: 0 0 0 auto; }
        footer.page { margin: 2rem auto; color: var(--muted); font-size: .85rem; }
        @media print { form.filters { display: none; } }

        """
}
