#ifndef SQUALL_CNCURSES_SHIM_H
#define SQUALL_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c);

/* Wrappers for the macros and globals Swift cannot import or may not read under strict concurrency. */
static inline WINDOW *squall_stdscr(void) { return stdscr; }
static inline int squall_lines(void) { return LINES; }
static inline int squall_cols(void) { return COLS; }
static inline void squall_set_escdelay(int ms) { set_escdelay(ms); }
static inline int squall_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int squall_a_bold(void) { return (int)A_BOLD; }
static inline int squall_a_reverse(void) { return (int)A_REVERSE; }
static inline int squall_a_underline(void) { return (int)A_UNDERLINE; }
static inline int squall_a_dim(void) { return (int)A_DIM; }
static inline unsigned long squall_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline unsigned long squall_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline unsigned long squall_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline unsigned long squall_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline unsigned long squall_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline int squall_key_btab(void) { return KEY_BTAB; }
static inline int squall_wcwidth(wchar_t c) { return wcwidth(c); }
static inline int squall_key_f0(void) { return KEY_F0; }
static inline int squall_attrset(WINDOW *w, int attrs) { return wattrset(w, attrs); }
static inline int squall_color_count(void) { return COLORS; }
/* newterm on the process's own stdout/stdin; NULL when TERM is unknown (initscr would exit). */
static inline SCREEN *squall_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline void squall_locale(void) { setlocale(LC_ALL, ""); }

#endif
