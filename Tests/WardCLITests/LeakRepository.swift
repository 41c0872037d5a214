import Foundation
import Testing
import TestSupport

/// A repository with about twenty kinds of secrets planted where tools copy them: several on one
/// line, on context lines around other findings, in a file name, in a database URL, a `.netrc`
/// with a spaced password, private keys (PKCS#1 and PKCS#8, made by `openssl` at run time), and
/// values containing "Fake" or "example" that detectors take for placeholders. Values are built at
/// run time, so no source line holds a whole one.
struct LeakRepository {
    /// The repository's root.
    let root: String
    /// Every planted value (private keys as their body lines).
    let secrets: [String]

    static let awsKeyID = "AKIA" + "QYLPMN5HFIQR7XYZ"
    static let awsSecret = "Fake" + "7sQp2Lr9Vx4Bn8Mz1Kc6Hd3Jf5Tg0Wy+Ea/Ui2Zo"
    static let githubClassic = "ghp_" + "R8xk2LmP9qWz4TnV7bYc3HdJ6fGs1AeU0oIi"
    static let githubFineGrained = "github_pat_" + "11ABCDEFG0123456789abc_" + "pQ7rS8tU9vW0xY1zA2bC3dE4fG5hI6jK7lM8nO9pQ0rS1tU2vW3xY4zA5bC6d"
    static let githubOAuth = "gho_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"
    static let contextToken = "ghp_" + "Ctx1Lm2Nk3Oj4Pi5Qh6Rg7Sf8Te9Ud0Vc1Wb"
    static let fileNameToken = "ghp_" + "FiLeNaMe7Qx2Lm9Pz4Rt8Vw3Ky6Bn1Hc5Jd0"
    static let slackBot = "xoxb-" + "2418173506-4831057913021-" + "Hk8sLq2Wz9Rt5Vn3Pm7Xc4Jd"
    static let slackWebhook = "https://hooks.slack.com/services/" + "T0AB1CD2E/B3FG4HI5J/" + "kL6mN7oP8qR9sT0uV1wX2yZ3"
    static let stripeLive = "sk_live_" + "51HqLyjWDarjtT1zdp7dcXjG4kPv"
    static let stripeRestricted = "rk_live_" + "Fake4eC39HqLyjWDarjtT1zdp7dc"
    static let googleKey = "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"
    static let sendgrid = "SG." + "ngeVfQFYQlKU0ufo8x5d1A." + "TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr"
    static let npmToken = "npm_" + "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5"
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + "eyJzdWIiOiJ3YXJkLWxlYWstdGVzdCIsImlhdCI6MTcwMDAwMDAwMH0."
        + "Qx7v2Lp9Zr4Kc8Wm3Tn6Hb1Jd5Fg0Sy9Ea2Ui7Oo4Xw"
    static let databasePassword = "Pg" + "Secr3t-Fake-Passw0rd-77"
    static let netrcPassword = "Xk9 pL2m" + " Qr7v"
    static let pythonPassword = "Fake" + "-Pa55w0rd-Example-42"
    static let semgrepSecret = "example" + "-9f8e7d6c5b4a39218f7e"
    static let indexPassword = "Idx" + "Pa55-f4k3-9x8y7z"
    static let dockerPassword = "Fake0nly" + "DockerPassw0rd99"
    static let manifestToken = "tok-" + "example-5f4e3d2c1b0a99887766"

    static let values = [
        awsKeyID, awsSecret, githubClassic, githubFineGrained, githubOAuth, contextToken, fileNameToken, slackBot, slackWebhook,
        stripeLive, stripeRestricted, googleKey, sendgrid, npmToken, jwt, databasePassword, netrcPassword, pythonPassword,
        semgrepSecret, indexPassword, dockerPassword, manifestToken,
    ]

    /// Prefixes every such value starts with: public, so not what must stay secret.
    static let publicPrefixes = ["https://hooks.slack.com/services/", "github_pat_", "sk_live_", "rk_live_", "xoxb-", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."]

    /// The value without its public prefix.
    static func secretPart(_ value: String) -> String {
        publicPrefixes.first(where: value.hasPrefix).map { String(value.dropFirst($0.count)) } ?? value
    }

    /// Plants the repository in a new temporary directory.
    static func plant() throws -> LeakRepository {
        let root = try Fixtures.temporaryDirectory("ward-leak") + "/repo"
        var files = textFiles()
        let pkcs1 = try privateKey(["genrsa", "-traditional"], bits: ["2048"])
        let pkcs8 = try privateKey(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], bits: [])
        #expect(pkcs1.contains("BEGIN RSA PRIVATE KEY") && pkcs8.contains("BEGIN PRIVATE KEY"))
        files["keys/id_rsa"] = pkcs1
        files["keys/service.pem"] = pkcs8
        files["keys/settings.json"] = "{\"private_key\": \"\(pkcs8.replacingOccurrences(of: "\n", with: "\\n"))\"}\n"
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        let keyLines = (pkcs1 + pkcs8).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") && $0.count >= 16 }
        return LeakRepository(root: root, secrets: values.map(secretPart) + keyLines)
    }

    /// A private key PEM from `openssl`.
    static func privateKey(_ arguments: [String], bits: [String]) throws -> String {
        let scratch = try Fixtures.temporaryDirectory("ward-key")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let result = try Shell.run("/usr/bin/env", ["openssl"] + arguments + ["-out", scratch + "/key.pem"] + bits, directory: scratch)
        #expect(result.status == 0, "openssl: \(result.output)")
        return String(decoding: try Data(contentsOf: URL(fileURLWithPath: scratch + "/key.pem")), as: UTF8.self)
    }

    static func textFiles() -> [String: String] {
        [
            "app/config.py": """
            import os
            import subprocess

            AWS_ACCESS_KEY_ID = "\(awsKeyID)"
            AWS_SECRET_ACCESS_KEY = "\(awsSecret)"
            DB_PASSWORD = "\(pythonPassword)"


            def run(cmd):
                return subprocess.call(cmd, shell=True)


            API_SECRET = "\(semgrepSecret)"
            TOKENS = ["\(githubClassic)", "\(githubOAuth)"]; SLACK = "\(slackBot)"


            def evaluate(expression):
                token = "\(contextToken)"
                return eval(expression)


            password = "\(pythonPassword)"

            """,
            "app/db.py": """
            import sqlite3

            DATABASE_URL = "postgresql://app_admin:\(databasePassword)@db.internal.example:5432/orders"


            def find(uid):
                return sqlite3.connect(DATABASE_URL).execute("SELECT * FROM users WHERE id = %s" % uid)

            """,
            "deploy/\(fileNameToken).py": """
            import pickle


            def load(data):
                return pickle.loads(data)

            """,
            "notes/service.env": """
            STRIPE_KEY=\(stripeLive)
            STRIPE_RESTRICTED=\(stripeRestricted)
            SENDGRID_API_KEY=\(sendgrid)
            NPM_TOKEN=\(npmToken)
            GOOGLE_API_KEY=\(googleKey)
            SLACK_WEBHOOK=\(slackWebhook)
            GITHUB_TOKEN=\(githubFineGrained)
            SESSION=\(jwt)

            """,
            ".netrc": "machine api.example.com login deploy password \"\(netrcPassword)\"\n",
            "requirements.txt": "--extra-index-url https://deploy:\(indexPassword)@pypi.internal.example/simple\nrequests==2.19.0\n",
            "Dockerfile": """
            FROM python:3.11-slim
            ENV DB_URL=postgresql://app_admin:\(databasePassword)@db.internal.example:5432/orders
            ENV DOCKER_PASSWORD=\(dockerPassword) AWS_SECRET_ACCESS_KEY=\(awsSecret)
            COPY . /app
            RUN pip install -r /app/requirements.txt
            CMD ["python", "/app/app/config.py"]

            """,
            "k8s/deployment.yaml": """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orders
            spec:
              template:
                spec:
                  containers:
                    - name: orders
                      image: orders:latest
                      env:
                        - name: API_TOKEN
                          value: "\(manifestToken)"
                        - name: STRIPE_KEY
                          value: "\(stripeLive)"
                        - name: SESSION
                          value: "\(jwt)"
                      securityContext:
                        privileged: true

            """,
        ]
    }
}
