import Foundation
import Testing
import TestSupport

/// `ward serve` runs the separate `ward-server` program found beside `ward`, which refuses to
/// listen beyond loopback while no API token exists, and a malformed address, with one line and exit 3.
@Suite struct ServeCommandTests {
    @Test func serveRunsWardServerWhichRefusesAnOpenNonLoopbackAddress() throws {
        let directory = try Fixtures.temporaryDirectory("ward-serve")
        let database = directory + "/history.sqlite"
        let open = try WardProcess.run(["serve", "--db", database, "--listen", "0.0.0.0:0"], environment: ["WARD_HOME": directory])
        #expect(open.status == 3)
        #expect(open.stderr.contains("not a loopback address") && open.stderr.split(separator: "\n").count == 1, "\(open.stderr)")
        let malformed = try WardProcess.run(["serve", "--db", database, "--listen", "nowhere"], environment: ["WARD_HOME": directory])
        #expect(malformed.status == 3 && malformed.stderr.contains("--listen"), "\(malformed.stderr)")
        let proxy = try WardProcess.run(["serve", "--db", database, "--trust-proxy", "proxy.example"], environment: ["WARD_HOME": directory])
        #expect(proxy.status == 3 && proxy.stderr.contains("--trust-proxy") && proxy.stderr.split(separator: "\n").count == 1, "\(proxy.stderr)")
    }
}
