import CWardSupervisor
import Foundation
import WardCLI
import WardScanners

// `ward --ward-supervise PID TOOL ARGS…` is how Ward starts each tool (see ProcessSupervisor).
if CommandLine.arguments.count > 3, CommandLine.arguments[1] == ProcessSupervisor.flag {
    exit(ward_supervise(CommandLine.argc, CommandLine.unsafeArgv))
}
ProcessSupervisor.superviseWithThisExecutable()
await WardCommand.execute()
