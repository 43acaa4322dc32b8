/* test_config.c: the user's config: values, and every problem at its line:col. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

static char path[64];

static void
load_text(struct config *c, const char *text)
{
	FILE *f;

	strcpy(path, "/tmp/byline-config-XXXXXX");
	close(mkstemp(path));
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	config_load(c, path, true);
	unlink(path);
}

static char *
diags_text(const struct config *c)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < c->diags.n; i++) {
		diag_format(&b, "c.yaml", &c->diags.v[i]);
		buf_addc(&b, '\n');
	}
	return buf_detach(&b);
}

static void
test_good(void **state)
{
	struct config c;

	(void)state;
	setenv("HOME", "/home/u", 1);
	load_text(&c, "library: ~/news\n"
	    "mark-read-on-open: no\n"
	    "side-pane-width: 44\n"
	    "theme: monochrome\n"
	    "clipboard: yes\n"
	    "colors:\n"
	    "  quote: bold yellow\n"
	    "  current-quote: black on bright-yellow\n"
	    "  title: 214\n"
	    "keys:\n"
	    "  next-quote: [\"]\", x]\n"
	    "  quit: Ctrl-Q\n");
	assert_int_equal(c.diags.n, 0);
	assert_string_equal(c.library, "/home/u/news");
	assert_false(c.mark_on_open);
	assert_int_equal(c.side_width, 44);
	assert_true(c.monochrome);
	assert_true(c.clipboard);
	assert_int_equal(c.ncolors, 3);
	assert_string_equal(c.colors[0].role, "quote");
	assert_int_equal(c.colors[0].fg, 3);
	assert_int_equal(c.colors[0].attrs, CONFIG_BOLD);
	assert_int_equal(c.colors[1].fg, 0);
	assert_int_equal(c.colors[1].bg, 11);
	assert_int_equal(c.colors[2].fg, 214);
	assert_int_equal(c.nbindings, 2);
	assert_string_equal(c.bindings[0].action, "next-quote");
	assert_int_equal(c.bindings[0].nkeys, 2);
	assert_string_equal(c.bindings[0].keys[1], "x");
	config_free(&c);
}

static void
test_problems(void **state)
{
	struct config c;
	char *t;

	(void)state;
	load_text(&c, "mark-read-on-open: maybe\n"
	    "side-pane-width: 5\n"
	    "colors:\n"
	    "  quote: purple\n"
	    "  nope: red\n"
	    "keys:\n"
	    "  fly: z\n"
	    "  quit: NotAKey\n"
	    "other: 1\n");
	t = diags_text(&c);
	assert_string_equal(t,
	    "c.yaml:1:20: error: mark-read-on-open must be true or false, not \"maybe\"\n"
	    "c.yaml:2:18: error: side-pane-width must be a number of columns from 20 to 100, "
	    "not \"5\"\n"
	    "c.yaml:4:10: error: \"purple\" is not a colour (a name like yellow, bright-red, a "
	    "number 0-255, \"on\" before a background, bold...); the default stands for quote\n"
	    "c.yaml:5:3: warning: unknown colour role \"nope\"; ignored\n"
	    "c.yaml:7:3: error: unknown action \"fly\" (byline(1) lists them under CONFIGURATION)\n"
	    "c.yaml:8:9: error: \"NotAKey\" is not a key byline knows (a character, Ctrl-X, "
	    "Enter, Tab, Space, Esc, Up, PgDn, F1...)\n"
	    "c.yaml:9:1: warning: unknown setting \"other\"; ignored\n");
	free(t);
	/* the defaults stand */
	assert_true(c.mark_on_open);
	assert_int_equal(c.side_width, 0);
	assert_int_equal(c.nbindings, 0);
	config_free(&c);
}

static void
test_syntax_error(void **state)
{
	struct config c;
	char *t;

	(void)state;
	load_text(&c, "keys:\n  quit: [q\n");
	t = diags_text(&c);
	assert_non_null(strstr(t, "c.yaml:3:1: error: YAML: "));
	free(t);
	assert_true(c.mark_on_open);
	config_free(&c);
}

static void
test_keys(void **state)
{
	(void)state;
	assert_true(config_key_valid("x"));
	assert_true(config_key_valid("]"));
	assert_true(config_key_valid("Ctrl-d"));
	assert_true(config_key_valid("pgdn"));
	assert_true(config_key_valid("F12"));
	assert_false(config_key_valid("F13"));
	assert_false(config_key_valid("Hyper-x"));
	assert_false(config_key_valid(" "));
}

static void
test_missing(void **state)
{
	struct config c;

	(void)state;
	config_load(&c, "/nonexistent/config.yaml", false);
	assert_int_equal(c.diags.n, 0);
	config_free(&c);
	config_load(&c, "/nonexistent/config.yaml", true);
	assert_int_equal(c.diags.n, 1);
	config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
