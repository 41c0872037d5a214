import Foundation

/// One finding's whole history: where each scan saw it and by which tool, its status events and
/// the reviewers' decisions.
public struct FindingStory: Sendable, Hashable {
    /// One tool's sighting of the finding in one scan.
    public struct Sighting: Sendable, Hashable {
        /// The scan.
        public var scanID: String
        /// When the scan started.
        public var at: Date
        /// The tool that reported it.
        public var toolID: String
        /// Where, as that tool saw it.
        public var location: SourceLocation?
        /// The tool's own record (redacted), with its ids.
        public var raw: String?

        /// Creates a sighting.
        public init(scanID: String, at: Date, toolID: String, location: SourceLocation?, raw: String?) {
            self.scanID = scanID
            self.at = at
            self.toolID = toolID
            self.location = location
            self.raw = raw
        }
    }

    /// The finding as the history knows it now.
    public var finding: TrackedFinding
    /// Every sighting, oldest first.
    public var sightings: [Sighting]
    /// Every status event, oldest first.
    public var events: [FindingEvent]
    /// Every decision, oldest first.
    public var triage: [TriageDecision]
    /// The scans of the sightings (with their branch and commit where known), oldest first.
    public var scans: [ScanSummary]

    /// Creates a story.
    public init(finding: TrackedFinding, sightings: [Sighting], events: [FindingEvent], triage: [TriageDecision],
                scans: [ScanSummary] = []) {
        self.finding = finding
        self.sightings = sightings
        self.events = events
        self.triage = triage
        self.scans = scans
    }
}
