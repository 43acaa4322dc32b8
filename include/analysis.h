/*
 * analysis.h: turn an article into structured data: the quotations and who
 * said them, the people mentioned, and the photo captions.
 *
 * The engine knows nothing about files, YAML or terminals. It reads a body
 * text split into paragraphs, plus what the front matter says about people
 * and images, and returns byte spans into that text (never copies of it), so
 * that the reader can highlight and jump.
 *
 * Everything here is linear in the size of the text.
 */
#ifndef BYLINE_ANALYSIS_H
#define BYLINE_ANALYSIS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "span.h"
#include "util.h"

/* A person as the front matter states it (authoritative). */
struct an_person_in {
	const char		*name;		/* full name; never NULL */
	const char		*role;		/* or NULL */
	const char *const	*aliases;	/* other names the text uses */
	size_t			 naliases;
};

/* One image from the front matter; any field may be NULL. */
struct an_image_in {
	const char	*title;
	const char	*caption;
	const char	*credit;
};

/* What the engine reads. Nothing here is copied or freed by the engine. */
struct an_input {
	const char			*text;		/* body text, UTF-8, may hold anything */
	size_t				 len;
	const struct span		*paras;		/* paragraphs in text, in order */
	size_t				 nparas;
	const struct an_person_in	*people;	/* from the front matter */
	size_t				 npeople;
	const struct an_image_in	*images;
	size_t				 nimages;
	const char			*title;		/* the article's title, or NULL */
	const volatile sig_atomic_t	*cancel;	/* when not NULL and set: stop early
							 * (the result is valid, maybe partial) */
};

/* How a quotation's speaker was found. */
enum an_how {
	AN_HOW_NONE = 0,	/* no speaker */
	AN_HOW_NAMED,		/* a name next to a reporting verb */
	AN_HOW_ROLE,		/* a role noun: "the president said" */
	AN_HOW_PRONOUN,		/* "he said" */
	AN_HOW_CARRIED,		/* continues the previous paragraph's speaker */
	AN_HOW_FRONTMATTER,	/* an alias given in the front matter */
};

/* Returns a short lower-case name for how ("named", "role", ...). Never fails. */
const char *an_how_name(enum an_how how);

/* One direct quotation in the body. */
struct an_quote {
	size_t		start, end;		/* the quotation with its marks */
	size_t		inner_start, inner_end;	/* without the outer marks */
	size_t		para;			/* paragraph where it starts */
	size_t		para_last;		/* paragraph where it ends (multi-paragraph quotes) */
	int		speaker;		/* index into analysis.people, or -1 */
	enum an_how	how;
	bool		fragment;		/* fewer than three words */
	size_t		org_start, org_end;	/* when speaker is -1: the organisation or
						   unnamed source quoted ("Microsoft",
						   "one poster"), a span of the body;
						   empty (start == end) when none */
};

/* Where a mention is. */
enum an_where {
	AN_IN_BODY = 0,
	AN_IN_IMAGE_TITLE,
	AN_IN_IMAGE_CAPTION,
	AN_IN_IMAGE_CREDIT,
};

/* One mention of a person: a byte span into the body or an image field. */
struct an_mention {
	enum an_where	where;
	size_t		image;		/* image index when where != AN_IN_BODY */
	size_t		start, end;
	int		person;		/* index into analysis.people */
};

struct an_person {
	char		*name;		/* full name */
	char		*role;		/* or NULL */
	bool		 from_frontmatter;
	size_t		 nmentions;	/* body and captions */
	size_t		 nquotes;	/* quotations attributed to this person */
};

struct an_caption {
	size_t		 image;		/* index into an_input.images */
	int		*people;	/* people mentioned in title, caption or credit */
	size_t		 npeople;
};

struct analysis {
	struct an_quote		*quotes;	/* in text order */
	size_t			 nquotes;
	struct an_person	*people;
	size_t			 npeople;
	struct an_mention	*mentions;	/* body mentions in text order, then image ones */
	size_t			 nmentions;
	struct an_caption	*captions;	/* one per image */
	size_t			 ncaptions;
};

/*
 * Analyse in. The result is the caller's, to release with analysis_free().
 * This function can't fail (allocation failure exits, see util.h).
 */
struct analysis *analysis_run(const struct an_input *in);

/* Release everything analysis_run() allocated. NULL is allowed. */
void analysis_free(struct analysis *an);

/*
 * Append to out the text of quote q without its marks: whitespace runs folded
 * to one space, the opening marks of continued paragraphs removed.
 */
void analysis_quote_text(const struct an_input *in, const struct an_quote *q, struct buf *out);

#endif
