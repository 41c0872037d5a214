#define _GNU_SOURCE
#include "ward_supervisor.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/// Ends this process the way the tool ended.
static int finish_like(int status, const sigset_t *empty) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    int signal_number = WTERMSIG(status);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    signal(signal_number, SIG_DFL);
    sigprocmask(SIG_SETMASK, empty, NULL);
    raise(signal_number);
    return 128 + signal_number;
}

int ward_supervise(int argc, char **argv) {
    if (argc < 4) return 126;
    char *end = NULL;
    long parent = strtol(argv[2], &end, 10);
    if (end == argv[2] || *end != '\0' || parent <= 1) return 126;
    // It kills its whole group when Ward dies: only the leader of a group of its own may do that.
    if (getpgrp() != getpid()) return 126;

    sigset_t watched, empty;
    sigemptyset(&empty);
    sigemptyset(&watched);
    int signals[] = {SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT};
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaddset(&watched, signals[i]);
    sigprocmask(SIG_BLOCK, &watched, NULL);

#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
    if (getppid() != (pid_t)parent) {
        kill(0, SIGKILL);
        return 137;
    }
    pid_t child = fork();
    if (child < 0) return 126;
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &empty, NULL);
        execv(argv[3], argv + 3);
        _exit(127);
    }
    for (;;) {
        struct timespec second = {1, 0};
        siginfo_t info;
#ifdef __linux__
        int received = sigtimedwait(&watched, &info, &second);
#else
        // No sigtimedwait: poll the parent and the tool once a second.
        (void)info;
        nanosleep(&second, NULL);
        int received = -1;
#endif
        if (getppid() != (pid_t)parent) {
            // Ward is gone: nothing may keep running in its name.
            kill(0, SIGKILL);
            _exit(137);
        }
        if (received == SIGCHLD || received < 0) {
            int status = 0;
            pid_t done = waitpid(child, &status, WNOHANG);
            if (done == child) return finish_like(status, &empty);
            if (done < 0 && errno == ECHILD) return 126;
        }
        // SIGTERM and the like come from Ward's own timeout, sent to the whole group: the tool has
        // it too, and this process waits for the tool to end.
    }
}
