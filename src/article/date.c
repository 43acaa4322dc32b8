/*
 * date.c: reading the dates people write in front matter.
 *
 * Accepted: YYYY-MM-DD and YYYY/MM/DD, each optionally followed by a time
 * (T or space, HH:MM[:SS[.frac]], am/pm) and a zone (Z, +HH, +HH:MM, +HHMM,
 * a name such as UTC, GMT, EST or CEST in any case, "GMT+2", a comment in
 * parentheses after it); "March 4, 2022", "Mar 4 2022", "4 March 2022",
 * "4-Mar-22", with an optional weekday before them (with or without a
 * comma) and an optional time and zone after: RFC 822 and 2822 dates as
 * mail and feeds write them, two-digit years and military zones included,
 * and asctime's "Wed Jun 30 21:49:08 1993".
 */
#include <string.h>

#include "article.h"
#include "util.h"

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : dm[m - 1];
}

/* Read exactly n digits at *s into *v. */
static bool
digits(const char **s, int n, int *v)
{
	int i, x = 0;

	for (i = 0; i < n; i++) {
		if (!ascii_isdigit((unsigned char)(*s)[i]))
			return false;
		x = x * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*v = x;
	return true;
}

/* Read 1 to max digits. */
static bool
some_digits(const char **s, int max, int *v)
{
	int i, x = 0;

	for (i = 0; i < max && ascii_isdigit((unsigned char)(*s)[i]); i++)
		x = x * 10 + ((*s)[i] - '0');
	if (i == 0)
		return false;
	*s += i;
	*v = x;
	return true;
}

static void
skip_spaces(const char **s)
{
	while (**s == ' ' || **s == '\t')
		(*s)++;
}

/* A month name or its three-letter abbreviation (with an optional dot). */
static bool
month_name(const char **s, int *m)
{
	size_t len = 0, i;

	while (ascii_isalpha((unsigned char)(*s)[len]))
		len++;
	if (len < 3)
		return false;
	for (i = 0; i < 12; i++) {
		size_t ml = strlen(months[i]);

		if ((len == ml || len == 3 || (i == 8 && len == 4)) && len <= ml &&
		    ascii_strncasecmp(*s, months[i], len) == 0) {
			*s += len;
			if (**s == '.')
				(*s)++;
			*m = (int)i + 1;
			return true;
		}
	}
	return false;
}

/* Zone names feeds and mail write, with their offsets east of UTC in minutes. */
static const struct {
	const char	*name;
	int		 min;
} zones[] = {
	{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "WET", 0 },
	{ "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
	{ "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
	{ "AKST", -540 }, { "AKDT", -480 }, { "HST", -600 }, { "AST", -240 },
	{ "ADT", -180 }, { "NST", -210 }, { "NDT", -150 }, { "BST", 60 },
	{ "IST", 330 }, { "CET", 60 }, { "CEST", 120 }, { "MET", 60 },
	{ "MEST", 120 }, { "WEST", 60 }, { "EET", 120 }, { "EEST", 180 },
	{ "MSK", 180 }, { "JST", 540 }, { "KST", 540 }, { "HKT", 480 },
	{ "SGT", 480 }, { "AWST", 480 }, { "ACST", 570 }, { "ACDT", 630 },
	{ "AEST", 600 }, { "AEDT", 660 }, { "NZST", 720 }, { "NZDT", 780 },
};

/*
 * A zone name at *s (any case): one of the table, or when military, an RFC
 * 822 military letter (taken as UTC, as RFC 2822 says to, since their signs
 * were reversed in practice). Sets *min and moves *s past it; false when none.
 */
static bool
zone_name(const char **s, int *min, bool military)
{
	size_t len = 0, i;

	while (ascii_isalpha((unsigned char)(*s)[len]))
		len++;
	if (len == 1 && military) {
		*min = 0;
		*s += 1;
		return true;
	}
	for (i = 0; i < sizeof zones / sizeof zones[0]; i++)
		if (strlen(zones[i].name) == len && ascii_strncasecmp(*s, zones[i].name, len) == 0) {
			*min = zones[i].min;
			*s += len;
			return true;
		}
	return false;
}

/* A numeric offset at *s: +HH, +HHMM, +HH:MM, +H. Sets *min; false when none. */
static bool
zone_offset(const char **s, int *min)
{
	const char *p = *s;
	int sign, h = 0, m = 0;

	if ((*p != '+' && *p != '-') || !ascii_isdigit((unsigned char)p[1]))
		return false;
	sign = *p++ == '-' ? -1 : 1;
	if (!some_digits(&p, 2, &h))
		return false;
	if (*p == ':')
		p++;
	if (ascii_isdigit((unsigned char)*p) && !digits(&p, 2, &m))
		return false;
	if (h > 23 || m > 59)
		return false;
	*min = sign * (h * 60 + m);
	*s = p;
	return true;
}

/*
 * The zone after a time: a numeric offset, a name ("EST", "gmt"), a name
 * then an offset ("GMT+2", "UTC+01:00"), each optionally followed by a
 * comment in parentheses ("+0000 (UTC)"). Moves *s past what it read.
 */
static bool
zone(const char **s, struct article_date *d)
{
	const char *p = *s;
	int off = 0;

	if (zone_name(&p, &d->tz_min, d->has_time)) {
		d->has_tz = true;
		if (zone_offset(&p, &off))
			d->tz_min += off;
	} else if (zone_offset(&p, &d->tz_min)) {
		d->has_tz = true;
	}
	skip_spaces(&p);
	if (*p == '(') {
		const char *close = strchr(p, ')');

		if (close == NULL)
			return false;
		p = close + 1;
	}
	*s = p;
	return true;
}

/* "am", "pm", "a.m.", "p.m." (any case) after a time: adjust d->hour. */
static bool
am_pm(const char **s, struct article_date *d)
{
	const char *p = *s;
	int c = ascii_tolower((unsigned char)*p);

	if (c != 'a' && c != 'p')
		return true;
	p++;
	if (*p == '.')
		p++;
	if (ascii_tolower((unsigned char)*p) != 'm')
		return true;
	p++;
	if (*p == '.')
		p++;
	if (ascii_isalpha((unsigned char)*p) || d->hour < 1 || d->hour > 12)
		return false;
	d->hour = d->hour % 12 + (c == 'p' ? 12 : 0);
	*s = p;
	return true;
}

/* A time at *s: H:MM[:SS[.frac]] [am|pm]. Moves *s past it; false when malformed. */
static bool
clock_time(const char **s, struct article_date *d)
{
	const char *p = *s;

	if (!some_digits(&p, 2, &d->hour) || *p++ != ':' || !digits(&p, 2, &d->min))
		return false;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &d->sec))
			return false;
		if (*p == '.' || *p == ',') {
			p++;
			while (ascii_isdigit((unsigned char)*p))
				p++;
		}
	}
	skip_spaces(&p);
	if (!am_pm(&p, d) || d->hour > 24 || d->min > 59 || d->sec > 60)
		return false;
	d->has_time = true;
	*s = p;
	return true;
}

/* The optional time and zone after a date; true when s is then at its end. */
static bool
time_and_zone(const char *s, struct article_date *d)
{
	skip_spaces(&s);
	if (*s == 'T' || *s == 't') {
		s++;
	} else if (*s == ',') {
		s++;
		skip_spaces(&s);
	}
	if (ascii_isdigit((unsigned char)*s)) {
		if (!clock_time(&s, d))
			return false;
		skip_spaces(&s);
	}
	if (!zone(&s, d))
		return false;
	skip_spaces(&s);
	return *s == '\0';
}

static bool
valid_ymd(const struct article_date *d)
{
	return d->year >= 1 && d->year <= 9999 && d->month >= 1 && d->month <= 12 &&
	    d->day >= 1 && d->day <= days_in_month(d->year, d->month);
}

/* Skip a weekday name ("Fri", "friday", "Thurs") and a comma or spaces after it. */
static void
skip_weekday(const char **s)
{
	static const char *const days[] = {
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	};
	const char *p = *s;
	size_t len = 0, i;

	while (ascii_isalpha((unsigned char)p[len]))
		len++;
	for (i = 0; i < 7; i++)
		if (len >= 3 && len <= strlen(days[i]) && ascii_strncasecmp(p, days[i], len) == 0)
			break;
	if (i == 7 || (p[len] != ',' && p[len] != ' ' && p[len] != '.'))
		return;
	p += len;
	if (*p == '.')
		p++;
	if (*p == ',')
		p++;
	skip_spaces(&p);
	*s = p;
}

/* An English ordinal suffix after a day ("4th"), skipped. */
static void
skip_ordinal(const char **s)
{
	if (strncmp(*s, "st", 2) == 0 || strncmp(*s, "nd", 2) == 0 ||
	    strncmp(*s, "rd", 2) == 0 || strncmp(*s, "th", 2) == 0)
		*s += 2;
}

/*
 * A year at *s: four digits, or two (RFC 822; 00-49 taken as 20xx, 50-99
 * as 19xx) when no digit follows them.
 */
static bool
year(const char **s, int *y)
{
	const char *p = *s;

	if (digits(&p, 4, y)) {
		*s = p;
		return true;
	}
	p = *s;
	if (!digits(&p, 2, y) || ascii_isdigit((unsigned char)*p))
		return false;
	*y += *y < 50 ? 2000 : 1900;
	*s = p;
	return true;
}

/*
 * The month-first forms: "March 4, 2022", "Mar 4 2022 10:00", and asctime's
 * "Jun 30 21:49:08 1993" (the time before the year). Returns where the
 * time and zone start, or NULL.
 */
static const char *
month_first(const char *p, struct article_date *d)
{
	if (!month_name(&p, &d->month))
		return NULL;
	skip_spaces(&p);
	if (*p == '-')
		p++;
	if (!some_digits(&p, 2, &d->day))
		return NULL;
	skip_ordinal(&p);
	if (*p == ',')
		p++;
	skip_spaces(&p);
	if (ascii_isdigit((unsigned char)p[0]) && (p[1] == ':' || p[2] == ':')) {
		if (!clock_time(&p, d))
			return NULL;
		skip_spaces(&p);
		if (!digits(&p, 4, &d->year))
			return NULL;
		return p;
	}
	return year(&p, &d->year) ? p : NULL;
}

/* The day-first forms: "4 March 2022", "04 Mar 22", "4-Mar-2022". Returns as month_first(). */
static const char *
day_first(const char *p, struct article_date *d)
{
	if (!some_digits(&p, 2, &d->day))
		return NULL;
	skip_ordinal(&p);
	skip_spaces(&p);
	if (*p == '-')
		p++;
	if (!month_name(&p, &d->month))
		return NULL;
	if (*p == ',' || *p == '-')
		p++;
	skip_spaces(&p);
	return year(&p, &d->year) ? p : NULL;
}

bool
article_parse_date(const char *s, struct article_date *d)
{
	const char *p;

	memset(d, 0, sizeof *d);
	skip_spaces(&s);
	/* numeric: YYYY-MM-DD or YYYY/MM/DD */
	p = s;
	if (digits(&p, 4, &d->year) && (*p == '-' || *p == '/')) {
		char sep = *p++;

		if (some_digits(&p, 2, &d->month) && *p++ == sep && some_digits(&p, 2, &d->day) &&
		    valid_ymd(d) && time_and_zone(p, d))
			return true;
		memset(d, 0, sizeof *d);
		return false;
	}
	skip_weekday(&s);
	if ((p = month_first(s, d)) == NULL) {
		memset(d, 0, sizeof *d);
		p = day_first(s, d);
	}
	if (p == NULL || !valid_ymd(d) || !time_and_zone(p, d)) {
		memset(d, 0, sizeof *d);
		return false;
	}
	return true;
}

int64_t
article_date_epoch(const struct article_date *d)
{
	/* days from civil, after Howard Hinnant's algorithm */
	int64_t y = d->year - (d->month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (d->month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d->day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;

	return days * 86400 + d->hour * 3600 + d->min * 60 + d->sec - (int64_t)d->tz_min * 60;
}
