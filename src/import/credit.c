/*
 * credit.c: photo credits in captions: "Name/Agency" at the end of a
 * caption (the plain-text importer and the HTML one), see import-int.h.
 */
#include <string.h>

#include "import-int.h"
#include "util.h"

/* Words in a credit. */
#define CREDIT_MAX_WORDS	6

/* Is c a space or tab? */
static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Does the word w[0..n) start with a capital letter (or any non-ASCII letter)? */
static bool
word_capital(const char *w, size_t n)
{
	if (n > 0 && (w[0] == '(' || w[0] == '"'))
		w++, n--;
	return n > 0 && (ascii_isupper((unsigned char)w[0]) || (unsigned char)w[0] >= 0x80);
}

/* Is w[0..n) a lower-case particle names and credits use ("via", "de", "van")? */
static bool
word_particle(const char *w, size_t n)
{
	static const char *const words[] = {
		"via", "for", "de", "van", "von", "der", "den", "da", "di", "del",
		"la", "le", "du", "dos", "das", "bin", "al", "y", "and", "of",
	};
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && memcmp(w, words[i], n) == 0)
			return true;
	return false;
}

/* Is w[0..n) "Name/Agency": a slash with a letter on each side, one side capitalised? */
static bool
word_credit_slash(const char *w, size_t n)
{
	const char *sl = memchr(w, '/', n);
	size_t k;

	if (sl == NULL || sl == w || sl == w + n - 1)
		return false;
	for (k = 0; k + 1 < n; k++)
		if (w[k] == ':' && w[k + 1] == '/')
			return false;	/* a URL */
	return (ascii_isalpha((unsigned char)sl[-1]) || (unsigned char)sl[-1] >= 0x80) &&
	    (ascii_isalpha((unsigned char)sl[1]) || (unsigned char)sl[1] >= 0x80) &&
	    (word_capital(w, n) || word_capital(sl + 1, (size_t)(w + n - sl - 1)));
}

/* Does w[0..n) end a sentence or a clause ("it.", "Australia.", "said,")? Initials ("J.") do not. */
static bool
word_ends_sentence(const char *w, size_t n)
{
	char c = n > 0 ? w[n - 1] : '\0';

	if (c == ',' || c == ';' || c == ':' || c == ')')
		return true;
	return (c == '.' || c == '!' || c == '?') && n > 2;
}

/*
 * Find a credit ("Darrian Traynor/Getty Images", "Mandel Ngan/AFP via Getty
 * Images") at the end of s: capitalised words around one "Name/Agency" word,
 * after the end of the caption's last sentence. Returns its start, or -1.
 */
long
credit_find_slash(const char *s)
{
	size_t end = strlen(s), start, first = end, nwords = 0;
	bool slash = false;

	while (end > 0 && is_blank(s[end - 1]))
		end--;
	while (end > 0 && nwords < CREDIT_MAX_WORDS) {
		const char *w;
		size_t n;

		for (start = end; start > 0 && !is_blank(s[start - 1]); start--)
			continue;
		w = s + start;
		n = end - start;
		if (!slash && word_credit_slash(w, n)) {
			slash = true;
		} else if (word_particle(w, n) || (word_capital(w, n) &&
		    !word_ends_sentence(w, n))) {
			/* a word of the credit */
		} else if (slash) {
			break;
		} else {
			return -1;
		}
		first = start;
		nwords++;
		for (end = start; end > 0 && is_blank(s[end - 1]); end--)
			continue;
	}
	if (!slash)
		return -1;
	/* a credit starts with a capitalised word, not a particle */
	while (first < strlen(s)) {
		size_t n;

		for (n = 0; s[first + n] != '\0' && !is_blank(s[first + n]); n++)
			continue;
		if (!word_particle(s + first, n))
			break;
		first += n;
		while (is_blank(s[first]))
			first++;
	}
	return s[first] == '\0' ? -1 : (long)first;
}
