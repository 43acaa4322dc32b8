/*
 * external.c: handing the terminal to another program: | pipes the article
 * to a command (as mutt does), E edits its file (as less's v does), o opens
 * its url. curses gives the terminal back while the program runs, and takes
 * it again (the whole screen repainted) after.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileio.h"
#include "show.h"
#include "ui-int.h"

/* Wait for Enter (or the end of input, or a signal to quit) on the terminal, in its ordinary mode. */
static void
wait_enter(const volatile sig_atomic_t *cancel)
{
	static const char msg[] = "\n[press Enter to return to byline]";
	char c;
	ssize_t n;

	if (write_all(STDOUT_FILENO, msg, sizeof msg - 1) < 0)
		return;
	while ((n = read(STDIN_FILENO, &c, 1)) != 0) {
		if ((n < 0 && errno != EINTR) || (cancel != NULL && *cancel))
			break;
		if (n == 1 && (c == '\n' || c == '\r'))
			break;
	}
}

/* In the child: its standard input from fd (or the terminal's), then the script. */
static void
run_child(const char *script, const char *arg, int fd)
{
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	signal(SIGPIPE, SIG_DFL);	/* byline ignores it; head(1) must not */
	execl("/bin/sh", "sh", "-c", script, "sh", arg, (char *)NULL);
	_exit(127);
}

int
ui_run(struct ui *ui, const char *script, const char *arg, const char *input, size_t inlen,
    bool wait)
{
	int fds[2] = { -1, -1 }, status = 0;
	struct sigaction ign, old;
	pid_t pid;

	term_hand_over();
	if (input != NULL && pipe(fds) < 0) {
		term_take_back();
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		if (fds[1] >= 0)
			close(fds[1]);
		run_child(script, arg, fds[0]);
	}
	/* Ctrl-C is for the program now, not for byline */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old);
	if (fds[0] >= 0) {
		close(fds[0]);
		if (pid > 0)
			(void)write_all(fds[1], input, inlen);	/* a reader that stops early is fine */
		close(fds[1]);
	}
	while (pid > 0) {
		if (waitpid(pid, &status, WUNTRACED) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (!WIFSTOPPED(status))
			break;
		/* Ctrl-Z stopped the program: stop with it, so that the shell has the terminal */
		kill(getpid(), SIGSTOP);
	}
	if (pid > 0 && wait)
		wait_enter(ui->cancel);
	sigaction(SIGINT, &old, NULL);
	term_take_back();
	if (pid < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ?
	    WTERMSIG(status) : 0);
}

/* The file of the article | and E act on: the open one, else the selected one; or NULL. */
static const char *
target_path(struct ui *ui)
{
	if (ui->r != NULL)
		return ui->r->rd.a.path;
	if (ui->view == V_LIST && ui->nrows > 0)
		return ui->lib.v[ui->rows[ui->sel]].path;
	return NULL;
}

void
ui_pipe(struct ui *ui, const char *cmd)
{
	const char *path = target_path(ui);
	struct reading rd;
	struct buf out = BUF_INIT;
	int rc;

	if (cmd[0] == '\0' || path == NULL) {
		ui_message(ui, false, "nothing piped");
		return;
	}
	/* the article as byline show prints it: read again, whole */
	if (!reading_load(&rd, path, ARTICLE_LOAD_FULL, NULL)) {
		ui_message(ui, true, "%s: cannot be read", path);
		reading_free(&rd);
		return;
	}
	reading_layout(&rd);
	show_text(&rd.d, &rd.a, 0, &out);
	reading_free(&rd);
	rc = ui_run(ui, cmd, "", out.data != NULL ? out.data : "", out.len, true);
	buf_free(&out);
	if (rc == 0)
		ui_message(ui, false, "piped to %s", cmd);
	else if (rc < 0)
		ui_message(ui, true, "could not run %s", cmd);
	else
		ui_message(ui, true, "%s exited with status %d", cmd, rc);
}

/* E: the file in the editor, then the library and the article read again. */
static void
edit(struct ui *ui, const char *path)
{
	const char *script = getenv("VISUAL") != NULL && getenv("VISUAL")[0] != '\0' ?
	    "$VISUAL \"$1\"" : getenv("EDITOR") != NULL && getenv("EDITOR")[0] != '\0' ?
	    "$EDITOR \"$1\"" : "vi \"$1\"";
	char *file = path[0] == '-' ? xasprintf("./%s", path) : xstrdup(path);
	bool open = ui->r != NULL;
	size_t off = open ? article_top_offset(ui) : 0, i;
	int rc = ui_run(ui, script, file, NULL, 0, false);

	if (open)
		article_close(ui);
	ui_reload(ui);
	for (i = 0; open && i < ui->lib.n; i++)
		if (strcmp(ui->lib.v[i].path, file) == 0 || strcmp(ui->lib.v[i].path, path) == 0)
			break;
	if (open && (i < ui->lib.n ? article_open(ui, i, NULL) : article_open(ui, SIZE_MAX, file)))
		article_goto_offset(ui, off);
	if (rc != 0 && ui->msg[0] == '\0')
		ui_message(ui, true, rc < 0 ? "could not run the editor" :
		    "the editor exited with status %d", rc);
	free(file);
}

void
ui_external(struct ui *ui, enum action act)
{
	const char *path = target_path(ui);

	if (path == NULL) {
		ui_message(ui, false, "no article selected");
		return;
	}
	if (act == ACT_PIPE) {
		prompt_open(ui, PROMPT_PIPE, NULL);
	} else {
		char *p = xstrdup(path);	/* the library it points into is read again */

		edit(ui, p);
		free(p);
	}
}
