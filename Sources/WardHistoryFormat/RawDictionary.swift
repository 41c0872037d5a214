import Foundation

/// The preset dictionary raw results are compressed against: the keys, and the values that recur,
/// of the results each importer reads, in the order Ward writes them (keys sorted, no spaces). A
/// result of a few hundred bytes shares little with itself: zlib alone keeps 0.51 of the bytes of
/// the results in the fixture reports of every supported tool, primed with these texts 0.39
/// (`bench/raw-compression`).
///
/// zlib records the dictionary's Adler-32 in each stream's header, so a body names the dictionary
/// it needs. A shipped dictionary is never edited (histories hold bodies that name it): a better
/// one is added beside it, under its own id, and bodies written without one still read.
public enum RawDictionary {
    /// The dictionary new bodies are compressed against.
    public static let current: [UInt8] = Array(texts.joined().utf8)

    /// `current`'s Adler-32, the id its bodies carry.
    public static let currentID: UInt32 = current.withUnsafeBufferPointer(RawCompression.adler32)

    /// The dictionary a stored body names by `id`; nil for one this version does not know.
    static func dictionary(id: UInt32) -> [UInt8]? {
        id == currentID ? current : nil
    }

    /// Less frequent shapes first: zlib finds the last bytes of its window nearest and cheapest.
    private static let texts: [String] = [
        // Checkov's JSON
        #"{"bc_category":null,"bc_check_id":null,"benchmarks":null,"caller_file_line_range":null"#,
        #","caller_file_path":null,"check_class":"checkov.terraform.checks.resource.aws.""#,
        #","check_id":"CKV_AWS_","check_len":null,"check_name":"Ensure that ""#,
        #","check_result":{"evaluated_keys":["],"result":"FAILED"},"code_block":[[1"#,
        #","resource \"aws_s3_bucket\" \"],"connected_node":null,"definition_context_file_path":"""#,
        #","description":null,"details":[],"entity_tags":null,"evaluations":null,"file_abs_path":"""#,
        #","file_line_range":[,"file_path":"/","fixed_definition":null"#,
        #","guideline":"https://docs.prismacloud.io/en/enterprise-edition/policy-reference/""#,
        #","repo_file_path":"/","resource":"","resource_address":null,"severity":null,"short_description":null"#,
        #","vlnerability_details":null}"#,
        "\n",
        // pip-audit's JSON
        #"{"aliases":["CVE-2024-","GHSA-"],"description":"","fix_versions":[""],"id":"PYSEC-2024-""#,
        #","package":"django","version":""}"#,
        "\n",
        // Safety's JSON
        #"{"CVE":"CVE-","advisory":"","affected_versions":[],"all_vulnerable_specs":["<"]"#,
        #","analyzed_version":"","closest_versions_without_known_vulnerabilities":[],"fixed_versions":[]"#,
        #","ignored":{},"is_transitive":false,"more_info_url":"https://data.safetycli.com/v/""#,
        #","package_name":"","published_date":null,"resources":[],"severity":null,"specifications":["<"]"#,
        #","vulnerability_id":"","vulnerable_spec":"<"}"#,
        "\n",
        // Gitleaks' JSON
        #"{"Author":"","Commit":"","Date":"2024-","Description":"Identified a ","Email":"","EndColumn":"#,
        #","EndLine":,"Entropy":4.,"File":"","Fingerprint":":generic-api-key:","Match":"","Message":"""#,
        #","RuleID":"generic-api-key","Secret":"","StartColumn":,"StartLine":,"SymlinkFile":"","Tags":[]}"#,
        "\n",
        // detect-secrets' JSON
        #"{"filename":"","hashed_secret":"","is_secret":null,"is_verified":false,"line_number":"#,
        #","type":"Secret Keyword"}{"type":"Hex High Entropy String"}{"type":"Base64 High Entropy String"}"#,
        "\n",
        // Trivy's misconfigurations
        #"{"CauseMetadata":{"Code":{"Lines":[{"Annotation":"","Content":"","FirstCause":true,"Highlighted":"""#,
        #","IsCause":true,"LastCause":true,"Number":,"Truncated":false}]},"EndLine":,"Provider":"AWS""#,
        #","Resource":"","Service":"s3","StartLine":},"Description":"","ID":"AVD-AWS-","AVDID":"AVD-AWS-""#,
        #","Message":"","Namespace":"builtin.aws.s3.","PrimaryURL":"https://avd.aquasec.com/misconfig/""#,
        #","Query":"data.builtin.aws.s3.","References":["https://avd.aquasec.com/misconfig/"],"Resolution":"""#,
        #","Severity":"HIGH","Status":"FAIL","Title":"","Type":"Terraform Security Check"}"#,
        "\n",
        // Trivy's vulnerabilities
        #"{"CVSS":{"nvd":{"V2Score":5.0,"V2Vector":"AV:N/AC:L/Au:N/C:N/I:N/A:P","V3Score":7.5"#,
        #","V3Vector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"},"redhat":{"V3Score":7.5"#,
        #","V3Vector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}},"CweIDs":["CWE-"]"#,
        #","DataSource":{"ID":"debian","Name":"Debian Security Tracker""#,
        #","URL":"https://salsa.debian.org/security-tracker-team/security-tracker"},"Description":"""#,
        #","FixedVersion":"","InstalledVersion":"","LastModifiedDate":"2023-","Layer":{"DiffID":"sha256:""#,
        #","Digest":"sha256:"},"PkgID":"","PkgIdentifier":{"PURL":"pkg:deb/debian/","UID":""},"PkgName":"""#,
        #","PrimaryURL":"https://avd.aquasec.com/nvd/cve-","PublishedDate":"2022-""#,
        #","References":["https://access.redhat.com/security/cve/CVE-","https://nvd.nist.gov/vuln/detail/CVE-""#,
        #","https://github.com/advisories/GHSA-"],"Severity":"MEDIUM","SeveritySource":"nvd","Status":"fixed""#,
        #","Title":"","VendorSeverity":{"debian":1,"ghsa":2,"nvd":3,"redhat":2},"VulnerabilityID":"CVE-2023-"}"#,
        "\n",
        // Bandit's JSON
        #"{"code":"","col_offset":4,"end_col_offset":,"filename":"","issue_confidence":"HIGH""#,
        #","issue_cwe":{"id":78,"link":"https://cwe.mitre.org/data/definitions/78.html"}"#,
        #","issue_severity":"MEDIUM","issue_text":"","line_number":,"line_range":[]"#,
        #","more_info":"https://bandit.readthedocs.io/en/1.9.4/plugins/b602_subprocess_popen_with_shell_equals_true.html""#,
        #","test_id":"B","test_name":""}"#,
        "\n",
        // Semgrep's JSON
        #"{"check_id":"","end":{"col":,"line":,"offset":},"extra":{"engine_kind":"OSS""#,
        #","fingerprint":"requires login","is_ignored":false,"lines":"requires login","message":"""#,
        #","metadata":{"category":"security","confidence":"MEDIUM""#,
        #","cwe":["CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')"]"#,
        #","cwe2021-top25":true,"cwe2022-top25":true,"impact":"HIGH""#,
        #","license":"Commons Clause License Condition v1.0[LGPL-2.1-only]","likelihood":"LOW""#,
        #","owasp":["A01:2017 - Injection","A03:2021 - Injection"]"#,
        #","references":["https://owasp.org/Top10/A03_2021-Injection"],"source":"https://semgrep.dev/r/""#,
        #","subcategory":["vuln"],"technology":["python","django"],"vulnerability_class":["SQL Injection"]}"#,
        #","metavars":{},"severity":"WARNING","validation_state":"NO_VALIDATOR"},"path":"","start":{"col":"#,
        #","line":,"offset":}}"#,
        "\n",
        // SARIF with code flows (CodeQL)
        #"{"codeFlows":[{"threadFlows":[{"locations":[{"location":{"message":{"text":""}"#,
        #","physicalLocation":{"artifactLocation":{"index":0,"uri":"","uriBaseId":"%SRCROOT%"}"#,
        #","contextRegion":{"endLine":,"snippet":{"text":""},"startLine":}}]"#,
        #","fingerprints":{"matchBasedId/v1":""},"level":"warning""#,
        #","locations":[{"physicalLocation":{"artifactLocation":{"index":0,"uri":"","uriBaseId":"%SRCROOT%"}"#,
        #","region":{"endColumn":,"endLine":,"snippet":{"text":""},"startColumn":,"startLine":}}}]"#,
        #","message":{"text":""},"partialFingerprints":{"primaryLocationLineHash":":1""#,
        #","primaryLocationStartColumnFingerprint":"0"},"properties":{"security-severity":"7.5""#,
        #","tags":["security"]},"relatedLocations":[{"id":1,"message":{"text":""}}],"ruleId":"","ruleIndex":0}"#,
        "\n",
        // SARIF (Semgrep, Bandit, Trivy, Checkov, Gitleaks)
        #"{"fingerprints":{"matchBasedId/v1":""},"level":"error""#,
        #","locations":[{"physicalLocation":{"artifactLocation":{"uri":"","uriBaseId":"%SRCROOT%"}"#,
        #","region":{"endColumn":,"endLine":,"snippet":{"text":"    "},"startColumn":,"startLine":}}}]"#,
        #","message":{"text":""},"properties":{},"ruleId":""}"#,
        "\n",
    ]
}
