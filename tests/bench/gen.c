/*
 * gen.c: the benchmark's article generator (make bench; not part of byline).
 *
 *   gen lib DIR COUNT [PER_FOLDER]   COUNT articles of about 4 KB, PER_FOLDER
 *                                    (default 1000) to a folder DIR/dNNN/
 *   gen article FILE BODY_BYTES      one article whose body is at least
 *                                    BODY_BYTES (5 KB, 50 MB...)
 *
 * Everything comes from a fixed seed (-s SEED changes it), and article i of a
 * library depends only on (seed, i): the 1,000 library is the start of the
 * 10,000 one. Each article has YAML front matter (title, source, url, id,
 * date, authors, tags, people with roles and aliases, an image with title,
 * caption and credit) and a body of paragraphs, many with quotes in the
 * forms news copy uses ("...," Name said.). On success it prints one line:
 *
 *   articles N bytes TOTAL frontmatter FM_TOTAL body BODY_TOTAL
 *
 * where frontmatter counts each file's bytes from the opening "---" line to
 * the closing "---" line included. DIR must not exist yet (the harness builds
 * into a temporary name and renames it when complete).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- deterministic randomness: splitmix64 ---- */

static uint64_t seed = 0x62796c696e65ULL;	/* "byline" */
static uint64_t rs;

static uint64_t
rnd(void)
{
	uint64_t z = (rs += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned
rn(unsigned n)		/* 0 .. n-1 */
{
	return (unsigned)(rnd() % n);
}

#define PICK(a) ((a)[rn(N(a))])

/* ---- a growing string ---- */

struct str {
	char	*p;
	size_t	 len, cap;
};

static void
die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
reserve(struct str *s, size_t more)
{
	if (s->len + more + 1 <= s->cap)
		return;
	while (s->len + more + 1 > s->cap)
		s->cap = s->cap ? s->cap * 2 : 8192;
	s->p = realloc(s->p, s->cap);
	if (s->p == NULL)
		die("realloc");
}

static void
add(struct str *s, const char *t)
{
	size_t n = strlen(t);

	reserve(s, n);
	memcpy(s->p + s->len, t, n + 1);
	s->len += n;
}

static void
addf(struct str *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	reserve(s, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(s->p + s->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	s->len += (size_t)n;
}

/* ---- word pools ---- */

static const char *const firsts[] = {
	"Gordon", "Priya", "Darren", "Tom", "Maria", "Ruth", "Callum", "Margaret",
	"Nikhil", "Patricia", "Jonah", "Amara", "Felix", "Ingrid", "Samuel", "Leila",
	"Owen", "Hannah", "Tariq", "Elena", "Declan", "Mei", "Rafael", "Siobhan",
	"Kwame", "Astrid", "Hugo", "Fatima", "Bernard", "Yusuf", "Clara", "Desmond",
	"Ines", "Marcus", "Aoife", "Viktor", "Grace", "Emeka", "Lucia", "Arjun",
	"Nora", "Stefan", "Zainab", "Rowan", "Beatrix", "Kofi", "Helena", "Idris",
	"Sunita", "Piotr", "Ottilie", "Malik", "Freya", "Joaquín", "Esther", "Ravi",
	"Wanjiru", "Lars", "Dolores", "Chidi", "Annika", "Teodor", "Rosa", "Niall",
};

static const char *const lasts[] = {
	"Pell", "Raman", "Okafor", "Gilchrist", "Lindqvist", "Okonedo", "Strachan",
	"Oyelaran", "Rao", "Venn", "Ferris", "Adeyemi", "Marsh", "Halvorsen",
	"Whitlock", "Haddad", "Pritchard", "Bauer", "Mensah", "Castellano",
	"Doherty", "Zhang", "Moreau", "Kavanagh", "Asante", "Nilsson", "Delacroix",
	"Rahman", "Thornbury", "Demir", "Fairweather", "Quinlan", "Ferreira",
	"Hollis", "Nakamura", "Brennan", "Kowalski", "Achebe", "Lindgren",
	"Mbeki", "Sandoval", "Ashworth", "Iqbal", "Villeneuve", "Crowther",
	"Novak", "Oduya", "Petrova", "Rutherford", "Sørensen", "Tembo", "Varga",
	"Whitaker", "Yilmaz", "Abernethy", "Bianchi", "Carrick", "Dunmore",
	"Eriksen", "Fonseca", "Greaves", "Hartigan", "Ibarra", "Jovanović",
};

static const char *const places[] = {
	"Kestrel Bay", "Harlow Fen", "Dunmere", "Marston Creek", "Vérinay",
	"Aldbury", "Caldwick", "Thornmouth", "Ebbsfield", "Greyhaven",
	"Millbrook", "Oakhurst", "Saltash Cross", "Wrenford", "Bramblewick",
	"Coldharbour", "Fenwick", "Hollowell", "Kingsmere", "Lowther",
	"Netherby", "Penrose", "Ravensworth", "Stanwick", "Upper Farley",
	"Westbury Vale", "Ashcombe", "Birchwood", "Carnforth Quay", "Dunholm",
};

static const char *const papers[] = {
	"Gazette", "Herald", "Courier", "Chronicle", "Observer", "Echo",
	"Post", "Mercury", "Advertiser", "Record", "Tribune", "Sentinel",
};

/* A role, and the alias the text may use for its holder (NULL: none). */
static const struct role {
	const char	*pat;
	const char	*alias;
} roles[] = {
	{ "Mayor of %s", "the mayor" },
	{ "Owner of the Tidewater Café", NULL },
	{ "Site engineer, Halden & Sons", "the engineer" },
	{ "Chair of the %s Residents' Association", "the chair" },
	{ "Headteacher, %s Primary School", "the headteacher" },
	{ "County councillor for %s", "the councillor" },
	{ "Spokesperson for the %s harbour authority", "the spokesperson" },
	{ "Director of the %s Heritage Trust", "the director" },
	{ "Chief executive, %s Water", NULL },
	{ "Professor of economics, University of %s", "the professor" },
	{ "Fire chief, %s station", "the fire chief" },
	{ "Secretary of the %s fishermen's cooperative", NULL },
	{ "Parish priest in %s", "the priest" },
	{ "Organiser of the %s festival", "the organiser" },
	{ "Parent and school governor in %s", NULL },
	{ "Manager of the %s bus depot", NULL },
	{ "Senior nurse at %s General Hospital", NULL },
	{ "Farmer near %s", NULL },
	{ "Planning officer, %s district council", NULL },
	{ "Local historian in %s", NULL },
	{ "Police inspector, %s division", "the inspector" },
};

static const char *const subjects[] = {
	"The council", "Residents of %s", "The harbour authority", "Local traders",
	"Officials in %s", "A group of volunteers", "The county's cabinet",
	"Engineers working on the site", "The regional health board",
	"Parents at the school", "The bus company", "Shopkeepers on the high street",
	"The water company", "Campaigners from %s", "The planning committee",
	"Farmers around %s", "The fire service", "The heritage trust",
};

static const char *const verbs[] = {
	"approved", "rejected", "delayed", "announced", "funded", "reviewed",
	"questioned", "welcomed", "postponed", "challenged", "published",
	"defended", "revised", "opposed", "backed", "scrapped",
};

static const char *const objects[] = {
	"a plan to rebuild the footbridge", "the budget for the coming year",
	"a proposal to close the village school", "new flood defences along the river",
	"the route of the new bus service", "a survey of the old mill basin",
	"plans for a second lifeboat station", "the closure of the night ward",
	"a scheme to reopen the railway halt", "the sale of the harbour warehouses",
	"a report on the state of the sea wall", "the figures for the last quarter",
	"a ban on lorries in the market square", "the redevelopment of the pier",
	"a grant for the community orchard", "the timetable for the new bridge",
};

static const char *const tails[] = {
	"on Tuesday", "after months of debate", "despite objections from %s",
	"at a cost of %u million pounds", "in a vote of %u to %u",
	"for the second time this year", "without a public consultation",
	"after a petition signed by %u residents", "at a meeting in %s town hall",
	"following the winter floods", "ahead of the summer season",
	"amid questions about the contractor", "as the deadline approached",
};

static const char *const said_openers[] = {
	"We have waited %u years for this", "Nobody here is against progress",
	"I have lived on this street for %u years", "It is not about the money",
	"This is the best news %s has had in a decade", "The figures speak for themselves",
	"We will keep asking questions until we get answers", "People are tired of promises",
	"I never thought I would see this day", "We should have been told much sooner",
	"The children deserve better than a minibus at dawn", "Nobody from the council came down here",
	"It was the right decision, even if it was a hard one", "The sea does not read reports",
	"We built this with our own hands", "I would do it all again tomorrow",
	"There were weeks when nobody came through the door", "You cannot run a town on goodwill alone",
};

static const char *const said_clauses[] = {
	"and I think most people here would agree", "whatever the council says",
	"but we need to see it in writing", "and that is what matters in the end",
	"if you ask anyone on the quay", "and we are not going anywhere",
	"but the work is far from finished", "and everyone in %s knows it",
	"so we will be watching closely", "even on the worst days",
};

static const char *const colour[] = {
	"The queue stretched past the post office by nine o'clock.",
	"Rain had fallen for most of the night, and the quay was still wet.",
	"A brass band from %s played on the steps of the town hall.",
	"Half the shops on the lane had closed for the afternoon.",
	"The old bridge had stood for more than sixty years before the floods.",
	"Dozens of people watched from the harbour wall.",
	"The meeting ran on until well after ten in the evening.",
	"Children from the primary school carried hand-painted banners.",
	"The nearest hospital is %u miles away by road.",
	"Work on the site is expected to last until the end of next year.",
	"A second public meeting is planned for the spring.",
	"The original estimate had been less than half that amount.",
};

static const char *const titlebits[] = {
	"footbridge reopens after two years of flood repairs",
	"council votes to keep the village school open",
	"harbour warehouses sold to a housing developer",
	"residents fight plans to close the night ward",
	"new bus route links the coast to the county town",
	"volunteers rebuild the sea wall stone by stone",
	"festival returns after a three-year absence",
	"railway halt could reopen under a new scheme",
	"farmers count the cost of a wet summer",
	"lifeboat crew marks a century of rescues",
	"market square closes to lorries from Monday",
	"historic pier to be redeveloped as a park",
};

static const char *const tagwords[] = {
	"local", "transport", "education", "health", "floods", "housing",
	"business", "heritage", "environment", "politics", "farming", "culture",
};

/* ---- articles ---- */

struct person {
	char		 name[64];
	const char	*last;
	const struct role *role;
	const char	*alias;	/* NULL when the text never uses one */
};

/* Expand a pool entry that may hold %s (a place) or %u (numbers). */
static void
addpat(struct str *s, const char *pat)
{
	const char *p;
	int nu = 0;

	for (p = pat; *p; p++)
		if (p[0] == '%' && p[1] == 'u')
			nu++;
	if (strstr(pat, "%s") != NULL)
		addf(s, pat, PICK(places));
	else if (nu == 2)
		addf(s, pat, 3 + rn(9), rn(4));
	else if (nu == 1)
		addf(s, pat, 2 + rn(40));
	else
		add(s, pat);
}

static void
narrative_sentence(struct str *s)
{
	if (rn(4) == 0) {
		addpat(s, PICK(colour));
		return;
	}
	addpat(s, PICK(subjects));
	add(s, " ");
	add(s, PICK(verbs));
	add(s, " ");
	add(s, PICK(objects));
	add(s, " ");
	addpat(s, PICK(tails));
	add(s, ".");
}

/* A spoken sentence without its final punctuation. */
static void
spoken(struct str *s)
{
	addpat(s, PICK(said_openers));
	if (rn(2)) {
		add(s, rn(2) ? ", " : " ");
		addpat(s, PICK(said_clauses));
	}
}

/* How the text names a person: full name, surname, or the alias. */
static const char *
refname(const struct person *p, int first)
{
	if (first)
		return p->name;
	if (p->alias != NULL && rn(4) == 0)
		return p->alias;
	return p->last;
}

static void
quote_paragraph(struct str *s, const struct person *p, int first)
{
	const char *who = refname(p, first);
	int cap = who[0] == 't' && who[1] == 'h' && who[2] == 'e' && who[3] == ' ';

	switch (rn(6)) {
	case 0:		/* "S," Name said. */
		add(s, "\"");
		spoken(s);
		addf(s, ",\" %s said.", who);
		break;
	case 1:		/* "S," Name said. "S. S." */
		add(s, "\"");
		spoken(s);
		addf(s, ",\" %s said. \"", who);
		spoken(s);
		add(s, ". ");
		spoken(s);
		add(s, ".\"");
		break;
	case 2:		/* Name said: "S." */
		if (cap)
			addf(s, "T%s said: \"", who + 1);
		else
			addf(s, "%s said: \"", who);
		spoken(s);
		add(s, ".\"");
		break;
	case 3:		/* "S," said Name. */
		add(s, "\"");
		spoken(s);
		addf(s, ",\" said %s. ", who);
		narrative_sentence(s);
		break;
	case 4:		/* narrative, then "S," Name told the Paper. */
		narrative_sentence(s);
		add(s, " \"");
		spoken(s);
		addf(s, ",\" %s told the %s.", who, PICK(papers));
		break;
	default:	/* "S?" Name asked. "S." */
		add(s, "\"");
		spoken(s);
		addf(s, "?\" %s asked. \"", who);
		spoken(s);
		add(s, ".\"");
		break;
	}
}

static void
narrative_paragraph(struct str *s)
{
	unsigned i, n = 2 + rn(3);

	for (i = 0; i < n; i++) {
		if (i > 0)
			add(s, " ");
		narrative_sentence(s);
	}
}

/* Article front matter; returns its length. */
static size_t
front_matter(struct str *s, const char *id, const char *title, const char *date,
    const char *source, struct person *people, unsigned npeople, unsigned nimages)
{
	size_t start = s->len;
	unsigned i;

	add(s, "---\n");
	addf(s, "title: %s\n", title);
	addf(s, "source: %s\n", source);
	addf(s, "url: https://example.org/bench/%s\n", id);
	addf(s, "id: %s\n", id);
	addf(s, "date: %s\n", date);
	addf(s, "authors:\n  - %s %s\n", PICK(firsts), PICK(lasts));
	addf(s, "tags: [%s, %s]\n", PICK(tagwords), PICK(tagwords));
	add(s, "people:\n");
	for (i = 0; i < npeople; i++) {
		addf(s, "  - name: %s\n    role: ", people[i].name);
		addpat(s, people[i].role->pat);
		add(s, "\n");
		if (people[i].alias != NULL)
			addf(s, "    aliases: [\"%s\", \"%c%s %s\"]\n", people[i].alias,
			    people[i].alias[4] - 32, people[i].alias + 5, people[i].last);
	}
	add(s, nimages == 1 ? "image:\n" : "images:\n");
	for (i = 0; i < nimages; i++) {
		const char *ind = nimages == 1 ? "  " : "    ";

		addf(s, "%s%stitle: %s greets the %s crowds\n", nimages == 1 ? "" : "  - ",
		    nimages == 1 ? "  " : "", people[i % npeople].name, PICK(places));
		addf(s, "%scaption: %s speaks to residents on the quay at %s after the vote on %s.\n",
		    ind, people[i % npeople].name, PICK(places), PICK(objects));
		addf(s, "%scredit: %s %s/%s %s Photo\n", ind, PICK(firsts), PICK(lasts),
		    PICK(places), PICK(papers));
	}
	add(s, "---\n");
	return s->len - start;
}

static void
make_people(struct person *people, unsigned n)
{
	unsigned i, j;

	for (i = 0; i < n; i++) {
		const char *last;

		do {	/* distinct surnames, so attributions are unambiguous */
			last = PICK(lasts);
			for (j = 0; j < i && strcmp(people[j].last, last) != 0; j++)
				;
		} while (j < i);
		snprintf(people[i].name, sizeof people[i].name, "%s %s", PICK(firsts), last);
		people[i].last = last;
		people[i].role = &PICK(roles);
		people[i].alias = rn(2) == 0 ? people[i].role->alias : NULL;
	}
}

/*
 * One article into s: front matter, then body paragraphs until the body has
 * at least body_min bytes. dateline opens the first paragraph (NULL: a place).
 * Returns the front matter's length.
 */
static size_t
article(struct str *s, const char *id, size_t body_min, unsigned npeople,
    unsigned nimages, unsigned quote_pct, const char *title_in, const char *dateline)
{
	struct person people[16];
	int mentioned[16] = { 0 };
	char title[256], date[16], source[96], up[64];
	size_t fm, body0;
	unsigned i;
	const char *place = PICK(places);

	if (npeople > N(people))
		npeople = N(people);
	make_people(people, npeople);
	if (title_in != NULL)
		snprintf(title, sizeof title, "%s", title_in);
	else
		snprintf(title, sizeof title, "%s %s", place, PICK(titlebits));
	snprintf(date, sizeof date, "%04u-%02u-%02u", 2005 + rn(20), 1 + rn(12), 1 + rn(28));
	snprintf(source, sizeof source, "The %s %s", PICK(places), PICK(papers));
	fm = front_matter(s, id, title, date, source, people, npeople, nimages);

	body0 = s->len;
	if (dateline == NULL) {
		for (i = 0; place[i] != '\0' && i + 1 < sizeof up; i++)
			up[i] = place[i] >= 'a' && place[i] <= 'z' ? (char)(place[i] - 32) : place[i];
		up[i] = '\0';
		dateline = up;
	}
	addf(s, "%s \xe2\x80\x94 ", dateline);
	narrative_paragraph(s);
	add(s, "\n");
	while (s->len - body0 < body_min) {
		add(s, "\n");
		if (rn(100) < quote_pct) {
			unsigned k = rn(npeople);

			quote_paragraph(s, &people[k], !mentioned[k]);
			mentioned[k] = 1;
		} else {
			narrative_paragraph(s);
		}
		add(s, "\n");
	}
	return fm;
}

static void
write_file(const char *path, const struct str *s)
{
	size_t off = 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die(path);
	while (off < s->len) {
		ssize_t w = write(fd, s->p + off, s->len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			die(path);
		}
		off += (size_t)w;
	}
	if (close(fd) < 0)
		die(path);
}

static void
seed_for(uint64_t i)
{
	rs = seed ^ (i * 0xd1342543de82ef95ULL);
	(void)rnd();
}

static int
gen_lib(const char *dir, unsigned long count, unsigned long per)
{
	struct str s = { 0 }, path = { 0 };
	unsigned long i;
	unsigned long long total = 0, fmtotal = 0;

	if (mkdir(dir, 0755) < 0)
		die(dir);
	for (i = 0; i < count; i++) {
		char id[32];
		size_t fm;
		unsigned np;

		if (i % per == 0) {
			path.len = 0;
			addf(&path, "%s/d%03lu", dir, i / per);
			if (mkdir(path.p, 0755) < 0)
				die(path.p);
		}
		seed_for(i + 1);
		snprintf(id, sizeof id, "bench-%06lu", i);
		s.len = 0;
		np = 3 + rn(3);
		/* about 4 KB in all: the front matter is about 1 KB */
		fm = article(&s, id, 2900 + rn(600), np, 1, 45, NULL, NULL);
		/* the name: DATE-ID.md, the date taken from the front matter */
		{
			const char *d = strstr(s.p, "\ndate: ");

			path.len = 0;
			addf(&path, "%s/d%03lu/%.10s-%s.md", dir, i / per, d + 7, id);
		}
		write_file(path.p, &s);
		total += s.len;
		fmtotal += fm;
	}
	printf("articles %lu bytes %llu frontmatter %llu body %llu\n", count, total, fmtotal,
	    total - fmtotal);
	free(s.p);
	free(path.p);
	return 0;
}

static int
gen_article(const char *file, unsigned long long body)
{
	struct str s = { 0 };
	size_t fm;
	int big = body > 1024 * 1024;

	seed_for(big ? 0xb16b16ULL : 0x5a11ULL);
	if (big)
		fm = article(&s, "bench-big", (size_t)body, 12, 3, 45,
		    "The long archive of the harbour towns", "LONGFORD QUAY");
	else
		fm = article(&s, "bench-small", (size_t)body, 4, 1, 70,
		    "A short day on the quay at Kestrel Bay", "LONGFORD QUAY");
	write_file(file, &s);
	printf("articles 1 bytes %zu frontmatter %zu body %zu\n", s.len, fm, s.len - fm);
	free(s.p);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen [-s SEED] lib DIR COUNT [PER_FOLDER]\n"
	    "       gen [-s SEED] article FILE BODY_BYTES\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		seed = strtoull(argv[2], NULL, 0);
		argc -= 2;
		argv += 2;
	}
	if (argc >= 4 && strcmp(argv[1], "lib") == 0) {
		unsigned long per = argc > 4 ? strtoul(argv[4], NULL, 10) : 1000;

		if (per == 0)
			usage();
		return gen_lib(argv[2], strtoul(argv[3], NULL, 10), per);
	}
	if (argc == 4 && strcmp(argv[1], "article") == 0)
		return gen_article(argv[2], strtoull(argv[3], NULL, 10));
	usage();
	return 2;
}
