/*
 * date.c: reading the dates people write in front matter.
 *
 * Accepted: YYYY-MM-DD and YYYY/MM/DD, each optionally followed by a time
 * (T or space, HH:MM[:SS[.frac]]) and a zone (Z, UTC, GMT, +HH, +HH:MM,
 * +HHMM); "March 4, 2022", "Mar 4 2022", "4 March 2022", with an optional
 * weekday before them and an optional time and zone after (RFC 2822 dates
 * are of this form).
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
		if (!some_digits(&s, 2, &d->hour) || *s++ != ':' || !digits(&s, 2, &d->min))
			return false;
		if (*s == ':') {
			s++;
			if (!digits(&s, 2, &d->sec))
				return false;
			if (*s == '.' || *s == ',') {
				s++;
				while (ascii_isdigit((unsigned char)*s))
					s++;
			}
		}
		if (d->hour > 24 || d->min > 59 || d->sec > 60)
			return false;
		d->has_time = true;
		skip_spaces(&s);
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
		d->has_tz = true;
	} else if (strncmp(s, "UTC", 3) == 0 || strncmp(s, "GMT", 3) == 0) {
		s += 3;
		d->has_tz = true;
	} else if ((*s == '+' || *s == '-') && ascii_isdigit((unsigned char)s[1])) {
		int sign = *s++ == '-' ? -1 : 1, h = 0, m = 0;

		if (!digits(&s, 2, &h))
			return false;
		if (*s == ':')
			s++;
		if (ascii_isdigit((unsigned char)*s) && !digits(&s, 2, &m))
			return false;
		if (h > 23 || m > 59)
			return false;
		d->tz_min = sign * (h * 60 + m);
		d->has_tz = true;
	}
	skip_spaces(&s);
	return *s == '\0';
}

static bool
valid_ymd(const struct article_date *d)
{
	return d->year >= 1 && d->year <= 9999 && d->month >= 1 && d->month <= 12 &&
	    d->day >= 1 && d->day <= days_in_month(d->year, d->month);
}

bool
article_parse_date(const char *s, struct article_date *d)
{
	const char *p;
	int x;

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
	/* an optional weekday: "Friday, " or "Fri, " */
	p = s;
	while (ascii_isalpha((unsigned char)*p))
		p++;
	if (p > s && *p == ',' && !month_name(&(const char *){ s }, &x)) {
		s = p + 1;
		skip_spaces(&s);
	}
	p = s;
	if (month_name(&p, &d->month)) {			/* March 4, 2022 */
		skip_spaces(&p);
		if (!some_digits(&p, 2, &d->day))
			return false;
		if (strncmp(p, "st", 2) == 0 || strncmp(p, "nd", 2) == 0 ||
		    strncmp(p, "rd", 2) == 0 || strncmp(p, "th", 2) == 0)
			p += 2;
		if (*p == ',')
			p++;
		skip_spaces(&p);
		if (!digits(&p, 4, &d->year))
			return false;
	} else if (some_digits(&p, 2, &d->day)) {		/* 4 March 2022 */
		if (strncmp(p, "st", 2) == 0 || strncmp(p, "nd", 2) == 0 ||
		    strncmp(p, "rd", 2) == 0 || strncmp(p, "th", 2) == 0)
			p += 2;
		skip_spaces(&p);
		if (!month_name(&p, &d->month))
			return false;
		if (*p == ',')
			p++;
		skip_spaces(&p);
		if (!digits(&p, 4, &d->year))
			return false;
	} else {
		return false;
	}
	if (!valid_ymd(d) || !time_and_zone(p, d)) {
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
