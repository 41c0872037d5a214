import Foundation
import Testing
@testable import WardScanners

/// Requirements files as an attacker writes them: every line that could make pip fetch, build or
/// read something is dropped and noted by line and kind, never echoed; only exact pins remain.
@Suite struct RequirementSanitizerTests {
    @Test(arguments: [
        ("requests==2.19.0", RequirementSanitizer.Line.pin(name: "requests", version: "2.19.0")),
        ("Django_Rest-framework == 3.0 ; python_version > \"3.8\"", .pin(name: "Django_Rest-framework", version: "3.0")),
        ("zope.interface[docs]==5.1 --hash=sha256:abc", .pin(name: "zope.interface", version: "5.1")),
        ("flask>=2", .unpinned(name: "flask")),
        ("flask", .unpinned(name: "flask")),
        ("flask==2.*", .unpinned(name: "flask")),
        ("flask===2.0", .unpinned(name: "flask")),
        ("flask==2.0,<3", .unpinned(name: "flask")),
        ("--index-url http://127.0.0.1:9/simple/", .dropped("package index option --index-url")),
        ("-i http://user:token@example.invalid/simple", .dropped("package index option -i")),
        ("--extra-index-url=https://example.invalid/simple", .dropped("package index option --extra-index-url")),
        ("--find-links /tmp/wheels", .dropped("package index option --find-links")),
        ("-f ./wheels", .dropped("package index option -f")),
        ("--trusted-host example.invalid", .dropped("package index option --trusted-host")),
        ("-e git+https://example.invalid/r.git#egg=x", .dropped("editable requirement (-e)")),
        ("--editable .", .dropped("editable requirement (-e)")),
        ("-c constraints.txt", .dropped("constraints file (-c)")),
        ("--pre", .dropped("option --pre")),
        ("--global-option=--x", .dropped("option --global-option")),
        ("-r base.txt", .include("base.txt")),
        ("--requirement=../outside.txt", .include("../outside.txt")),
        ("-rnested/more.txt", .include("nested/more.txt")),
        ("https://example.invalid/pkg.tar.gz", .dropped("URL or VCS reference")),
        ("git+ssh://git@example.invalid/r.git", .dropped("URL or VCS reference")),
        ("mypkg @ file:///opt/mypkg", .dropped("URL or VCS reference")),
        ("evil@https://example.invalid/e.whl", .dropped("URL or VCS reference")),
        ("./local/pkg", .dropped("local path")),
        ("/abs/pkg.whl", .dropped("local path")),
        ("pkg/sub", .dropped("local path")),
        ("", .blank),
    ])
    func eachLineIsClassified(line: String, expected: RequirementSanitizer.Line) {
        #expect(RequirementSanitizer.classify(line) == expected)
    }

    @Test func aFileKeepsOnlyPinsAndNotesTheRestByLineWithoutItsText() {
        let files: [String: String] = [
            "requirements.txt": """
            # comment
            --index-url http://user:s3cr3t-token@127.0.0.1:8080/simple/
            requests==2.19.0  # pinned
            -r base/common.txt
            -r ../../etc/passwd
            -r requirements.txt
            Django \\
                >=3
            git+https://s3cr3t-token@example.invalid/x.git
            """,
            "base/common.txt": "six==1.16.0\n-r ../requirements.txt\n",
        ]
        let sanitizer = RequirementSanitizer(files: Set(files.keys)) { files[$0] }
        let output = sanitizer.sanitize("requirements.txt")
        #expect(output.text == "requests==2.19.0\nsix==1.16.0\n")
        #expect(output.notes == [
            "requirements.txt:2: package index option --index-url dropped; not passed to the tool",
            "requirements.txt:5: included file outside the scanned tree dropped; not passed to the tool",
            "requirements.txt:7: Django is not pinned with ==; not audited",
            "requirements.txt:9: URL or VCS reference dropped; not passed to the tool",
        ])
        #expect(!output.notes.joined().contains("s3cr3t"))
    }

    @Test func anIncludeOfAFileOutsideTheWalkIsNotRead() {
        // A link inside the tree is not among the walk's files, so it is never read
        let sanitizer = RequirementSanitizer(files: ["requirements.txt"]) { path in
            path == "requirements.txt" ? "-r linked.txt\n" : "leaked==1.0\n"
        }
        let output = sanitizer.sanitize("requirements.txt")
        #expect(output.text.isEmpty)
        #expect(output.notes == ["requirements.txt:1: included file outside the scanned tree dropped; not passed to the tool"])
    }

    @Test func pyprojectDependenciesAreRead() {
        let text = """
        [build-system]
        requires = ["evil-backend==1.0"]
        [project]
        name = "x"
        dependencies = [
          "requests==2.19.0",  # pinned
          'flask>=2',
        ]
        [tool.other]
        dependencies = ["not-this==1"]
        """
        #expect(RequirementSanitizer.pyprojectDependencies(text) == ["requests==2.19.0", "flask>=2"])
        #expect(RequirementSanitizer.pyprojectDependencies("[project]\ndependencies = [\"a==1\", \"b==2\"]\n") == ["a==1", "b==2"])
    }
}
