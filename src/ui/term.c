/*
 * term.c: the reader's terminal: what it must be able to do, its modes on
 * the way in and out, signals, job control, bracketed paste, and reading
 * keys from a terminal that may go away at any moment.
 *
 * Signals only set flags (vis, tmux): SIGINT, SIGTERM and SIGHUP end the
 * reader; SIGWINCH makes the loop take the size again; SIGTSTP suspends at
 * the next turn of the loop (the terminal given back as it was: shell
 * modes, normal screen, no mouse, no bracketed paste), and SIGCONT, however
 * the stop came (Ctrl-Z, kill -STOP, a debugger), puts the reader's modes
 * back and repaints. curses's own handlers are not installed.
 *
 * A terminal that goes away (a closed window, a killed tmux pane, a dropped
 * ssh connection) does not always send SIGHUP: a reader started under a
 * parent that does not pass the hangup on, or one whose terminal is not its
 * controlling terminal (setsid), only sees reads fail (EIO) or end (EOF)
 * and the wait report the terminal ready with nothing in it. Either counts
 * as a hangup: the reader ends, saving marks and position.
 *
 * A fatal signal (a crash) puts the terminal back before the process dies.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

#include "fileio.h"
#include "sanitize.h"
#include "ui-int.h"

#include <term.h>	/* last: its macros (lines, columns...) would clash with our names */

volatile sig_atomic_t term_quit;
volatile sig_atomic_t term_nsignals;
static volatile sig_atomic_t got_winch, got_tstp, got_cont;

static SCREEN *screen;
static struct termios shell_tios;	/* the terminal as byline found it */
static bool have_tios;
static char leave_seq[256];		/* what puts the terminal back, for a crash */
static size_t leave_len;

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGQUIT };
static struct sigaction fatal_old[sizeof fatal_signals / sizeof fatal_signals[0]];

#define PASTE_ON	"\033[?2004h"
#define PASTE_OFF	"\033[?2004l"
/* every mouse mode curses may have turned on, and bracketed paste, off */
#define MODES_OFF	"\033[?1000l\033[?1002l\033[?1003l\033[?1006l" PASTE_OFF

/* The handler of the signals the reader handles: it sets their flag, nothing else. */
static void
on_signal(int sig)
{
	switch (sig) {
	case SIGWINCH:
		got_winch = 1;
		break;
	case SIGTSTP:
		got_tstp = 1;
		break;
	case SIGCONT:
		got_cont = 1;
		break;
	default:
		term_quit = sig;
		term_nsignals++;
		break;
	}
}

/*
 * A crash: put the terminal back (async-signal-safe calls only), then let
 * the signal do what it did before (the default, or a sanitizer's report).
 */
static void
on_fatal(int sig, siginfo_t *si, void *ctx)
{
	size_t i;

	(void)ctx;
	if (leave_len > 0)
		(void)!write(STDOUT_FILENO, leave_seq, leave_len);
	if (have_tios)
		tcsetattr(STDIN_FILENO, TCSANOW, &shell_tios);
	for (i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		if (fatal_signals[i] == sig)
			sigaction(sig, &fatal_old[i], NULL);
	/* a fault happens again on return; a signal that was sent is sent again */
	if (si == NULL || si->si_code <= 0 || sig == SIGABRT || sig == SIGQUIT)
		raise(sig);
}

void
term_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a blocked read returns */
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Install on_fatal for the crash signals, keeping what was there to hand on to. */
static void
fatal_signals_install(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fatal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
	for (i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaction(fatal_signals[i], &sa, &fatal_old[i]);
}

/* Append s (a terminfo string, when the terminal has it) to the crash sequence. */
static void
leave_add(const char *s)
{
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (leave_len + n < sizeof leave_seq) {
		memcpy(leave_seq + leave_len, s, n);
		leave_len += n;
	}
}

int
term_check(void)
{
	const char *term = getenv("TERM");
	struct buf name = BUF_INIT;
	char *cup;
	int err = 0;
	bool ok;

	sanitize_appends(&name, term != NULL ? term : "", 0);
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr, "byline: cannot use the terminal type \"%s\"\n",
		    name.data != NULL ? name.data : "");
		buf_free(&name);
		return EXIT_PROBLEM;
	}
	cup = tigetstr("cup");
	ok = cup != NULL && cup != (char *)-1;
	del_curterm(cur_term);
	if (!ok)
		fprintf(stderr, "byline: the terminal '%s' cannot move the cursor; "
		    "use byline show or list\n", name.data != NULL ? name.data : "");
	buf_free(&name);
	return ok ? 0 : EXIT_PROBLEM;
}

/* Write s to the terminal at once (after what curses has written). */
static void
term_write(const char *s)
{
	fflush(stdout);
	write_all(STDOUT_FILENO, s, strlen(s));
}

/*
 * Modes curses has no call for: flow control (IXON) off, so that Ctrl-S and
 * Ctrl-Q are keys, and bracketed paste on. Curses then takes this as the
 * program's mode, which endwin() leaves and refresh() restores.
 */
static void
term_own_modes(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
	def_prog_mode();
}

bool
term_start(void)
{
	have_tios = tcgetattr(STDIN_FILENO, &shell_tios) == 0;
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		fprintf(stderr, "byline: cannot use the terminal\n");
		return false;
	}
	set_term(screen);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);	/* term_read_key() does the waiting */
	typeahead(-1);	/* one write per screen, not a poll and a write per line */
	set_escdelay(25);
	curs_set(0);
	/*
	 * The release is asked for although the views do nothing with it: when
	 * it is not, ncurses reads on after a click in a blocking read that no
	 * signal ends, so that a resize after a click was not seen until the
	 * next key (issue 12, defect 1).
	 */
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_DOUBLE_CLICKED |
	    BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
	    | BUTTON5_PRESSED
#endif
	    , NULL);
	mouseinterval(0);
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	term_own_modes();
	leave_add(MODES_OFF);
	leave_add(tigetstr("sgr0"));
	leave_add(tigetstr("cnorm"));
	leave_add(tigetstr("rmkx"));
	leave_add(tigetstr("rmcup"));
	fatal_signals_install();
	term_write(PASTE_ON);
	return true;
}

/*
 * Give the terminal back: the reader's screen cleared first (tmux, resized
 * while the alternate screen was up, brings some of its rows back onto the
 * shell's screen), bracketed paste off, then curses's endwin().
 */
static void
term_leave(void)
{
	erase();
	refresh();
	term_write(PASTE_OFF);
	endwin();
}

void
term_end(void)
{
	size_t i;

	if (screen == NULL)
		return;
	term_leave();
	delscreen(screen);
	screen = NULL;
	for (i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaction(fatal_signals[i], &fatal_old[i], NULL);
	leave_len = 0;
}

/* Back in the reader's modes after a stop: curses restores them and repaints all. */
static void
term_resume(void)
{
	got_cont = 0;
	clearok(curscr, TRUE);
	refresh();
	term_write(PASTE_ON);
}

void
term_hand_over(void)
{
	term_leave();
}

void
term_take_back(void)
{
	term_resume();
}

int
term_events(void)
{
	int ev = 0;

	if (got_tstp) {
		struct sigaction sa, old;

		got_tstp = 0;
		term_leave();
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = SIG_DFL;
		sigaction(SIGTSTP, &sa, &old);
		raise(SIGTSTP);		/* stopped here until fg */
		sigaction(SIGTSTP, &old, NULL);
		term_resume();
		ev |= TERM_EV_SIZE;
	}
	if (got_cont) {
		/* stopped by something else (kill -STOP): whoever ran meanwhile changed the modes */
		endwin();
		term_resume();
		ev |= TERM_EV_SIZE;
	}
	if (got_winch) {
		got_winch = 0;
		ev |= TERM_EV_SIZE;
	}
	return ev;
}

/*
 * The terminal answered "ready" and gave no key: is it gone? A hung-up or
 * closed terminal says so in poll(); else a read that ends (EOF) or fails
 * (EIO) again and again, 50 times in a row, says the same.
 */
static bool
term_gone(int kind)
{
	static int empty;
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };

	if (kind != ERR) {
		empty = 0;
		return false;
	}
	if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		return true;
	return errno == EIO || ++empty >= 50;
}

int
term_read_key(wint_t *ch, int timeout_ms, const int *fds, size_t nfds)
{
	sigset_t block, old;
	struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
	fd_set in;
	int kind = ERR, n, top = STDIN_FILENO;
	size_t i;

	/*
	 * Between the last look at the flags and the wait the signals are
	 * blocked, and only pselect() lets them in: one that comes just before
	 * the wait ends it (the race of a plain blocking read). curses reads
	 * without waiting (nodelay): what it holds already is taken first.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGTSTP);
	sigaddset(&block, SIGCONT);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (term_quit == 0 && got_winch == 0 && got_tstp == 0 && got_cont == 0 &&
	    (kind = get_wch(ch)) == ERR) {
		FD_ZERO(&in);
		FD_SET(STDIN_FILENO, &in);
		for (i = 0; i < nfds; i++)
			if (fds[i] >= 0) {
				FD_SET(fds[i], &in);	/* news to paint */
				top = fds[i] > top ? fds[i] : top;
			}
		n = pselect(top + 1, &in, NULL, NULL, timeout_ms >= 0 ? &ts : NULL, &old);
		if (n > 0 && !FD_ISSET(STDIN_FILENO, &in)) {
			kind = ERR;	/* only news: the caller takes it in and paints */
		} else if (n > 0) {
			errno = 0;
			kind = get_wch(ch);
			if (term_gone(kind))
				term_quit = SIGHUP;
		} else if (n == 0) {
			kind = TERM_IDLE;
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (kind != ERR && kind != TERM_IDLE)
		term_gone(kind);
	return kind;
}

int
term_next_key(wint_t *ch)
{
	if (term_quit != 0 || got_winch || got_tstp || got_cont)
		return ERR;
	return get_wch(ch);
}
