#ifndef SQUALL_CNCURSES_SHIM_H
#define SQUALL_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>


/* Wrappers for the macros and globals Swift cannot import or may not read under strict concurrency. */
static inline WINDOW *squall_stdscr(void) { return stdscr; }
static inline int squall_lines(void) { return LINES; }
static inline int squall_cols(void) { return COLS; }
static inline void squall_set_escdelay(int ms) { set_escdelay(ms); }
static inline int squall_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int squall_a_bold(void) { return (int)A_BOLD; }
static inline int squall_a_reverse(void) { return (int)A_REVERSE; }
static inline int squall_a_dim(void) { return (int)A_DIM; }
static inline unsigned long squall_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline unsigned long squall_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline unsigned long squall_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline unsigned long squall_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline unsigned long squall_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline int squall_key_btab(void) { return KEY_BTAB; }
static inline int squall_key_f0(void) { return KEY_F0; }
static inline int squall_attrset(WINDOW *w, int attrs) { return wattrset(w, attrs); }
/* newterm on the process's own stdout/stdin; NULL when TERM is unknown (initscr would exit). */
static inline SCREEN *squall_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline void squall_locale(void) { setlocale(LC_ALL, ""); }

/* Signal handling for the playground, in C because a signal handler may only touch
   async-signal-safe state: a flag, a pipe, endwin, and the previous handler. */
static inline volatile sig_atomic_t *squall_stop_flag(void) {
  static volatile sig_atomic_t flag = 0;
  return &flag;
}
static inline int *squall_wake_fd(void) {
  static int fd = -1;
  return &fd;
}
static inline struct sigaction *squall_previous_winch(void) {
  static struct sigaction previous;
  return &previous;
}
static void squall_on_stop(int number) {
  *squall_stop_flag() = number;
  /* The signal may land on any thread: wake the UI loop, which may be waiting in poll(2). */
  char byte = 3;
  if (*squall_wake_fd() >= 0) { ssize_t ignored = write(*squall_wake_fd(), &byte, 1); (void)ignored; }
}
static void squall_on_winch(int number) {
  char byte = 2;
  if (*squall_wake_fd() >= 0) { ssize_t ignored = write(*squall_wake_fd(), &byte, 1); (void)ignored; }
  struct sigaction *previous = squall_previous_winch();
  if (previous->sa_flags & SA_SIGINFO) {
    if (previous->sa_sigaction) previous->sa_sigaction(number, NULL, NULL);
  } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN && previous->sa_handler) {
    previous->sa_handler(number);
  }
}
static void squall_on_crash(int number) {
  endwin();
  signal(number, SIG_DFL);
  raise(number);
}
/* SIGTERM/SIGHUP/SIGINT (from kill: in raw mode Ctrl-C is a key) set the stop flag and wake the
   UI loop; SIGWINCH also wakes the UI loop through `wake_fd`, then
   runs ncurses' own handler; crashes restore the terminal, then take the default action. */
static inline void squall_install_signal_handlers(int wake_fd) {
  *squall_wake_fd() = wake_fd;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = squall_on_winch;
  action.sa_flags = SA_RESTART;
  sigaction(SIGWINCH, &action, squall_previous_winch());
  signal(SIGTERM, squall_on_stop);
  signal(SIGHUP, squall_on_stop);
  signal(SIGINT, squall_on_stop);
  int crashes[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT};
  for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) signal(crashes[i], squall_on_crash);
}
static inline void squall_remove_signal_handlers(void) {
  *squall_wake_fd() = -1;
  sigaction(SIGWINCH, squall_previous_winch(), NULL);
  int all[] = {SIGTERM, SIGHUP, SIGINT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT};
  for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) signal(all[i], SIG_DFL);
}
static inline int squall_stop_requested(void) { return *squall_stop_flag() != 0; }

#endif
