import Foundation

extension RedactionStage {
    /// A finding's story redacted for output: the finding, each sighting's location and raw record,
    /// the events' details and the reviewers' reasons pass the stage together, as texts of the
    /// finding's file, so a value masked in one is masked in all.
    public func redact(_ story: FindingStory) -> Redacted<FindingStory> {
        let base = story.finding
        func carrier(_ text: String) -> TrackedFinding {
            var tracked = base
            tracked.finding.message = text
            tracked.finding.raw = nil
            return tracked
        }
        let sightings = story.sightings.map { sighting -> TrackedFinding in
            var tracked = base
            tracked.finding.toolID = sighting.toolID
            tracked.finding.location = sighting.location ?? base.finding.location
            tracked.finding.raw = sighting.raw
            return tracked
        }
        let details = story.events.flatMap { event in event.detail.keys.sorted().map { carrier(event.detail[$0] ?? "") } }
        let reasons = story.triage.flatMap { [carrier($0.reason), carrier($0.author)] }
        let all = redact([base] + sightings + details + reasons).value
        var result = story
        result.finding = all[0]
        var next = 1
        for index in result.sightings.indices {
            if result.sightings[index].location != nil { result.sightings[index].location = all[next].finding.location }
            result.sightings[index].raw = all[next].finding.raw
            next += 1
        }
        for index in result.events.indices {
            for key in result.events[index].detail.keys.sorted() {
                result.events[index].detail[key] = all[next].finding.message
                next += 1
            }
        }
        for index in result.triage.indices {
            result.triage[index].reason = all[next].finding.message
            result.triage[index].author = all[next + 1].finding.message
            next += 2
        }
        return Redacted(result)
    }

    /// A diff redacted for output: every finding it lists passes the stage in one run.
    public func redact(_ diff: ScanDiff) -> Redacted<ScanDiff> {
        let lists = [diff.new, diff.reopened, diff.fixed, diff.severityChanged.map(\.finding)]
        var all = redact(lists.flatMap { $0 }).value[...]
        func take(_ count: Int) -> [TrackedFinding] {
            defer { all = all.dropFirst(count) }
            return Array(all.prefix(count))
        }
        var result = diff
        result.new = take(diff.new.count)
        result.reopened = take(diff.reopened.count)
        result.fixed = take(diff.fixed.count)
        for (index, tracked) in take(diff.severityChanged.count).enumerated() { result.severityChanged[index].finding = tracked }
        return Redacted(result)
    }
}
