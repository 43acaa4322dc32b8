/*
 * test_analysis.c: the analysis engine end to end. The seed article with and
 * without its front matter people, a development set of short passages of
 * the kinds real articles produce (each with the quotes, speakers and people
 * expected), and hostile input that must neither crash nor slow down.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>

#include "an-fixture.h"

/* ---- fixture ---- */

/* Index of the person called name, or -1. */
static int
person(const struct fx *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->an->npeople; i++)
		if (strcmp(f->an->people[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Print what was found, to make a failure readable. */
static void
fx_dump(struct fx *f)
{
	size_t i;

	for (i = 0; i < f->an->nquotes; i++)
		print_message("  quote %zu%s: [%s] (%s) %s\n", i,
		    f->an->quotes[i].fragment ? " (fragment)" : "", qspeaker(f, i),
		    an_how_name(f->an->quotes[i].how), qtext(f, i));
	for (i = 0; i < f->an->npeople; i++)
		print_message("  person: %s | %s | %zu mentions | %zu quotes\n",
		    f->an->people[i].name, f->an->people[i].role != NULL ? f->an->people[i].role : "",
		    f->an->people[i].nmentions, f->an->people[i].nquotes);
}

/*
 * Check the quotes: want[] holds "Speaker|start of the quote" for every
 * quotation in order (fragments included), "" before the bar when nobody.
 */
static void
expect_quotes(struct fx *f, const char *const *want)
{
	size_t n = 0, i;

	while (want[n] != NULL)
		n++;
	if (f->an->nquotes != n)
		fx_dump(f);
	assert_int_equal(f->an->nquotes, n);
	for (i = 0; i < n; i++) {
		const char *bar = strchr(want[i], '|');
		size_t sl = (size_t)(bar - want[i]);
		const char *got = qtext(f, i);

		if (strlen(qspeaker(f, i)) != sl || strncmp(qspeaker(f, i), want[i], sl) != 0 ||
		    strncmp(got, bar + 1, strlen(bar + 1)) != 0) {
			fx_dump(f);
			print_error("quote %zu: want %s\n", i, want[i]);
			fail();
		}
	}
}

/* Check that the people are exactly want[] (any order). */
static void
expect_people(struct fx *f, const char *const *want)
{
	size_t n = 0, i;

	while (want[n] != NULL)
		n++;
	for (i = 0; i < n; i++) {
		if (person(f, want[i]) < 0) {
			fx_dump(f);
			print_error("person missing: %s\n", want[i]);
			fail();
		}
	}
	if (f->an->npeople != n)
		fx_dump(f);
	assert_int_equal(f->an->npeople, n);
}

/* ---- the seed article ---- */

static const char seed_body[] =
	"Secretary of State Antony Blinken has said that the NATO military alliance is \"ready\" for "
	"conflict if it comes but that the U.S. and its allies are not seeking a confrontation with "
	"Russia.\n"
	"\n"
	"Blinken made the remarks in Brussels, Belgium, on Friday where he is meeting with NATO "
	"foreign ministers and the alliance's Secretary-General Jens Stoltenberg as Russia's "
	"invasion of Ukraine enters its ninth day.\n"
	"\n"
	"\"Ours is a defensive alliance,\" Blinken said. \"We seek no conflict. But if conflict comes "
	"to us we are ready for it and we will defend every inch of NATO territory.\"\n"
	"\n"
	"\"At the same time, as the secretary-general says, we're preparing for NATO's future and "
	"the events of the last few weeks, as they continue, will further inform that future,\" "
	"Blinken said.\n"
	"\n"
	"Ukraine is not a member of NATO, but the country's government has sought membership of the "
	"alliance, which has been opposed by Russia and is one reason for the Russian decision to "
	"invade.\n"
	"\n"
	"The Biden administration has repeatedly said they would defend NATO territory if it were "
	"threatened. Several NATO countries share borders with Russia and Ukraine.\n"
	"\n"
	"Stoltenberg warned on Friday that conditions in Ukraine could get worse in the coming days "
	"and stressed that NATO was not a party to the war.\n"
	"\n"
	"\"With cities under siege, schools, hospitals, and residential buildings shelled. Reckless "
	"actions around a nuclear power plant last night and many civilians killed or wounded,\" "
	"Stoltenberg said.\n"
	"\n"
	"\"The days to come are likely to be worse, with more death, more sufferings, and more "
	"destruction.\"\n"
	"\n"
	"The secretary-general continued: \"We are not part of this conflict, and we have a "
	"responsibility to ensure it does not escalate and spread beyond Ukraine. That would be even "
	"more devastating and more dangerous, with even more human suffering.\"\n"
	"\n"
	"Ukrainian President Volodymyr Zelensky reiterated his call for NATO to impose a no-fly zone "
	"over Ukraine on Friday. The alliance is reluctant to do so as that would potentially mean "
	"putting NATO aircraft in conflict with Russian forces and possibly escalating the "
	"situation.\n"
	"\n"
	"\"We want a no-fly zone because our people are being killed. From Belarus, from "
	"Russia\xE2\x80\x94these missiles, these Iskander missiles and bomber planes, are coming,\" he said.\n"
	"\n"
	"Zelensky went on to say that if NATO wouldn't impose a no-fly zone, then the alliance "
	"should provide Ukraine with planes.\n"
	"\n"
	"\"If you don't have the strength to provide a no-fly zone, then give me planes. Would that "
	"not be fair?\" the president said.\n"
	"\n"
	"On Friday, Stoltenberg appeared to rule out a no-fly zone, saying: \"Allies agree that we "
	"should not have NATO planes operating over Ukrainian airspace or NATO troops on Ukrainian "
	"territory.\"\n"
	"\n"
	"Newsweek has asked the State Department for comment.\n";

static const struct an_image_in seed_image = {
	"Antony Blinken Speaks at a Press Conference",
	"Secretary of State Antony Blinken speaks at a joint press conference of the Quad Foreign "
	"Ministers meeting at the Park Hyatt on February 11, 2022 in Melbourne, Australia. Blinken "
	"has said NATO is ready for conflict with Russia but is not seeking it.",
	"Darrian Traynor/Getty Images",
};

static const char *const seed_quotes[] = {
	"Antony Blinken|Ours is a defensive alliance,",
	"Antony Blinken|We seek no conflict. But if conflict comes to us",
	"Antony Blinken|At the same time, as the secretary-general says,",
	"Jens Stoltenberg|With cities under siege,",
	"Jens Stoltenberg|The days to come are likely to be worse",
	"Jens Stoltenberg|We are not part of this conflict,",
	"Volodymyr Zelensky|We want a no-fly zone because our people",
	"Volodymyr Zelensky|If you don't have the strength",
	"Jens Stoltenberg|Allies agree that we should not have NATO planes",
	NULL,
};

static const char *const seed_people[] = {
	"Antony Blinken", "Jens Stoltenberg", "Volodymyr Zelensky", "Biden", "Darrian Traynor", NULL,
};

/* The nine full quotes (the fragment "ready" comes first and is flagged). */
static void
check_seed_quotes(struct fx *f)
{
	const char *const *w = seed_quotes;
	size_t i, k = 0;

	assert_true(f->an->nquotes >= 10);
	assert_true(f->an->quotes[0].fragment);
	assert_string_equal(qtext(f, 0), "ready");
	for (i = 0; i < f->an->nquotes; i++) {
		const char *bar;

		if (f->an->quotes[i].fragment)
			continue;
		assert_non_null(w[k]);
		bar = strchr(w[k], '|');
		if (strncmp(qspeaker(f, i), w[k], (size_t)(bar - w[k])) != 0 ||
		    strncmp(qtext(f, i), bar + 1, strlen(bar + 1)) != 0) {
			fx_dump(f);
			print_error("seed quote %zu: want %s\n", k, w[k]);
			fail();
		}
		k++;
	}
	assert_int_equal(k, 9);
}

static void
test_seed_frontmatter(void **state)
{
	static const char *const stolt_aliases[] = { "the secretary-general" };
	static const char *const zel_aliases[] = { "the president" };
	const struct an_person_in people[] = {
		{ "Antony Blinken", "Secretary of State", NULL, 0 },
		{ "Jens Stoltenberg", "NATO Secretary-General", stolt_aliases, 1 },
		{ "Volodymyr Zelensky", "President of Ukraine", zel_aliases, 1 },
	};
	struct fx f;
	int b, s, z, d;

	(void)state;
	fx_run_with(&f, seed_body, people, 3, &seed_image, 1);
	check_seed_quotes(&f);
	expect_people(&f, seed_people);
	b = person(&f, "Antony Blinken");
	s = person(&f, "Jens Stoltenberg");
	z = person(&f, "Volodymyr Zelensky");
	d = person(&f, "Darrian Traynor");
	assert_true(f.an->people[b].from_frontmatter);
	assert_string_equal(f.an->people[s].role, "NATO Secretary-General");
	assert_string_equal(f.an->people[d].role, "photographer");
	assert_int_equal(f.an->people[b].nquotes, 3);	/* "ready" is a fragment: not counted */
	assert_int_equal(f.an->people[s].nquotes, 4);
	assert_int_equal(f.an->people[z].nquotes, 2);
	/* Blinken: 4 in the body, 3 in the image; aliases count for the others */
	assert_int_equal(f.an->people[b].nmentions, 7);
	assert_int_equal(f.an->people[s].nmentions, 6);
	assert_int_equal(f.an->people[z].nmentions, 3);
	/* "the president said" is the front matter alias */
	assert_int_equal(f.an->quotes[8].how, AN_HOW_FRONTMATTER);
	/* the caption names Blinken and the photographer */
	assert_int_equal(f.an->ncaptions, 1);
	assert_int_equal(f.an->captions[0].npeople, 2);
	fx_free(&f);
}

static void
test_seed_text_only(void **state)
{
	struct fx f;
	int s, z;
	size_t i;

	(void)state;
	fx_run_with(&f, seed_body, NULL, 0, &seed_image, 1);
	check_seed_quotes(&f);
	expect_people(&f, seed_people);
	s = person(&f, "Jens Stoltenberg");
	z = person(&f, "Volodymyr Zelensky");
	assert_string_equal(f.an->people[person(&f, "Antony Blinken")].role, "Secretary of State");
	assert_string_equal(f.an->people[s].role, "Secretary-General");
	assert_string_equal(f.an->people[z].role, "Ukrainian President");
	assert_null(f.an->people[person(&f, "Biden")].role);
	/* how each was found */
	for (i = 0; i < f.an->nquotes; i++) {
		const struct an_quote *q = &f.an->quotes[i];

		if (strncmp(qtext(&f, i), "The days", 8) == 0)
			assert_int_equal(q->how, AN_HOW_CARRIED);
		if (strncmp(qtext(&f, i), "We are not part", 15) == 0)
			assert_int_equal(q->how, AN_HOW_ROLE);
		if (strncmp(qtext(&f, i), "We want", 7) == 0)
			assert_int_equal(q->how, AN_HOW_PRONOUN);
		if (strncmp(qtext(&f, i), "If you", 6) == 0)
			assert_int_equal(q->how, AN_HOW_ROLE);
	}
	fx_free(&f);
}

/* Spans of the seed's quotes point at the marks and inside them. */
static void
test_seed_spans(void **state)
{
	struct fx f;
	const struct an_quote *q;

	(void)state;
	fx_run_with(&f, seed_body, NULL, 0, NULL, 0);
	assert_true(f.an->nquotes >= 2);
	q = &f.an->quotes[1];
	assert_int_equal(seed_body[q->start], '"');
	assert_int_equal(seed_body[q->end - 1], '"');
	assert_int_equal(q->inner_start, q->start + 1);
	assert_int_equal(q->inner_end, q->end - 1);
	assert_int_equal(q->para, 2);
	assert_int_equal(q->para_last, 2);
	assert_memory_equal(seed_body + q->inner_start, "Ours is", 7);
	fx_free(&f);
}

/* ---- the development set ---- */

struct dev_case {
	const char		*name;
	const char		*text;
	const char *const	*quotes;	/* "Speaker|quote start", in order */
	const char *const	*people;	/* exactly these */
};

#define L(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NONE ((const char *const[]){ NULL })

static const struct dev_case dev[] = {
	{ "surname after full name, and a second quote after the attribution",
	  "Finance Minister Maria Lindqvist defended the budget on Tuesday.\n\n"
	  "\"We cannot spend money we do not have,\" Lindqvist said. \"Every krona counts.\"\n",
	  L("Maria Lindqvist|We cannot spend", "Maria Lindqvist|Every krona counts."),
	  L("Maria Lindqvist") },

	{ "inverted order, apposition with who, pronoun in the next paragraph",
	  "The opposition leader, Per Olsson, disagreed. \"This budget punishes families,\" said "
	  "Olsson, who leads the Social Democrats.\n\n"
	  "\"It is a disgrace,\" he added.\n",
	  L("Per Olsson|This budget punishes", "Per Olsson|It is a disgrace"),
	  L("Per Olsson") },

	{ "organisations as speakers are not people",
	  "Acme Holdings said in a statement that it \"welcomes the clarity\" the budget brings.\n\n"
	  "\"We will review the details,\" the company said.\n\n"
	  "Microsoft says its new software is \"the most secure ever built\".\n",
	  L("|welcomes the clarity", "|We will review", "|the most secure ever"),
	  NONE },

	{ "according to, with an unnamed source",
	  "According to a spokeswoman for the ministry, \"the numbers are final and will not "
	  "change\".\n\n"
	  "\"Nothing was hidden,\" according to a statement from the ministry.\n",
	  L("|the numbers are final", "|Nothing was hidden"),
	  NONE },

	{ "according to a named person",
	  "Hospital director Kwame Mensah spoke after the fire.\n\n"
	  "According to Mensah, \"every patient was moved to safety within minutes\".\n",
	  L("Kwame Mensah|every patient was moved"),
	  L("Kwame Mensah") },

	{ "role noun resolved to a title met in the text, then a carried quote",
	  "Prime Minister Anna Berg arrived in Oslo late on Sunday.\n\n"
	  "\"Norway stands with its neighbours,\" the prime minister told reporters. \"We always "
	  "have.\"\n",
	  L("Anna Berg|Norway stands", "Anna Berg|We always have."),
	  L("Anna Berg") },

	{ "curly quotes, X continued:",
	  "Her deputy, Lars Nygaard, was more cautious.\n\n"
	  "\xE2\x80\x9CIt is too early to say,\xE2\x80\x9D Nygaard said.\n\n"
	  "Nygaard continued: \xE2\x80\x9CWe need more time. We need more data.\xE2\x80\x9D\n",
	  L("Lars Nygaard|It is too early", "Lars Nygaard|We need more time."),
	  L("Lars Nygaard") },

	{ "Dr. title, she said, a quote split by but warned:",
	  "Dr. Amara Okafor, a virologist at the University of Lagos, has studied the outbreak for "
	  "years.\n\n"
	  "She said the new strain was \"unlikely to spread widely\", but warned: \"We must not "
	  "become complacent.\"\n",
	  L("Amara Okafor|unlikely to spread widely", "Amara Okafor|We must not become"),
	  L("Amara Okafor") },

	{ "a quote over two paragraphs (opening mark on each, closing at the end)",
	  "\"People tend to forget quickly,\" said Amara Okafor, a virologist. \"When the next wave "
	  "comes, we will be ready.\n\n"
	  "\"We have the vaccines, the staff and the plans.\"\n\n"
	  "The ministry did not comment.\n",
	  L("Amara Okafor|People tend to forget",
	    "Amara Okafor|When the next wave comes, we will be ready. We have the vaccines,"),
	  L("Amara Okafor") },

	{ "non-ASCII and hyphenated names; Chancellor; speaking in X, said:",
	  "Jos\xC3\xA9 \xC3\x81lvarez-N\xC3\xBA\xC3\xB1" "ez, the mayor of Valencia, said the city "
	  "would rebuild the bridge.\n\n"
	  "Zhang Wei, a spokesman for the embassy, declined to comment. Chancellor Olaf Scholz, "
	  "speaking in Berlin, said: \"Germany will help.\"\n",
	  L("Olaf Scholz|Germany will help."),
	  L("Jos\xC3\xA9 \xC3\x81lvarez-N\xC3\xBA\xC3\xB1" "ez", "Zhang Wei", "Olaf Scholz") },

	{ "apostrophes never open quotes",
	  "The mayor, Rosa Delgado, said she didn't expect NATO's help.\n\n"
	  "\"The people here don't give up,\" Delgado said. \"We've seen worse in the '90s, and "
	  "we'll rock 'n' roll through this too. The town\xE2\x80\x99s spirit isn\xE2\x80\x99t "
	  "broken.\"\n",
	  L("Rosa Delgado|The people here don't give up,", "Rosa Delgado|We've seen worse in the '90s"),
	  L("Rosa Delgado") },

	{ "an unnamed spokesperson and a witness are nobody",
	  "A spokesperson for the police said: \"Two men have been arrested.\"\n\n"
	  "One witness, who asked not to be named, said: \"I heard three shots.\"\n",
	  L("|Two men have been arrested.", "|I heard three shots."),
	  NONE },

	{ "Mrs and Mr with one surname; her husband is no named speaker",
	  "Sarah Mitchell, a nurse from Leeds, and her husband Tom Mitchell were among the first to "
	  "arrive.\n\n"
	  "\"We didn't know what to expect,\" said Mrs Mitchell. \"It was chaos.\"\n\n"
	  "Her husband said: \"Sarah was amazing. She kept everyone calm.\"\n",
	  L("Sarah Mitchell|We didn't know", "Sarah Mitchell|It was chaos.",
	    "|Sarah was amazing."),
	  L("Sarah Mitchell", "Tom Mitchell") },

	{ "a quote never goes to a person only mentioned inside it",
	  "Site manager John Carter arrived later.\n\n"
	  "\"John Carter told us to wait,\" said Priya Sharma, a volunteer. \"So we waited.\"\n\n"
	  "\"Carter was right to do that.\"\n",
	  L("Priya Sharma|John Carter told us", "Priya Sharma|So we waited.",
	    "Priya Sharma|Carter was right"),
	  L("John Carter", "Priya Sharma") },

	{ "Sen. and Gov. titles, told CNN, told reporters that \"...\"",
	  "Sen. Elizabeth Warren and Gov. Gavin Newsom met in Sacramento on Monday.\n\n"
	  "\"We agree on almost everything,\" Warren told CNN. Newsom told reporters that the "
	  "meeting was \"productive and frank\".\n",
	  L("Elizabeth Warren|We agree on almost", "Gavin Newsom|productive and frank"),
	  L("Elizabeth Warren", "Gavin Newsom") },

	{ "Asked whether ..., X said:",
	  "Governor Gavin Newsom spoke in Fresno.\n\n"
	  "Asked whether he would run for president, Newsom said: \"I'm focused on California.\"\n",
	  L("Gavin Newsom|I'm focused on California."),
	  L("Gavin Newsom") },

	{ "company CEO, adding that ... after an attribution",
	  "Apple CEO Tim Cook, speaking at a conference in Cupertino, said the company \"has never "
	  "been stronger\".\n\n"
	  "\"Our customers trust us,\" Cook said, adding that privacy was \"a fundamental human "
	  "right\".\n",
	  L("Tim Cook|has never been stronger", "Tim Cook|Our customers trust us,",
	    "Tim Cook|a fundamental human right"),
	  L("Tim Cook") },

	{ "a reporter of a broadcaster, police as speaker",
	  "The BBC's John Simpson reported: \"The streets are empty tonight.\"\n\n"
	  "Police said \"no further action\" would be taken.\n",
	  L("John Simpson|The streets are empty", "|no further action"),
	  L("John Simpson") },

	{ "two people in one paragraph, he and she",
	  "Mary O'Brien, the head teacher, and her colleague Conor McGregor both spoke at the "
	  "meeting.\n\n"
	  "\"The school needs a new roof,\" O'Brien said. McGregor agreed: \"It has leaked for "
	  "years.\"\n\n"
	  "She added: \"Nobody listens to us.\"\n\n"
	  "\"We will keep asking,\" he said.\n",
	  L("Mary O'Brien|The school needs", "Conor McGregor|It has leaked",
	    "Mary O'Brien|Nobody listens", "Conor McGregor|We will keep asking"),
	  L("Mary O'Brien", "Conor McGregor") },

	{ "initials and particles in names",
	  "Former president George W. Bush and author J.K. Rowling were mentioned, as were Mohammed "
	  "bin Salman and the banker Mark van der Berg.\n",
	  NONE,
	  L("George W. Bush", "J.K. Rowling", "Mohammed bin Salman", "Mark van der Berg") },

	{ "firms, places and institutions are not people",
	  "Fans of the Los Angeles Lakers and Manchester United gathered outside the New York Times "
	  "building, where Goldman Sachs and Morgan Stanley have offices. Marchers reached Notre "
	  "Dame on Monday, according to the Royal Navy and Johns Hopkins University.\n",
	  NONE,
	  NONE },

	{ "Pope, King, Sir; Lt. Gen. and the general",
	  "Pope Francis and King Charles III sent messages. Sir Keir Starmer said he was \"deeply "
	  "moved\".\n\n"
	  "Lt. Gen. Sarah Collins, who commands the fleet, said: \"We stand ready.\"\n\n"
	  "\"The situation is under control,\" the general said.\n",
	  L("Keir Starmer|deeply moved", "Sarah Collins|We stand ready.",
	    "Sarah Collins|The situation is under control"),
	  L("Francis", "Charles", "Keir Starmer", "Sarah Collins") },

	{ "a quote before its speaker's age, quotes inside a quote",
	  "\"It still feels like a dream,\" said Priya Sharma, 27, who trains in Pune. \"My coach "
	  "said 'you can do it' and I believed him.\"\n\n"
	  "Her coach, Ravi Kumar, was more measured. \"She worked hard,\" he said.\n",
	  L("Priya Sharma|It still feels like", "Priya Sharma|My coach said 'you can do it' and",
	    "Ravi Kumar|She worked hard,"),
	  L("Priya Sharma", "Ravi Kumar") },

	{ "the X administration and the X government mention X",
	  "The Obama administration had promised to close the prison. Later, the Merkel government "
	  "agreed to take some detainees.\n",
	  NONE,
	  L("Obama", "Merkel") },

	{ "an unbalanced mark stays in its paragraph",
	  "Inspector Helen Park said the \"investigation was ongoing.\n\n"
	  "Officers searched the house on Friday and found nothing.\n",
	  L("Helen Park|investigation was ongoing."),
	  L("Helen Park") },

	{ "guillemets and low-high quotes",
	  "Le ministre Jean Dupont a d\xC3\xA9" "clar\xC3\xA9 : \xC2\xAB Nous sommes pr\xC3\xAAts \xC3\xA0 "
	  "agir. \xC2\xBB\n\n"
	  "Kanzler Olaf Scholz said: \xE2\x80\x9EWir schaffen das gemeinsam.\xE2\x80\x9C\n",
	  L("Jean Dupont|Nous sommes pr\xC3\xAAts", "Olaf Scholz|Wir schaffen das gemeinsam."),
	  L("Jean Dupont", "Olaf Scholz") },

	{ "a quote-only paragraph continues its speaker; then a new speaker takes over",
	  "Coach Diego Ramos was furious after the match.\n\n"
	  "\"The referee cost us the game,\" Ramos said.\n\n"
	  "\"I have never seen anything like it.\"\n\n"
	  "Captain Lena Vogt disagreed. \"We simply did not play well,\" she said.\n\n"
	  "\"We will learn from this.\"\n",
	  L("Diego Ramos|The referee cost", "Diego Ramos|I have never seen",
	    "Lena Vogt|We simply did not", "Lena Vogt|We will learn"),
	  L("Diego Ramos", "Lena Vogt") },

	{ "a photo credit names a photographer; Photo: label",
	  "Firefighters worked through the night in the hills above the town.\n",
	  NONE,
	  L("Jane Roe", "Ken Ito") },

	{ "the sentence before names the speaker",
	  "Professor Ines Moreau presented the study on Monday. She said the results surprised "
	  "her team.\n\n"
	  "Moreau noted that rainfall had fallen sharply. \"The trend is clear. We cannot ignore "
	  "it.\"\n",
	  L("Ines Moreau|The trend is clear."),
	  L("Ines Moreau") },

	{ "sentence-initial words and days are not names",
	  "On Monday, Volunteer groups met in the town hall. Several Residents complained about "
	  "the noise. Later Tuesday the council voted.\n",
	  NONE,
	  NONE },

	{ "quoted titles and scare quotes are fragments or nobody's",
	  "The film \"Dark Waters\" opens on Friday. Critics called it \"brilliant\".\n",
	  L("|Dark Waters", "|brilliant"),
	  NONE },

	{ "he said, with a person mentioned inside the quote who is not the speaker",
	  "Trade unionist Omar Haddad spoke outside the factory.\n\n"
	  "\"I told Ms Chen that we would strike,\" he said.\n",
	  L("Omar Haddad|I told Ms Chen"),
	  L("Omar Haddad", "Chen") },

	{ "inverted said with a full name and title",
	  "\"The bridge will reopen in May,\" said Transport Minister Liam Byrne.\n",
	  L("Liam Byrne|The bridge will reopen"),
	  L("Liam Byrne") },

	{ "X, 45, said:",
	  "Farmer Joseph Mwangi, 45, said: \"The rains came too late for us.\"\n",
	  L("Joseph Mwangi|The rains came too late"),
	  L("Joseph Mwangi") },

	{ "a quote split by said X, \"and …\"",
	  "Opposition leader Kizza Besigye was arrested on Monday.\n\n"
	  "\"We will not be intimidated,\" said Besigye, \"and we will continue to march.\"\n",
	  L("Kizza Besigye|We will not be intimidated,", "Kizza Besigye|and we will continue"),
	  L("Kizza Besigye") },

	{ "he in the same sentence as its subject; told Wikinews; a document speaks",
	  "Ukrainian Prime Minister Arseniy Yatsenyuk spoke first.\n\n"
	  "US Secretary of State John Kerry condemned what he called an \"incredible act of "
	  "aggression\". \"Nobody expected this,\" Kerry told Wikinews.\n\n"
	  "The report states: \"Emissions must fall by half before 2030.\"\n",
	  L("John Kerry|incredible act of aggression", "John Kerry|Nobody expected this,",
	    "|Emissions must fall"),
	  L("Arseniy Yatsenyuk", "John Kerry") },

	{ "a role nobody holds refers to the person the text is about",
	  "Vitali Klitschko, the former boxer who leads the party, called for calm.\n\n"
	  "\"If Putin wants a war, he will get it,\" the opposition leader told the crowd.\n",
	  L("Vitali Klitschko|If Putin wants a war"),
	  L("Vitali Klitschko") },

	{ "a full name later called by its surname alone is a person",
	  "Abdoulaye Wade and Kgalema Motlanthe attended the summit in Dakar. Motlanthe spoke "
	  "briefly.\n",
	  NONE,
	  L("Kgalema Motlanthe") },

	{ "a surname written first, with a parenthesis before the apposition",
	  "Leading the session was Takahashi Ren (\xE9\xAB\x98\xE6\xA9\x8B), a literary "
	  "translator from Sendai.\n\n"
	  "\"People always ask me for the correct translation,\" Takahashi said.\n",
	  L("Takahashi Ren|People always ask me"),
	  L("Takahashi Ren") },

	{ "the Swiss, the 27-year-old: a descriptor for the person in context; a venue",
	  "Swiss player Roger Federer lost the final at Roland Garros on Sunday.\n\n"
	  "\"He was too good today,\" the Swiss said.\n\n"
	  "Serbian Ana Ivanovic won the women's title. \"I can't believe it,\" the "
	  "20-year-old said.\n",
	  L("Roger Federer|He was too good today,", "Ana Ivanovic|I can't believe it,"),
	  L("Roger Federer", "Ana Ivanovic") },

	{ "a single-quoted headline-style subheading",
	  "'We will not give up,' says striking nurse\n\n"
	  "Nurse Grace Adeyemi, 52, joined the picket line on Monday.\n",
	  L("|We will not give up,"),
	  L("Grace Adeyemi") },
};

static void
run_dev_case(void **state)
{
	const struct dev_case *c = *state;
	struct fx f;

	print_message("case: %s\n", c->name);
	if (strstr(c->name, "photo credit") != NULL) {
		static const struct an_image_in im[] = {
			{ NULL, "A firefighter on the ridge.", "Jane Roe/Reuters" },
			{ "Night work", "Crews at dusk. Photo: Ken Ito", NULL },
		};

		fx_run_with(&f, c->text, NULL, 0, im, 2);
		assert_int_equal(f.an->ncaptions, 2);
		assert_int_equal(f.an->captions[0].npeople, 1);
		assert_string_equal(f.an->people[f.an->captions[0].people[0]].role, "photographer");
	} else {
		fx_run_with(&f, c->text, NULL, 0, NULL, 0);
	}
	expect_quotes(&f, c->quotes);
	expect_people(&f, c->people);
	fx_free(&f);
}

/* ---- front matter ---- */

static void
test_frontmatter_alias(void **state)
{
	static const char *const aliases[] = { "the coach", "Gaffer" };
	const struct an_person_in people[] = {
		{ "Diego Ramos", "head coach", aliases, 2 },
	};
	static const char text[] =
		"The coach was furious after the match.\n\n"
		"\"The referee cost us the game,\" the coach said. Gaffer, as fans call him, left "
		"early.\n";
	struct fx f;

	(void)state;
	fx_run_with(&f, text, people, 1, NULL, 0);
	assert_int_equal(f.an->nquotes, 1);
	assert_int_equal(f.an->quotes[0].speaker, 0);
	assert_int_equal(f.an->quotes[0].how, AN_HOW_FRONTMATTER);
	assert_int_equal(f.an->npeople, 1);
	assert_int_equal(f.an->people[0].nmentions, 3);
	assert_true(f.an->people[0].from_frontmatter);
	fx_free(&f);
}

/* The front matter's name wins over the text's variant with a title. */
static void
test_frontmatter_merges(void **state)
{
	const struct an_person_in people[] = { { "Anna Berg", NULL, NULL, 0 } };
	struct fx f;

	(void)state;
	fx_run_with(&f, "Prime Minister Anna Berg spoke. Berg said \"we are ready to act\".\n", people, 1,
	    NULL, 0);
	assert_int_equal(f.an->npeople, 1);
	assert_int_equal(f.an->people[0].nmentions, 2);
	assert_int_equal(f.an->people[0].nquotes, 1);
	assert_null(f.an->people[0].role);
	fx_free(&f);
}

/* ---- hostile input ---- */

static void
test_empty(void **state)
{
	struct an_input in;
	struct analysis *an;
	struct buf b = BUF_INIT;
	struct an_quote q;

	(void)state;
	memset(&in, 0, sizeof in);
	an = analysis_run(&in);
	assert_int_equal(an->nquotes, 0);
	assert_int_equal(an->npeople, 0);
	analysis_free(an);
	analysis_free(NULL);
	memset(&q, 0, sizeof q);
	in.text = "";
	analysis_quote_text(&in, &q, &b);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* Two paragraphs, two quotations, one speaker: an input without paragraphs. */
static void
two_quotes(struct an_input *in)
{
	static const char text[] = "\"One two three,\" said Anna Berg.\n\n\"Four five six.\"";

	memset(in, 0, sizeof *in);
	in->text = text;
	in->len = strlen(text);
}

/* Paragraphs missing, out of range, overlapping or backwards. */
static void
test_bad_paragraphs(void **state)
{
	const struct span bad[] = { { 40, 10 }, { 0, 1000 }, { 5, 20 }, { 3, 2 }, { 999, 1000 } };
	struct an_input in;
	struct analysis *an;
	size_t i;

	(void)state;
	two_quotes(&in);
	an = analysis_run(&in);		/* no paragraphs given: split at blank lines */
	assert_int_equal(an->nquotes, 2);
	assert_int_equal(an->quotes[1].para, 1);
	analysis_free(an);
	in.paras = bad;
	in.nparas = sizeof bad / sizeof bad[0];
	an = analysis_run(&in);
	for (i = 0; i < an->nquotes; i++) {
		assert_true(an->quotes[i].end <= in.len);
		assert_true(an->quotes[i].para < in.nparas);
	}
	analysis_free(an);
}

/* Invalid UTF-8, NULs and control characters anywhere. */
static void
test_garbage_bytes(void **state)
{
	char text[4096];
	struct an_input in;
	struct span *p;
	struct analysis *an;
	struct buf b = BUF_INIT;
	size_t i, np;
	uint32_t x = 12345;

	(void)state;
	for (i = 0; i < sizeof text; i++) {
		static const char pick[] = "\"\xE2\x80\x9C\x9D\xAB\xBB'\n \x00\xFF\xC3" "Ab.,";

		x = x * 1103515245 + 12345;
		text[i] = pick[(x >> 16) % (sizeof pick - 1)];
	}
	np = para_split(text, sizeof text, &p);
	memset(&in, 0, sizeof in);
	in.text = text;
	in.len = sizeof text;
	in.paras = p;
	in.nparas = np;
	an = analysis_run(&in);
	for (i = 0; i < an->nquotes; i++) {
		assert_true(an->quotes[i].start <= an->quotes[i].inner_start);
		assert_true(an->quotes[i].inner_end <= an->quotes[i].end);
		assert_true(an->quotes[i].end <= in.len);
		buf_reset(&b);
		analysis_quote_text(&in, &an->quotes[i], &b);
	}
	for (i = 0; i < an->nmentions; i++)
		assert_true(an->mentions[i].end <= in.len);
	analysis_free(an);
	buf_free(&b);
	free(p);
}

/*
 * Ten thousand unclosed marks: every quotation stays in its paragraph, and
 * the closed quotation after them is found, with its speaker.
 */
static void
test_many_marks(void **state)
{
	struct buf t = BUF_INIT;
	struct fx f;
	const struct an_quote *last;
	size_t i, inner;

	(void)state;
	for (i = 0; i < 10000; i++)
		buf_adds(&t, i % 500 == 499 ? "\" word\n\n" : "\" word ");
	buf_adds(&t, "Then \"a closed quote here\" said Anna Berg.\n");
	fx_run_with(&f, t.data, NULL, 0, NULL, 0);
	assert_true(f.an->nquotes >= 1);
	for (i = 0; i < f.an->nquotes; i++) {
		const struct an_quote *q = &f.an->quotes[i];

		assert_true(q->end <= f.in.len);
		assert_int_equal(q->para_last, q->para);
		assert_true(q->para < f.in.nparas);
		assert_true(q->start >= f.in.paras[q->para].start);
		assert_true(q->end <= f.in.paras[q->para].end);
	}
	last = &f.an->quotes[f.an->nquotes - 1];
	inner = strlen("a closed quote here");
	assert_int_equal(last->inner_end - last->inner_start, inner);
	assert_memory_equal(t.data + last->inner_start, "a closed quote here", inner);
	assert_true(last->speaker >= 0);
	assert_string_equal(f.an->people[last->speaker].name, "Anna Berg");
	fx_free(&f);
	buf_free(&t);
}

/* A long paragraph and many paragraphs. */
static void
test_big(void **state)
{
	struct buf t = BUF_INIT;
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < 20000; i++)
		buf_adds(&t, "Mayor Ana Silva said \"we go on\" and Silva left ");
	buf_adds(&t, "\n\n");
	for (i = 0; i < 20000; i++)
		buf_adds(&t, "\"Yes, we will,\" Silva said.\n\n");
	fx_run_with(&f, t.data, NULL, 0, NULL, 0);
	assert_int_equal(f.an->nquotes, 40000);
	assert_int_equal(f.an->npeople, 1);
	assert_int_equal(f.an->people[0].nquotes, 40000);
	fx_free(&f);
	buf_free(&t);
}

/* Told to stop (the reader is quitting), the analysis returns at once with a
 * valid, partial result; not told, the same input gives everything. */
static void
test_cancel(void **state)
{
	volatile sig_atomic_t stop = 1;
	struct an_input in;
	struct analysis *an;
	size_t i;

	(void)state;
	two_quotes(&in);
	in.cancel = &stop;
	an = analysis_run(&in);
	assert_int_equal(an->npeople, 0);
	assert_int_equal(an->nmentions, 0);
	for (i = 0; i < an->nquotes; i++) {
		assert_true(an->quotes[i].end <= in.len);
		assert_int_equal(an->quotes[i].speaker, -1);
	}
	analysis_free(an);
	stop = 0;
	an = analysis_run(&in);
	assert_int_equal(an->nquotes, 2);
	assert_int_equal(an->npeople, 1);
	assert_int_equal(an->quotes[1].speaker, 0);
	analysis_free(an);
}

/* The names of how. */
static void
test_how_names(void **state)
{
	(void)state;
	assert_string_equal(an_how_name(AN_HOW_NONE), "none");
	assert_string_equal(an_how_name(AN_HOW_NAMED), "named");
	assert_string_equal(an_how_name(AN_HOW_ROLE), "role");
	assert_string_equal(an_how_name(AN_HOW_PRONOUN), "pronoun");
	assert_string_equal(an_how_name(AN_HOW_CARRIED), "carried");
	assert_string_equal(an_how_name(AN_HOW_FRONTMATTER), "frontmatter");
}

int
main(void)
{
	struct CMUnitTest tests[72];
	size_t n = 0, i;

	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_seed_frontmatter);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_seed_text_only);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_seed_spans);
	for (i = 0; i < sizeof dev / sizeof dev[0] && n < 60; i++) {
		struct CMUnitTest t = cmocka_unit_test_prestate(run_dev_case, (void *)&dev[i]);

		t.name = dev[i].name;
		tests[n++] = t;
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_frontmatter_alias);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_frontmatter_merges);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_empty);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_bad_paragraphs);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_garbage_bytes);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_many_marks);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_big);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_cancel);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_how_names);
	return _cmocka_run_group_tests("analysis", tests, n, NULL, NULL);
}
