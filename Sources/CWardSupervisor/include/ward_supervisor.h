#ifndef WARD_SUPERVISOR_H
#define WARD_SUPERVISOR_H

/// Runs a tool as the child of this process and lives as long as it does, so that the tool's whole
/// process group dies with Ward.
///
/// argv: [ward, flag, parent pid, executable, arguments...]. This process is the leader of the
/// group Ward created. It asks the kernel for SIGTERM when its parent dies (PR_SET_PDEATHSIG) and
/// checks its parent every second as well; once the parent is gone it kills the whole group with
/// SIGKILL. Otherwise it waits for the tool and ends as the tool did (same exit status, or the
/// same signal). Returns only on a usage or fork error.
int ward_supervise(int argc, char **argv);

#endif
