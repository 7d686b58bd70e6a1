/*
 * navis-supervisor EXITCODE LOG STDOUT PROGRAM [ARG...]
 * navis-supervisor --serve
 *
 * Runs one container's process for the host executor, in a session of its own, and outlives
 * the server that started it. The process's stdout goes to LOG and STDOUT, its stderr to LOG;
 * its exit code (128 + the signal when a signal ended it, as a shell reports it) is written to
 * EXITCODE as soon as it ends, even while children it left behind still hold its output, and
 * the supervisor exits with that code once the output is drained. Killed before the process
 * ended, the supervisor leaves no EXITCODE.
 *
 * With --serve it starts supervisors on request instead, forking each from this small process
 * rather than having the server spawn a program per container: each exec costs most of a
 * trivial node's time. The server writes requests to stdin, each "<bytes>\n" followed by that
 * many bytes of NUL-terminated fields: id, working folder, EXITCODE, LOG, STDOUT, the number
 * of arguments, the arguments (the program first, by its path), then the environment. It
 * reads back one line per request, "started <id> <pid>" once the program runs or
 * "failed <id> <errno> <reason>" when it could not start, and "ended <pid> <code>" when a
 * supervisor exits. At the end of stdin it takes no more requests, and exits once the last
 * supervisor it started has ended.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

enum { OUT, ERR, CHILD_ENDED };

enum { USAGE = 125, CANNOT_RUN = 126, NOT_FOUND = 127 };

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

/*
 * In the forked child: stdout and stderr to the pipes, then the program. A failed start is
 * said on stderr, as a shell says it, and its errno written to started_fd.
 */
static void run_program(int out, int err, int started_fd, char **argv, char **envp) {
  dup2(out, STDOUT_FILENO);
  dup2(err, STDERR_FILENO);
  /* An ignored signal stays ignored across exec: the program gets the defaults back. */
  signal(SIGCHLD, SIG_DFL);
  signal(SIGPIPE, SIG_DFL);
  signal(SIGINT, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  if (envp == NULL) {
    execvp(argv[0], argv);
  } else {
    execve(argv[0], argv, envp);
  }
  int failure = errno;
  dprintf(STDERR_FILENO, "%s: %s\n", argv[0], strerror(failure));
  write_all(started_fd, (const char *) &failure, sizeof failure);
  _exit(failure == EACCES || failure == ENOEXEC ? CANNOT_RUN : NOT_FOUND);
}

/* Copies the output until both pipes close, recording the exit code when the child ends. */
static int copy_output(pid_t child, int out, int err, int log, int stdout_copy,
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
      if (waitpid(child, &status, WNOHANG) == child) {
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
  return code < 0 ? USAGE : code;
}

/*
 * Runs argv under supervision in this process, which is the supervisor, and returns its exit
 * code. envp NULL keeps this process's environment and searches the PATH. When ready_fd is not
 * -1, it is sent one int once the program runs (0) or could not start (its errno); a program
 * that could not start then leaves no EXITCODE, since the one who asked reports the failure.
 */
static int supervise(const char *exit_code_path, const char *log_path, const char *stdout_path,
    char **argv, char **envp, int ready_fd) {
  int failure = 0;
  int log = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  int stdout_copy = open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int out[2];
  int err[2];
  int started[2];
  if (log < 0 || stdout_copy < 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0
      || pipe2(started, O_CLOEXEC) != 0 || pipe2(child_ended, O_CLOEXEC | O_NONBLOCK) != 0) {
    failure = errno;
    dprintf(STDERR_FILENO, "cannot open the node's log or output: %s\n", strerror(failure));
    write_all(ready_fd, (const char *) &failure, sizeof failure);
    return USAGE;
  }

  struct sigaction action = {0};
  action.sa_handler = on_sigchld;
  action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigaction(SIGCHLD, &action, NULL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);

  pid_t child = fork();
  if (child < 0) {
    failure = errno;
    dprintf(STDERR_FILENO, "cannot start %s: %s\n", argv[0], strerror(failure));
    write_all(ready_fd, (const char *) &failure, sizeof failure);
    return USAGE;
  }
  if (child == 0) {
    run_program(out[1], err[1], started[1], argv, envp);
  }
  close(out[1]);
  close(err[1]);
  close(started[1]);

  /* The pipe closes at a successful exec; a failed one writes its errno first. */
  while (read(started[0], &failure, sizeof failure) < 0 && errno == EINTR) {
  }
  close(started[0]);
  if (ready_fd >= 0) {
    write_all(ready_fd, (const char *) &failure, sizeof failure);
    close(ready_fd);
    if (failure != 0) {
      int status;
      while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
      }
      return exit_code_of(status);
    }
  }
  return copy_output(child, out[0], err[0], log, stdout_copy, exit_code_path);
}

/* --- The launcher (--serve) --- */

/* Reports every supervisor that ended; runs only while the main loop waits in ppoll. */
static void report_ended(int signal) {
  (void) signal;
  int saved = errno;
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    char line[64];
    int length = snprintf(line, sizeof line, "ended %d %d\n", (int) pid, exit_code_of(status));
    write_all(STDOUT_FILENO, line, length);
  }
  errno = saved;
}

/* Forks one supervisor for the request's fields and answers whether its program runs. */
static void launch(char **fields, int count) {
  if (count < 7) {
    return;
  }
  const char *id = fields[0];
  const char *cwd = fields[1];
  int argc = atoi(fields[5]);
  if (argc < 1 || 6 + argc > count) {
    dprintf(STDOUT_FILENO, "failed %s %d malformed request\n", id, EINVAL);
    return;
  }
  char **argv = calloc((size_t) argc + 1, sizeof *argv);
  char **envp = calloc((size_t) (count - 6 - argc) + 1, sizeof *envp);
  memcpy(argv, fields + 6, (size_t) argc * sizeof *argv);
  memcpy(envp, fields + 6 + argc, (size_t) (count - 6 - argc) * sizeof *envp);

  int ready[2];
  int failure = 0;
  pid_t pid = -1;
  if (pipe2(ready, O_CLOEXEC) != 0) {
    failure = errno;
  } else if ((pid = fork()) < 0) {
    failure = errno;
    close(ready[0]);
    close(ready[1]);
  } else if (pid == 0) {
    close(ready[0]);
    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    int quiet = open("/dev/null", O_RDWR);
    dup2(quiet, STDIN_FILENO);
    dup2(quiet, STDOUT_FILENO); /* the server's pipe stays the launcher's alone */
    setsid();
    if (chdir(cwd) != 0) {
      failure = errno;
      write_all(ready[1], (const char *) &failure, sizeof failure);
      _exit(USAGE);
    }
    int log = open(fields[3], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log >= 0) {
      dup2(log, STDERR_FILENO); /* the supervisor's own complaints belong to the node */
    }
    _exit(supervise(fields[2], fields[3], fields[4], argv, envp, ready[1]));
  } else {
    close(ready[1]);
    ssize_t got;
    while ((got = read(ready[0], &failure, sizeof failure)) < 0 && errno == EINTR) {
    }
    if (got != sizeof failure) {
      failure = ECHILD; /* the supervisor died before it could say */
    }
    close(ready[0]);
  }
  if (failure == 0) {
    dprintf(STDOUT_FILENO, "started %s %d\n", id, (int) pid);
  } else {
    dprintf(STDOUT_FILENO, "failed %s %d %s\n", id, failure, strerror(failure));
  }
  free(argv);
  free(envp);
}

/* Launches each complete request in buffer[0, *length); keeps a partial one for later. */
static void launch_complete_requests(char *buffer, size_t *length) {
  size_t start = 0;
  for (;;) {
    char *newline = memchr(buffer + start, '\n', *length - start);
    if (newline == NULL) {
      break;
    }
    size_t size = strtoul(buffer + start, NULL, 10);
    size_t body = (size_t) (newline - buffer) + 1;
    if (body + size > *length) {
      break;
    }
    if (size == 0) {
      start = body;
      continue;
    }
    buffer[body + size - 1] = '\0';
    int count = 0;
    for (size_t at = body; at < body + size; at++) {
      count += buffer[at] == '\0';
    }
    char **fields = malloc((size_t) count * sizeof *fields);
    int field = 0;
    for (size_t at = body; at < body + size; at += strlen(buffer + at) + 1) {
      fields[field++] = buffer + at;
    }
    launch(fields, count);
    free(fields);
    start = body + size;
  }
  memmove(buffer, buffer + start, *length - start);
  *length -= start;
}

/*
 * After the end of stdin: reaps each supervisor as it ends, then exits. Otherwise they would
 * be left to init, which on some hosts (a container's init that is no shell) never reaps them.
 */
static int reap_until_none_left(void) {
  int status;
  for (;;) {
    pid_t pid = waitpid(-1, &status, 0);
    if (pid > 0) {
      dprintf(STDOUT_FILENO, "ended %d %d\n", (int) pid, exit_code_of(status));
    } else if (errno != EINTR) {
      return 0;
    }
  }
}

static int serve(void) {
  signal(SIGPIPE, SIG_IGN); /* a server gone away is seen as the end of stdin */
  /* Like the supervisors, outlive a Ctrl-C or a closed terminal of the server's. */
  signal(SIGINT, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  sigset_t chld;
  sigset_t waiting;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, &waiting);
  sigdelset(&waiting, SIGCHLD);
  struct sigaction action = {0};
  action.sa_handler = report_ended;
  action.sa_flags = SA_NOCLDSTOP;
  sigaction(SIGCHLD, &action, NULL);

  size_t capacity = 1 << 20;
  size_t length = 0;
  char *buffer = malloc(capacity);
  for (;;) {
    struct pollfd input = {STDIN_FILENO, POLLIN, 0};
    if (ppoll(&input, 1, NULL, &waiting) < 0) {
      if (errno == EINTR) {
        continue; /* report_ended ran */
      }
      return reap_until_none_left();
    }
    if (length == capacity) {
      capacity *= 2;
      buffer = realloc(buffer, capacity);
    }
    ssize_t count = read(STDIN_FILENO, buffer + length, capacity - length);
    if (count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN)) {
      return reap_until_none_left();
    }
    if (count > 0) {
      length += (size_t) count;
      launch_complete_requests(buffer, &length);
    }
  }
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--serve") == 0) {
    return serve();
  }
  if (argc < 5) {
    dprintf(STDERR_FILENO, "usage: navis-supervisor EXITCODE LOG STDOUT PROGRAM [ARG...]\n"
        "       navis-supervisor --serve\n");
    return USAGE;
  }
  setsid(); /* a Ctrl-C or a stop of the server's process group leaves the node running */
  return supervise(argv[1], argv[2], argv[3], argv + 4, NULL, -1);
}
