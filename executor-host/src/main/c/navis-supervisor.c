/*
 * navis-supervisor EXITCODE LOG STDOUT PROGRAM [ARG...]
 *
 * Runs one container's process for the host executor, in a session of its own, and outlives
 * the server that started it. The process's stdout goes to LOG and STDOUT, its stderr to LOG;
 * its exit code (128 + the signal when a signal ended it, as a shell reports it) is written to
 * EXITCODE as soon as it ends, even while children it left behind still hold its output, and
 * the supervisor exits with that code once the output is drained. Killed before the process
 * ended, the supervisor leaves no EXITCODE.
 *
 * It does what the host executor's shell supervisor (setsid, sh, a subshell and tee) does, in
 * one program instead of four: each exec costs most of a trivial node's time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

enum { OUT, ERR, CHILD_ENDED };

/* Written to by the SIGCHLD handler, so that poll() wakes when the process ends. */
static int child_ended[2];

static void on_sigchld(int signal) {
  (void) signal;
  int saved = errno;
  (void) write(child_ended[1], "x", 1);
  errno = saved;
}

static void write_all(int fd, const char *bytes, ssize_t count) {
  while (count > 0) {
    ssize_t written = write(fd, bytes, (size_t) count);
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return; /* a full disk loses output, never the exit code */
    }
    bytes += written;
    count -= written;
  }
}

static void record_exit_code(const char *path, int code) {
  int file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (file >= 0) {
    dprintf(file, "%d\n", code);
    close(file);
  }
}

static int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* In the forked child: stdout and stderr to the pipes, then the program. */
static void run_program(int out, int err, char **argv) {
  dup2(out, STDOUT_FILENO);
  dup2(err, STDERR_FILENO);
  signal(SIGCHLD, SIG_DFL);
  execvp(argv[0], argv);
  int failure = errno;
  dprintf(STDERR_FILENO, "%s: %s\n", argv[0], strerror(failure));
  _exit(failure == EACCES || failure == ENOEXEC ? 126 : 127);
}

/* Copies the output until both pipes close, recording the exit code when the child ends. */
static int supervise(pid_t child, int out, int err, int log, int stdout_copy,
    const char *exit_code_path) {
  struct pollfd fds[3] = {
    [OUT] = {out, POLLIN, 0}, [ERR] = {err, POLLIN, 0}, [CHILD_ENDED] = {child_ended[0], POLLIN, 0}
  };
  char buffer[65536];
  int code = -1;
  int open_pipes = 2;
  while (open_pipes > 0 || code < 0) {
    if (code < 0) {
      int status;
      pid_t ended = waitpid(child, &status, WNOHANG);
      if (ended == child) {
        code = exit_code_of(status);
        record_exit_code(exit_code_path, code);
        fds[CHILD_ENDED].fd = -1;
        continue;
      }
    }
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    if (fds[CHILD_ENDED].fd >= 0 && (fds[CHILD_ENDED].revents & POLLIN)) {
      (void) read(child_ended[0], buffer, sizeof buffer);
    }
    for (int stream = OUT; stream <= ERR; stream++) {
      if (fds[stream].fd < 0 || !(fds[stream].revents & (POLLIN | POLLHUP | POLLERR))) {
        continue;
      }
      ssize_t count = read(fds[stream].fd, buffer, sizeof buffer);
      if (count < 0 && errno == EINTR) {
        continue;
      }
      if (count <= 0) {
        close(fds[stream].fd);
        fds[stream].fd = -1;
        open_pipes--;
        continue;
      }
      write_all(log, buffer, count);
      if (stream == OUT) {
        write_all(stdout_copy, buffer, count);
      }
    }
  }
  return code < 0 ? 125 : code;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    dprintf(STDERR_FILENO, "usage: navis-supervisor EXITCODE LOG STDOUT PROGRAM [ARG...]\n");
    return 125;
  }
  const char *exit_code_path = argv[1];
  setsid(); /* a Ctrl-C or a stop of the server's process group leaves the node running */

  int log = open(argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  int stdout_copy = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int out[2];
  int err[2];
  if (log < 0 || stdout_copy < 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0
      || pipe2(child_ended, O_CLOEXEC | O_NONBLOCK) != 0) {
    dprintf(STDERR_FILENO, "cannot open the node's log or output: %s\n", strerror(errno));
    return 125;
  }

  struct sigaction action = {0};
  action.sa_handler = on_sigchld;
  action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigaction(SIGCHLD, &action, NULL);

  pid_t child = fork();
  if (child < 0) {
    dprintf(STDERR_FILENO, "cannot start %s: %s\n", argv[4], strerror(errno));
    return 125;
  }
  if (child == 0) {
    run_program(out[1], err[1], argv + 4);
  }
  close(out[1]);
  close(err[1]);
  return supervise(child, out[0], err[0], log, stdout_copy, exit_code_path);
}
