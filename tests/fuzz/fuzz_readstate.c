/*
 * fuzz_readstate.c: any bytes as a read-marks file, through readstate_parse.
 *
 * A well-formed file must say why not when it is refused (a cause) and
 * nothing when it is taken; the state must answer questions about the keys
 * the file names either way, and take changes (which cannot be saved: the
 * state is in memory) without losing them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "readstate.h"

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct readstate *rs = readstate_new_memory();
	char *text = fz_exact(data, size), *cause = (char *)"unset", *key;
	const char *sp, *nl;
	size_t n, nread, n2, nread2;
	int r;

	r = readstate_parse(rs, text, size, &cause);
	FUZZ_CHECK(r == 0 || r == -1, "readstate_parse returned neither 0 nor -1");
	FUZZ_CHECK(r == 0 ? cause == NULL : cause != NULL, "a cause with success, or none with failure");
	free(cause);
	n = readstate_count(rs, &nread);
	FUZZ_CHECK(nread <= n, "more read entries than entries");

	/* the first key of the file, as written (escapes and all) */
	nl = memchr(text, '\n', size);
	if (nl != NULL) {
		const char *line = nl + 1, *end = text + size;

		nl = memchr(line, '\n', (size_t)(end - line));
		sp = memchr(line, ' ', (size_t)((nl != NULL ? nl : end) - line));
		if (sp != NULL) {
			key = xstrndup(line, (size_t)(sp - line));
			(void)readstate_is_read(rs, key);
			(void)readstate_position(rs, key);
			/* a change in memory is kept though it cannot be saved */
			cause = NULL;
			if (key[0] != '\0') {
				const char *keys[1];

				keys[0] = key;
				FUZZ_CHECK(readstate_set_read(rs, keys, 1, true, &cause) == -1,
				    "saving a memory-only state succeeded");
				FUZZ_CHECK(cause != NULL, "a failed save without a cause");
				free(cause);
				FUZZ_CHECK(readstate_is_read(rs, key), "a mark lost when the save failed");
				cause = NULL;
				readstate_set_position(rs, key, 12345, &cause);
				free(cause);
				FUZZ_CHECK(readstate_position(rs, key) == 12345, "a position lost");
			}
			free(key);
		}
	}

	/* parsing again replaces what the state held */
	cause = NULL;
	r = readstate_parse(rs, text, size, &cause);
	free(cause);
	n2 = readstate_count(rs, &nread2);
	FUZZ_CHECK(n2 == n && nread2 == nread, "parsing the same bytes twice gives another state");
	(void)r;
	readstate_close(rs);
	free(text);
	return 0;
}
