/*
 * test_date.c: article_parse_date() on the dates feeds write: RFC 822 with
 * named zones, odd case, missing seconds, two-digit years; RFC 3339; and the
 * common broken forms. Each case is checked down to the second (as an epoch)
 * so that a zone read wrong fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "article.h"
#include "util.h"

/* One date and the UTC instant it names, written as ISO 8601 with Z. */
struct date_case {
	const char	*text;
	const char	*utc;		/* "YYYY-MM-DDTHH:MM:SSZ" */
};

/* The epoch of an ISO date known to be good. */
static int64_t
epoch_of(const char *iso)
{
	struct article_date d;

	assert_true(article_parse_date(iso, &d));
	return article_date_epoch(&d);
}

/* Check every case of v: it parses, and names the instant given. */
static void
check_cases(const struct date_case *v, size_t n)
{
	struct article_date d;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!article_parse_date(v[i].text, &d))
			fail_msg("not read as a date: \"%s\"", v[i].text);
		if (article_date_epoch(&d) != epoch_of(v[i].utc))
			fail_msg("\"%s\": %lld, expected %s", v[i].text,
			    (long long)article_date_epoch(&d), v[i].utc);
	}
}

static void
test_rfc822(void **state)
{
	static const struct date_case v[] = {
		{ "Fri, 04 Mar 2022 10:00:00 +0000", "2022-03-04T10:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 GMT", "2022-03-04T10:00:00Z" },
		{ "Fri, 4 Mar 2022 10:00:00 UT", "2022-03-04T10:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 EST", "2022-03-04T15:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 EDT", "2022-03-04T14:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 PST", "2022-03-04T18:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 CEST", "2022-03-04T08:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 -0500", "2022-03-04T15:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 +05:30", "2022-03-04T04:30:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 Z", "2022-03-04T10:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 A", "2022-03-04T10:00:00Z" },
		{ "Fri, 04 Mar 22 10:00:00 GMT", "2022-03-04T10:00:00Z" },
		{ "Thu, 01 Jan 98 00:00:00 GMT", "1998-01-01T00:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00 GMT", "2022-03-04T10:00:00Z" },
		{ "04 Mar 2022 10:00:00 GMT", "2022-03-04T10:00:00Z" },
	};

	(void)state;
	check_cases(v, sizeof v / sizeof v[0]);
}

static void
test_rfc822_broken(void **state)
{
	static const struct date_case v[] = {
		{ "FRI, 04 MAR 2022 10:00:00 gmt", "2022-03-04T10:00:00Z" },
		{ "fri, 04 mar 2022 10:00:00 est", "2022-03-04T15:00:00Z" },
		{ "Fri 04 Mar 2022 10:00:00 GMT", "2022-03-04T10:00:00Z" },
		{ "Fri,04 Mar 2022 10:00:00 GMT", "2022-03-04T10:00:00Z" },
		{ "Friday, 04 March 2022 10:00:00 GMT", "2022-03-04T10:00:00Z" },
		{ "Thurs, 03 Mar 2022 10:00:00 GMT", "2022-03-03T10:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 +0000 (UTC)", "2022-03-04T10:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 +0100 (CET)", "2022-03-04T09:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 GMT+2", "2022-03-04T08:00:00Z" },
		{ "Fri, 04 Mar 2022 10:00:00 UTC+01:00", "2022-03-04T09:00:00Z" },
		{ "Fri, 4 Mar 2022 9:05:00 GMT", "2022-03-04T09:05:00Z" },
		{ "04-Mar-2022 10:00:00 GMT", "2022-03-04T10:00:00Z" },
		{ "Mar 4, 2022 10:00 PM EST", "2022-03-05T03:00:00Z" },
		{ "March 4, 2022 12:30 a.m.", "2022-03-04T00:30:00Z" },
		{ "Fri Mar  4 10:00:00 2022", "2022-03-04T10:00:00Z" },
		{ "  Fri, 04 Mar 2022 10:00:00 GMT  ", "2022-03-04T10:00:00Z" },
		{ "Fri, 04 Mar 2022", "2022-03-04T00:00:00Z" },
	};

	(void)state;
	check_cases(v, sizeof v / sizeof v[0]);
}

static void
test_rfc3339(void **state)
{
	static const struct date_case v[] = {
		{ "2022-03-04T10:00:00Z", "2022-03-04T10:00:00Z" },
		{ "2022-03-04t10:00:00z", "2022-03-04T10:00:00Z" },
		{ "2022-03-04T10:00:00.123456+02:00", "2022-03-04T08:00:00Z" },
		{ "2022-03-04T10:00:00-0330", "2022-03-04T13:30:00Z" },
		{ "2022-03-04T10:00+01:00", "2022-03-04T09:00:00Z" },
		{ "2022-03-04 10:00:00", "2022-03-04T10:00:00Z" },
		{ "2022-03-04 10:00:00 EST", "2022-03-04T15:00:00Z" },
		{ "2022-03-04", "2022-03-04T00:00:00Z" },
		{ "2020-02-29T23:59:60Z", "2020-03-01T00:00:00Z" },
	};

	(void)state;
	check_cases(v, sizeof v / sizeof v[0]);
}

static void
test_not_dates(void **state)
{
	static const char *const v[] = {
		"", "yesterday", "Fri, 32 Mar 2022 10:00:00 GMT", "Fri, 04 Foo 2022",
		"Fri, 04 Mar 2022 25:00:00 GMT", "Fri, 04 Mar 2022 10:61:00 GMT",
		"Fri, 04 Mar 2022 10:00:00 XYZ", "Fri, 04 Mar 2022 10:00:00 +2500",
		"2022-03-04 junk", "2022-03-04 x", "Fri, 04 Mar 2022 10:00:00 GMT (UTC",
		"29 Feb 2021", "Mar 4, 202", "13:00 PM", "Fri, 04 Mar 2022 13:00 PM",
		"4 Mar 123", "Fri, 04 Mar 2022 10:00:00 GMT trailing",
	};
	struct article_date d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		if (article_parse_date(v[i], &d))
			fail_msg("read as a date: \"%s\"", v[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc822),
		cmocka_unit_test(test_rfc822_broken),
		cmocka_unit_test(test_rfc3339),
		cmocka_unit_test(test_not_dates),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
