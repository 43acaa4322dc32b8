/*
 * lex.c: the word lists the analysis engine reasons with: function words,
 * reporting verbs, titles and role nouns, organisation and place words,
 * nationalities, given names. One hash table maps a lower-case word to the
 * OR of the flags of every list it is in. It is built once, at first use
 * (pthread_once, so any thread may be first), and never changes after; its
 * words are numbered so that a stored token keeps a number, not the flags.
 *
 * The lists are general English (and common world names); they are not
 * tuned to any article.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util.h"

struct lex_list {
	uint64_t	 flags;
	const char	*words;		/* space-separated, lower case */
};

static const struct lex_list lex_lists[] = {
	{ LX_STOP,
	  "a an the and or nor but if then else than that this these those there here "
	  "of in on at to for from by with without within into onto upon about above below "
	  "over under after before during since until till while although though because "
	  "as so yet also too very just only even still already not no yes "
	  "i me my mine we us our ours you your yours he him his she her hers it its they "
	  "them their theirs who whom whose which what when where why how whatever whoever "
	  "is are was were be been being am do does did done doing has have had having "
	  "can could shall should would must might ought "
	  "all any both each every either neither few many more most much none other "
	  "others another some such several same own "
	  "however meanwhile moreover furthermore nevertheless therefore thus hence instead "
	  "otherwise indeed perhaps maybe now today yesterday tomorrow tonight "
	  "again once twice ever never always often sometimes "
	  "according despite among amongst between through throughout across along around "
	  "against toward towards beyond beside besides near via per "
	  "one two three four five six seven eight nine ten eleven twelve twenty hundred "
	  "thousand million billion first second third last next "
	  "please thanks thank hello oh ok okay well dear let let's "
	  "update updated editor's note read see also related breaking exclusive "
	  "it's he's she's we're they're i'm that's there's what's don't doesn't didn't "
	  "can't won't isn't aren't wasn't weren't" },
	{ LX_DET,
	  "the a an this that these those his her its their our my your one another some "
	  "any each every no" },
	{ LX_INDEF,
	  "a an one another some any several many two three four five" },
	{ LX_PRON_M, "he him his himself" },
	{ LX_HESHE, "he she" },
	{ LX_PVERB,
	  "scored scores netted headed volleyed equalised equalized converted assisted "
	  "replaced replaces substituted succeeded succeeds married founded co-founded "
	  "coached starred resigned retired died overtook beat defeated "
	  "composed painted directed produced sculpted designed" },
	{ LX_POBJ,
	  "replaced replaces substituted substitutes succeeded succeeds beat beats "
	  "defeated defeats met meets married marries divorced interviewed hired hires "
	  "fired appointed appoints elected nominated sacked dismissed ousted signed "
	  "dropped benched booked welcomed congratulated endorsed thanked hugged "
	  "greeted accused sued arrested charged convicted sentenced acquitted jailed "
	  "killed shot stabbed attacked rescued tackled fouled brought coached trained "
	  "mentored recruited fielded subbed sent overtook edged outpointed knocked "
	  "partnered invited honoured honored promoted demoted introduced" },
	{ LX_PRON_F, "she her hers herself" },
	{ LX_PRON_X, "i we they it you me us them" },
	{ LX_AUX,
	  "has have had is was are were will would could should may might must can "
	  "also later then once again further previously recently reportedly earlier "
	  "subsequently repeatedly simply quickly flatly firmly bluntly publicly privately "
	  "angrily calmly quietly proudly just already still never not finally "
	  "separately directly openly repeatedly candidly confidently cautiously "
	  "himself herself themselves itself" },
	{ LX_CLAUSE,
	  "that which who whom whose because when while if although though whereas "
	  "and but or so where after before since until unless" },
	{ LX_PREP,
	  "on in at after before during since until of with for from as by under over "
	  "according despite following amid amidst among between through throughout "
	  "writing speaking asked asking discussing addressing responding reacting "
	  "meanwhile however also earlier later today yesterday separately elsewhere "
	  "but and then still now last next this "
	  "while when although though because if unlike like outside inside near" },
	{ LX_ACCORDING, "according" },
	{ LX_RVERB | LX_STRONGVERB,
	  "said says say saying told tells tell telling added adds add adding "
	  "wrote writes writing asked asks asking continued continues continuing "
	  "explained explains explaining stated states stating "
	  "according replied replies replying responded responds responding answered "
	  "answers tweeted tweets posted posts declared declares declaring" },
	{ LX_RVERB,
	  "warned warns warning stressed stresses stressing noted notes noting "
	  "argued argues arguing insisted insists insisting claimed claims claiming "
	  "announced announces announcing concluded concludes concluding "
	  "reasoned reasons reasoning urged urges urging admitted admits admitting "
	  "acknowledged acknowledges acknowledging confirmed confirms confirming "
	  "suggested suggests suggesting recalled recalls recalling remarked remarks "
	  "observed observes observing commented comments commenting emphasized emphasised "
	  "emphasizes emphasises emphasizing emphasising cautioned cautions predicted predicts "
	  "promised promises vowed vows pledged pledges conceded concedes countered counters "
	  "described describes describing called calls calling characterized characterised "
	  "characterizes characterises dubbed dubs reiterated reiterates reiterating "
	  "shouted shouts yelled whispered joked jokes quipped quips boasted boasts "
	  "complained complains lamented laments charged alleged alleges contended "
	  "contends maintained maintains testified testifies reported reports revealed "
	  "reveals assured assures demanded demands wondered wonders mused muses "
	  "blogged texted emailed messaged opined agreed agrees disagreed denied denies "
	  "criticised criticized criticises criticizes praised praises hailed hails "
	  "thundered snapped sighed exclaimed exclaims proclaimed proclaims pleaded "
	  "begged read reads speaks spoke speaking mentioned mentions "
	  "adding insisting recounted recounts summed summarised summarized "
	  "interjected retorted retorts chimed advised advises believes believed "
	  "wrote stated explained elaborated elaborates responded conceded "
	  "told informed informs labelled labeled labels branded brands termed terms "
	  "quoted" },
	{ LX_RVERB_ING,
	  "saying telling adding writing asking continuing explaining stating replying "
	  "responding answering tweeting posting declaring warning stressing noting "
	  "arguing insisting claiming announcing concluding reasoning urging admitting "
	  "acknowledging confirming suggesting recalling observing commenting "
	  "emphasizing emphasising calling describing reiterating declaring speaking "
	  "mentioning" },
	{ LX_HON,
	  "mr mrs ms miss mx sir dame dr dr. mister madam madame monsieur herr frau "
	  "señor senor señora senora signor signora" },
	{ LX_TITLE,
	  "president vice-president presidente premier chancellor minister secretary "
	  "secretary-general undersecretary under-secretary governor mayor senator "
	  "congressman congresswoman congressmember representative rep rep. sen sen. "
	  "gov gov. ambassador commissioner councillor councilor councilman councilwoman "
	  "alderman assemblyman assemblywoman judge justice magistrate attorney "
	  "attorney-general prosecutor sheriff chairman chairwoman chairperson chair "
	  "ceo cfo coo cto director director-general spokesman spokeswoman spokesperson "
	  "professor prof prof. dr doctor general gen gen. lieutenant lt lt. colonel col "
	  "col. major maj sergeant sgt sgt. corporal private admiral commander marshal "
	  "brigadier commodore inspector superintendent constable detective officer "
	  "chief pope cardinal archbishop bishop reverend rev rev. pastor rabbi imam "
	  "ayatollah sheikh sheik emir sultan king queen prince princess emperor empress "
	  "crown-prince duke duchess earl baron baroness lord count countess speaker "
	  "coach manager captain skipper president-elect prime-minister pm taoiseach "
	  "chief-executive vice-chancellor provost dean rector principal headteacher "
	  "headmaster headmistress deputy envoy consul diplomat leader founder co-founder "
	  "cofounder owner editor editor-in-chief publisher producer "
	  "cllr det insp supt dci" },
	{ LX_TITLE_WEAK,
	  "captain lady lord father sister brother saint st st. uncle aunt master "
	  "miss doctor count general major private officer coach dean principal" },
	{ LX_ROLE,
	  "president minister secretary secretary-general chancellor governor mayor "
	  "senator spokesman spokeswoman spokesperson chairman chairwoman chair ceo "
	  "director manager coach captain commander general colonel officer official "
	  "ambassador envoy leader king queen prince princess pope bishop archbishop "
	  "cardinal priest pastor rabbi imam judge justice lawyer attorney prosecutor "
	  "professor researcher scientist author coauthor co-author writer journalist "
	  "reporter editor columnist analyst economist expert doctor physician surgeon "
	  "nurse teacher principal student actor actress singer musician artist "
	  "illustrator photographer producer founder co-founder cofounder owner "
	  "councillor councilor commissioner inspector superintendent sheriff detective "
	  "constable sergeant lieutenant admiral undersecretary under-secretary deputy "
	  "treasurer speaker chairperson premier monarch emperor sultan emir sheikh "
	  "dean provost rector lecturer historian activist campaigner protester witness "
	  "survivor resident victim player striker goalkeeper midfielder defender "
	  "quarterback pitcher boxer driver rider cyclist athlete champion cosplayer "
	  "blogger designer architect engineer entrepreneur businessman businesswoman "
	  "banker investor executive administrator negotiator mediator diplomat "
	  "politician lawmaker legislator candidate nominee incumbent challenger "
	  "comedian filmmaker novelist poet playwright composer conductor dancer "
	  "presenter host anchor broadcaster commentator pundit astronaut pilot "
	  "chancellor premier taoiseach mp mep congressman congresswoman representative "
	  "vice-president vice-chancellor attorney-general director-general "
	  "prime-minister chief-executive headteacher headmaster headmistress "
	  "archaeologist biologist physicist chemist geologist psychologist "
	  "sociologist anthropologist astronomer mathematician philosopher "
	  "theologian linguist ecologist climatologist epidemiologist virologist "
	  "zoologist botanist economist strategist consultant adviser advisor "
	  "counsel solicitor barrister magistrate coroner pathologist paramedic "
	  "firefighter policeman policewoman soldier veteran farmer fisherman "
	  "cosplayer gamer streamer youtuber influencer model photographer "
	  "cameraman correspondent anchorman anchorwoman newsreader "
	  "chef baker owner proprietor shopkeeper vendor organiser organizer curator "
	  "conductor pianist guitarist drummer violinist cellist vocalist rapper "
	  "songwriter screenwriter director animator cartoonist sculptor painter "
	  "trainer jockey referee umpire manager forward winger batsman bowler "
	  "wrestler swimmer runner sprinter skier skater golfer tennis "
	  "candidate challenger opponent rival ally aide assistant adviser "
	  "governor-general premier-elect mayor-elect chancellor-elect "
	  "undersecretary secretary-of-state ombudsman registrar auditor comptroller "
	  "treasurer warden mayoress deputy-mayor viceroy regent "
	  "translator interpreter scholar academic fellow graduate alumnus vicar nun monk "
	  "footballer cricketer rugby bassist dj landlord landlady tenant homeowner "
	  "retiree pensioner widow widower grandmother grandfather mother father son "
	  "daughter wife husband uncle aunt cousin friend neighbour neighbor colleague "
	  "partner fan supporter voter customer patient midwife dentist pharmacist vet "
	  "undergraduate postgraduate intern apprentice trainee volunteer pupil parent "
	  "worker employee member trustee governor trawlerman fisherwoman farmer "
	  "shopowner publican innkeeper hotelier restaurateur entrepreneur investor "
	  "programmer developer scientist technician mechanic electrician plumber "
	  "builder carpenter labourer laborer miner nurse caretaker cleaner porter "
	  "guard warden ranger soldier sailor marine airman officer cadet commander "
	  "defendant claimant plaintiff complainant juror barrister" },
	{ LX_TMOD,
	  "former late then acting interim outgoing incoming deputy vice assistant "
	  "associate senior junior chief head general executive prime foreign finance "
	  "defence defense interior home health education state federal national "
	  "regional local city county provincial municipal district assistant "
	  "emeritus honorary permanent special principal lead co-lead managing "
	  "first grand supreme high lord lady crown opposition shadow party "
	  "republican democratic democrat labour labor conservative liberal "
	  "u.s us uk eu un new former- u.k u.n u.s.a e.u" },
	{ LX_DEPT,
	  "state education defence defense health finance justice interior "
	  "foreign affairs agriculture labour labor energy transport transportation "
	  "commerce trade culture treasury environment housing science technology "
	  "tourism sport sports industry economy economic development security "
	  "homeland immigration veterans employment welfare infrastructure "
	  "communications information research innovation planning works fisheries "
	  "forestry mines mining water resources tourism heritage arts youth women "
	  "family children social services public the and of" },
	{ LX_ORG,
	  "foundation university universities college school schools academy institute "
	  "instituto institut institution church cathedral temple mosque synagogue "
	  "department ministry agency administration authority bureau office "
	  "commission committee council board court tribunal parliament senate "
	  "congress assembly government party union association society federation "
	  "league club team group company co corp corporation inc incorporated ltd "
	  "llc plc gmbh holdings industries enterprises partners capital bank fund "
	  "trust network networks systems technologies technology labs laboratory "
	  "laboratories hospital clinic center centre museum gallery library theatre "
	  "theater stadium arena park garden gardens hall station airport port harbour "
	  "harbor bridge street road avenue boulevard lane drive square plaza tower "
	  "building palace castle memorial monument cemetery river lake mountain "
	  "mountains island islands valley bay sea ocean beach coast province county "
	  "district city town village region republic kingdom empire states nations "
	  "times post herald news journal tribune gazette daily weekly magazine press "
	  "radio television tv channel broadcasting media studios studio records "
	  "pictures images films games entertainment productions publishing "
	  "publications books review wiki wikipedia wikinews online com org net "
	  "day festival expo convention conference summit forum championship "
	  "championships cup series award awards prize olympics act bill treaty accord "
	  "agreement law project programme program initiative campaign legion army "
	  "navy force forces corps guard police brigade battalion regiment division "
	  "command service services airlines airways airline motors energy oil "
	  "petroleum pharmaceuticals pharma foods markets exchange stores hotel hotels "
	  "resort restaurant cafe pub market mall organization organisation coalition "
	  "alliance movement front cabinet secretariat embassy consulate mission "
	  "show awards year week month century war wars crisis revolution "
	  "protocol convention charter constitution declaration report reports survey "
	  "index prize medal trophy tournament open games marathon race rally "
	  "festival carnival fair exhibition gala ceremony parade "
	  "class model version edition collection line lines route highway motorway "
	  "railway railroad metro subway tram tunnel canal dam reservoir "
	  "hills heights springs falls forest desert peninsula strait gulf "
	  "channel cape point plains delta basin "
	  "ministries departments agencies councils committees universities "
	  "brothers sisters sons associates solutions consulting insurance "
	  "foods motors mobile telecom communications electric electronics software "
	  "hardware computer computers internet web website app apps browser "
	  "primary secondary elementary infants nursery grammar kindergarten "
	  "explorer firefox chrome safari windows linux android iphone ipad xbox "
	  "playstation nintendo google microsoft apple amazon facebook twitter "
	  "youtube instagram tiktok reddit netflix samsung sony intel ibm oracle "
	  "reuters bloomberg associated afp getty shutterstock alamy "
	  "commons flickr unsplash pixabay sport sports fc afc united city rovers "
	  "wanderers athletic athletico olympique real "
	  "bible koran quran torah gospel psalm "
	  "virus disease syndrome fever flu pandemic epidemic" },
	{ LX_SURNAMEOK,
	  "hall lane park church law bank banks post press price castle tower fox "
	  "field fields ford cross brook hill rivers stone wood young king "
	  "bridge bridges garden gardens court london paris washington jordan "
	  "victoria florence georgia austin israel chad orlando lincoln houston "
	  "sydney regina virginia carolina adelaide lima santiago"  },
	{ LX_WORK,
	  "novel book film movie album song single series show sitcom drama game "
	  "videogame character play opera musical magazine newspaper ship vessel boat "
	  "yacht hurricane storm typhoon cyclone operation codename brand horse dog "
	  "cat painting statue sculpture exhibition app website blog podcast "
	  "documentary episode comic manga anime franchise costume avatar alias "
	  "nickname pseudonym username handle villain superhero hero heroine mascot "
	  "robot doll toy puppet spacecraft rover satellite rocket mission tropical" },
	{ LX_PLURALTITLE,
	  "ministers presidents leaders officials governors mayors senators "
	  "secretaries ambassadors members delegates representatives chiefs "
	  "generals commanders directors judges justices spokesmen lawmakers "
	  "legislators diplomats kings queens princes bishops cardinals" },
	{ LX_GROUP,
	  "administration government cabinet presidency regime era campaign "
	  "family dynasty years" },
	{ LX_PARTY,
	  "labour labor conservative conservatives liberal liberals democratic democrat "
	  "democrats republican republicans socialist socialists communist communists "
	  "green greens tory tories whig nationalist nationalists federal provisional "
	  "military interim coalition transitional national central state local "
	  "previous current new old last next former present" },
	{ LX_PARTICLE,
	  "de da di del della delle dei degli do dos das du des van von der den ter ten "
	  "le la bin binti bint ibn al el ben y e zu af av st" },
	{ LX_SUFFIX, "jr jr. sr sr. ii iii iv vi vii viii junior senior" },
	{ LX_ABBREV,
	  "mr mrs ms dr st prof gen sen rep gov lt col capt sgt cpl maj adm cmdr "
	  "rev fr jr sr no nos vs etc inc co corp ltd bros jan feb mar apr jun jul aug "
	  "sep sept oct nov dec mt ft ave blvd rd approx dept est fig al e.g i.e u.s "
	  "u.k u.n u.s.a a.m p.m ph.d b.a m.a cllr det insp supt" },
	{ LX_MONTH,
	  "january february march april may june july august september october "
	  "november december sept" },
	{ LX_DAY,
	  "monday tuesday wednesday thursday friday saturday sunday weekend" },
	{ LX_CREDIT,
	  "image images photo photos photograph photographs picture pictures credit "
	  "credits courtesy source illustration video footage screenshot file" },
	{ LX_AGENCY,
	  "getty reuters afp ap epa ansa dpa xinhua tass efe pa aap shutterstock alamy "
	  "wikimedia flickr nasa pool handout corbis magnum bloomberg "
	  "sipa zuma newscom abaca imago ullstein kyodo yonhap" },
	{ LX_ACRONYM,
	  "us usa uk eu un nato who imf ap tv bbc cnn abc nbc cbs fox afp ceo cfo "
	  "fbi cia nsa nasa gop mp mep pm uae ussr prc dpr nhs un nz ok id ai it "
	  "pc ie gmt utc est pst et am pm bc ad phd mba pr" },
	{ LX_COMMON,
	  "new old great big little black white red green blue yellow golden silver "
	  "north south east west northern southern eastern western central upper lower "
	  "national international global world royal federal general public private "
	  "social democratic republican liberal conservative labour labor popular "
	  "united free independent islamic catholic jewish muslim buddhist hindu "
	  "protestant orthodox holy grand supreme high greater metro city internet "
	  "first second third last final annual special official modern ancient "
	  "american european asian african arab western digital "
	  "star wars war peace freedom liberty justice unity victory "
	  "epic super mega ultra classic premier prime major minor "
	  "early late middle total real true " },
	{ LX_NOTNAME,
	  "god allah christ internet web net earth moon sun "
	  "ramadan eid diwali hanukkah thanksgiving halloween "
	  "covid covid-19 coronavirus ebola aids hiv" },
	{ LX_PLACE,
	  /* continents and regions */
	  "africa america americas asia europe oceania antarctica arctic antarctic "
	  "eurasia scandinavia balkans caribbean caucasus sahara sahel mediterranean "
	  "atlantic pacific baltic levant gulf middle-east latin siberia patagonia "
	  "amazon andes alps himalayas tibet kashmir punjab bengal sindh balochistan "
	  "kurdistan crimea donbas donbass donetsk luhansk kherson zaporizhzhia "
	  "mariupol kharkiv kharkov odesa odessa lviv dnipro bakhmut "
	  "gaza palestine west-bank golan sinai darfur tigray kurdish "
	  /* countries */
	  "afghanistan albania algeria andorra angola antigua argentina armenia "
	  "australia austria azerbaijan bahamas bahrain bangladesh barbados belarus "
	  "belgium belize benin bhutan bolivia bosnia herzegovina botswana brazil "
	  "brunei bulgaria burkina faso burundi cambodia cameroon canada cape verde "
	  "chad chile china colombia comoros congo costa croatia cuba cyprus czechia "
	  "czech denmark djibouti dominica dominican ecuador egypt salvador "
	  "eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia "
	  "germany ghana greece grenada guatemala guinea guyana haiti honduras "
	  "hungary iceland india indonesia iran iraq ireland israel italy jamaica "
	  "japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos "
	  "latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg "
	  "madagascar malawi malaysia maldives mali malta mauritania mauritius mexico "
	  "micronesia moldova monaco mongolia montenegro morocco mozambique myanmar "
	  "burma namibia nauru nepal netherlands holland zealand nicaragua niger "
	  "nigeria macedonia norway oman pakistan palau panama papua paraguay peru "
	  "philippines poland portugal qatar romania russia rwanda samoa "
	  "san marino sao tome arabia senegal serbia seychelles sierra leone "
	  "singapore slovakia slovenia solomon somalia sudan spain sri lanka suriname "
	  "sweden switzerland syria taiwan tajikistan tanzania thailand timor togo "
	  "tonga trinidad tobago tunisia turkey turkiye turkmenistan tuvalu uganda "
	  "ukraine emirates uruguay uzbekistan vanuatu vatican venezuela vietnam "
	  "yemen zambia zimbabwe england scotland wales britain ulster "
	  "greenland hong kong macau macao puerto rico guam tibet " },
	{ LX_PLACE,
	  /* US states and Canadian provinces */
	  "alabama alaska arizona arkansas california colorado connecticut delaware "
	  "florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine "
	  "maryland massachusetts michigan minnesota mississippi missouri montana "
	  "nebraska nevada hampshire jersey mexico york carolina dakota ohio oklahoma "
	  "oregon pennsylvania rhode tennessee texas utah vermont virginia washington "
	  "wisconsin wyoming ontario quebec alberta manitoba saskatchewan nova scotia "
	  "brunswick newfoundland labrador yukon nunavut columbia " },
	{ LX_PLACE,
	  /* cities */
	  "london paris berlin madrid rome moscow kyiv kiev beijing shanghai tokyo "
	  "seoul delhi mumbai bombay kolkata calcutta chennai bangalore karachi lahore "
	  "islamabad kabul tehran baghdad damascus beirut amman jerusalem tel aviv "
	  "cairo riyadh jeddah mecca medina dubai doha abu dhabi istanbul ankara athens "
	  "vienna prague budapest warsaw bucharest sofia belgrade zagreb brussels "
	  "amsterdam rotterdam hague copenhagen stockholm oslo helsinki dublin "
	  "edinburgh glasgow manchester liverpool birmingham leeds bristol cardiff "
	  "belfast lisbon barcelona valencia seville milan naples turin florence "
	  "venice genoa bologna palermo munich hamburg frankfurt cologne "
	  "zurich geneva bern lyon marseille nice toulouse strasbourg minsk riga "
	  "vilnius tallinn chisinau tbilisi yerevan baku astana almaty tashkent "
	  "nairobi lagos abuja accra dakar addis ababa khartoum kinshasa johannesburg "
	  "cape town pretoria durban harare lusaka kampala kigali mogadishu tripoli "
	  "tunis algiers rabat casablanca sydney melbourne brisbane perth adelaide "
	  "canberra auckland wellington christchurch toronto montreal vancouver "
	  "ottawa calgary edmonton winnipeg chicago boston philadelphia houston dallas "
	  "austin atlanta miami seattle denver phoenix detroit baltimore "
	  "angeles francisco diego vegas orleans brooklyn manhattan queens bronx "
	  "havana bogota lima santiago caracas quito montevideo asuncion "
	  "buenos aires rio janeiro sao paulo brasilia guadalajara monterrey "
	  "taipei kaohsiung hanoi saigon ho chi minh bangkok manila jakarta "
	  "kuala lumpur singapore dhaka kathmandu colombo yangon phnom penh "
	  "vientiane ulaanbaatar pyongyang osaka kyoto nagoya hiroshima nagasaki "
	  "fukushima okinawa hokkaido busan incheon shenzhen guangzhou wuhan "
	  "chengdu chongqing tianjin xinjiang hangzhou nanjing lhasa xian "
	  "silicon valley hollywood wall westminster whitehall kremlin pentagon "
	  "brussels strasbourg davos java sumatra bali borneo "
	  "lombardy tuscany sicily sardinia bavaria catalonia andalusia" },
	{ LX_NATION,
	  "afghan albanian algerian american andorran angolan argentine argentinian "
	  "armenian australian austrian azerbaijani azeri bahraini bangladeshi "
	  "belarusian belgian beninese bolivian bosnian brazilian british briton "
	  "bulgarian burmese burundian cambodian cameroonian canadian chadian chilean "
	  "chinese colombian congolese croatian cuban cypriot czech danish dutch "
	  "ecuadorian egyptian emirati english eritrean estonian ethiopian fijian "
	  "filipino finnish french gabonese gambian georgian german ghanaian greek "
	  "guatemalan guinean haitian honduran hungarian icelandic indian indonesian "
	  "iranian iraqi irish israeli italian ivorian jamaican japanese jordanian "
	  "kazakh kenyan korean kosovar kuwaiti kyrgyz lao laotian latvian lebanese "
	  "liberian libyan lithuanian luxembourgish macedonian malagasy malawian "
	  "malaysian maldivian malian maltese mauritanian mexican moldovan mongolian "
	  "montenegrin moroccan mozambican namibian nepali nepalese dutch nicaraguan "
	  "nigerian nigerien norwegian omani pakistani palestinian panamanian "
	  "paraguayan persian peruvian polish portuguese qatari romanian russian "
	  "rwandan saudi scottish senegalese serbian singaporean slovak slovenian "
	  "somali south african spanish sri lankan sudanese swedish swiss syrian "
	  "taiwanese tajik tanzanian thai tibetan togolese tunisian turkish turkmen "
	  "ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni "
	  "zambian zimbabwean european asian african arab arabic latin hispanic "
	  "kurdish yazidi uighur uyghur tamil sikh pashtun punjabi bengali "
	  "catalan basque flemish walloon bavarian sicilian texan californian "
	  "soviet ottoman roman byzantine "
	  "kiwi aussie yankee spaniard frenchman frenchwoman englishman englishwoman "
	  "irishman irishwoman welshman scotsman scot swede dane finn pole turk "
	  "dutchman dutchwoman norwegian icelander argentine serb croat slovene "
	  "czech slovak hungarian "
	  "catholic christian muslim jewish hindu buddhist protestant orthodox "
	  "sunni shia shiite evangelical anglican methodist baptist "
	  "mormon" },
	{ LX_EASURNAME,
	  "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin "
	  "gao luo zheng liang xie song tang han feng deng cao peng zeng xiao tian "
	  "dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao cui "
	  "zhong tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin "
	  "xue yan duan lei hou long tao gu mao hao gong shao wan qian dai mo kong "
	  "xiang xi ko lai chiang chou hsu tsai kuo chang hsieh lee kim park "
	  "choi jung jeong kang cho yoon jang lim oh seo shin kwon hwang ahn yoo "
	  "hong moon nguyen tran le pham hoang phan vu vo dang bui ho ngo duong ly "
	  "abe" },
};

/*
 * Given names, by how they are usually borne; a name in both lists is given
 * no gender. Written out for this engine from general knowledge of names
 * across languages.
 */
static const char *const given_m[] = {
	"aaron abbas abdel abdul abdullah abdulla abe abel abraham abu adam adel "
	"adnan adolfo adrian adriano ahmad ahmed ahmet aidan aiden akbar akira "
	"al alain alan alastair albert alberto aldo alec alejandro aleksandr "
	"aleksander aleksei alessandro alessio alex alexander alexandre alexandros "
	"alexei alexey alfie alfonso alfred alfredo ali alistair allan alois alonso "
	"alvaro amadou amir amit amos anand anatoly anders andre andrea andreas "
	"andrei andres andrew andrey andrzej andy angel angelo angus anil anthony "
	"antoine anton antonio antony anwar aram archie ari ariel arjun arman "
	"armando arnold arnaud arne arthur arturo arun arvind asher ashok ashraf "
	"augusto aurelio austin avi axel ayman aziz bao barack barry bart "
	"bartholomew basil bashar ben benedict benito benjamin benny bernard "
	"bernardo bernd bernie bert bill billy bjorn björn blake bob bobby bogdan "
	"boris brad bradley brandon brendan brett brian bruce bruno bryan burak "
	"byron caleb calvin cameron carl carlo carlos carlton cary casey cedric "
	"cesar césar chad charles charlie chen chester chris christian christoph "
	"christophe christopher chuck ciaran claude claudio clement clément cliff "
	"clifford clint clive cody colin connor conor conrad constantin cornelius "
	"craig cristian cristiano curtis cyril cyrus dale damian damien dan dana "
	"daniel daniele danny dante dario darius darren darryl dave david "
	"davide dean declan dennis denis denny derek desmond diego dieter dimitri "
	"dimitris dirk dmitri dmitry dominic dominik don donald donovan doug "
	"douglas drew duncan dustin dwayne dwight dylan earl ed eddie edgar edmund "
	"eduard eduardo edward edwin egon ehud elias elijah eliot elliot elliott ellis "
	"elon elvis emanuel emil emile emilio emmanuel emre enrico enrique enzo eric "
	"erich erik ernest ernesto ernst erwin esteban ethan eugene evan evgeny "
	"ezra fabian fabio fabrizio fahad faisal farhad farid faris fatih federico "
	"felipe felix félix ferdinand fernando filip filippo finn florian francesco "
	"francis francisco franck franco francois françois frank frankie franz "
	"fred freddie freddy frederick frederic frédéric fritz gabriel gareth "
	"garry gary gavin gene geoff geoffrey george georg georges georgios gerald "
	"gerard gerardo gerhard giacomo gianluca gianni gilbert gilles gino giorgio "
	"giovanni giuseppe glen glenn gordon graham grant greg gregor gregory guido "
	"guillaume guillermo gunnar gunther günter gustav gustavo guy hamid hamza "
	"hank hans harald hari harold harris harrison harry harvey hasan hassan "
	"hector heinrich heinz helmut hemant henri henrik henry herbert herman "
	"hermann hiroshi horst howard hubert hugh hugo humberto hussein ian ibrahim "
	"igor ilya imran isaac isaiah ismail israel istvan ivan jack jackson jacob "
	"jacques jaime jake jamal james jamie jan jared jarrod jason javier jay "
	"jean jeff jeffrey jens jeremy jerome jerry jesse jesús jesus jim jimmy "
	"joachim joaquin joe joel johan johann johannes john johnnie johnny jon "
	"jonas jonathan jordi jorge jose josé josef joseph josh joshua juan jules ",
	"julian julien julio julius jurgen jürgen justin kai kamal kanye karim karl "
	"karol kasper keith ken kenji kenneth kent kevin khalid kieran kim kirk "
	"klaus konrad kurt kyle lamar lance larry lars laszlo lawrence lee leo leon "
	"leonard leonardo leonid leroy lewis liam lionel lloyd lorenzo louis luc "
	"luca lucas luciano ludwig luigi luis luke lukas luiz lyndon mac mads "
	"magnus mahmoud majid makoto malcolm manfred manuel marc marcel marcello "
	"marco marcos marcus mario marius mark marko markus marshall martin marty "
	"marvin massimo mateo mathieu matt matteo matthew matthias matthieu maurice "
	"mauricio mauro max maxim maxime maximilian mehdi mehmet mel melvin michael "
	"michal michel miguel mikael mike mikhail miles milan milo min mitch "
	"mitchell mohamed mohammad mohammed mohammad moses muhammad muhammed murat "
	"mustafa narendra nasser nathan nathaniel ned neil nelson nicholas "
	"nick nicky niclas nico nicola nicolas nicolai nigel nikita nikola nikolai "
	"nikolaos noah noel norbert norman olaf ole oleg oleksandr oleksiy "
	"oliver olivier omar orlando oscar osman otto owen pablo paolo pascal "
	"pasquale patrick patrice paul paulo pavel pedro pekka per percy pete "
	"peter petr petro phil philip philipp philippe pierre pietro piotr pranav "
	"rafael raffaele rahul raj rajesh ralph ramesh ramon ramón randall randy "
	"raphael rashid raul raúl ravi ray raymond reginald reinhard remy rené "
	"reza ricardo riccardo richard rick ricky rishi rob robbie robert roberto "
	"robin rocco rod rodney rodrigo roger roland rolf roman romano ron ronald "
	"ronnie rory ross roy ruben rudolf rudy rupert russell ryan saad sadiq "
	"salman salvatore sam samir sammy samuel sandeep sanjay santiago sasha "
	"saul scott sean sebastian sebastián serge sergei sergey sergio seth shane "
	"shaun shawn sheldon shinzo shlomo sidney simon sinclair stan stanley stefan "
	"stefano steffen stephan stephane stéphane stephen sterling steve steven "
	"stewart stuart sunil sven taylor ted teddy terence terrence terry theo "
	"theodore thierry thomas tim timothy tobias toby todd tom tomas tomás tommy "
	"tony travis trevor tristan troy tyler ulrich umar umberto uwe valentin "
	"valery vasily victor vijay viktor vincent vincenzo vitaly vito vivek "
	"vladimir vladislav volker volodymyr walid walter warren wayne werner "
	"wesley wilhelm will william willie willy wim winston wolfgang xavier "
	"yaakov yannick yasser yasuo yitzhak yosef youssef yuri yury yusuf yves "
	"zachary zack zbigniew zoltan zoran "
	"abiy bola boris cyril emmerson goodluck hage jacob jomo kofi muhammadu "
	"nana nelson olusegun paul robert salva thabo uhuru yoweri "
	"jair lula evo hugo nicolas gustavo andres alberto "
	"recep benjamin naftali yair ehud ariel shimon menachem "
	"joko prabowo rodrigo ferdinand bongbong hun prayut thaksin "
	"narendra rahul manmohan atal indira shehbaz nawaz imran asif "
	"vladimir dmitry sergei volodymyr petro viktor alexander "
	"xi hu jiang deng mao "
	"kishida fumio yoshihide junichiro "
	"rishi boris theresa keir jeremy liz ",
	"olaf angela gerhard helmut "
	"emmanuel francois nicolas jacques "
	"mario giorgia matteo sergio giuseppe silvio "
	"pedro mariano felipe "
	"justin stephen jean pierre "
	"anthony scott malcolm kevin julia "
	"jacinda chris john bill helen "
	"joe donald barack george kamala mike hillary bernie "
	"antony jens",
	/* more, across Europe, Africa, the Middle East and Asia */
	"aditya afonso alasdair aled aleksandar amr andriy antti arash artem aslan attila "
	"babajide babak bakhtiyar balazs bartosz bastien bence benoit bilal bohdan "
	"bongani bram callum calum cem chidi chinedu cian colm daan dafydd daisuke "
	"dariush dariusz darragh deepak dmytro dragan duarte eamon edin eliud emeka emyr "
	"etienne euan ewan fabien fadi femi fergus finlay florin fraser gabor gael "
	"geraint gergely gethin gonzalo goran grzegorz hamad hamish haris haruto huw "
	"idris ignacio ignacy ihor iker ionut ivica iwan jabulani jakub jamshid jaroslav "
	"jaroslaw jeroen jiri joao joost juha jukka kacper kareem karel kassym kazuki "
	"kemal kenta khaled kirill koen krzysztof kunal kwame kwesi laurent leandro logan "
	"loic lubos ludovic luka lukasz lutz luuk maarten maksym manoj marcelo marek "
	"mason matej mateusz matti mattia mikko milos mircea moritz murdo musa mykola "
	"nabil nemanja niall niels nikhil niklas nikolay nils nuno nursultan obinna oguz "
	"oisin ola olav ondrej oskar padraig pawel pieter prakash pyotr quentin radu "
	"rafal rainer rami reece rhodri rhys rohan rohit romain ronan ruaridh rui ruslan "
	"rustam ruud ryota sachin samer sami sardor satoshi seamus sebastien segun sergiy "
	"serhiy shota siddharth sigurd sipho sjoerd stijn suresh szymon tadeusz tadhg "
	"takashi takeshi tamas taras tarek tariq tatenda tendai themba thiago thibaut "
	"thijs tiago timur tomasz tomislav tommaso torsten tunde unai vaclav vasyl vikas "
	"vikram ville vinod vitalii vittorio vuk wiktor wojciech wouter xavi yann "
	"yaroslav yasin yasir yevgeny yevhen ziad zlatan zsolt",
};

static const char *const given_f[] = {
	"abigail ada adela adele adriana agatha agnes aisha alana alexandra "
	"alexis alice alicia alina alison alissa amal amanda amber amelia amina "
	"amy ana anastasia andrea angela angelica angelina angie anita ann anna "
	"annabel annalena anne annette annie antonia april ariana arlene astrid "
	"audrey aung ava barbara beatrice beatriz becky belinda bella benazir "
	"bernadette beth bethany betty beverly bianca birgit brenda bridget "
	"brigitte britney brittany camila camilla candace cara carla carmen "
	"carol carole caroline carolyn cassandra catherine cathy cecilia celine "
	"charlotte chelsea cheryl chiara chloe christina christine chrystia "
	"cindy claire clara clarissa claudia colette connie constance cora "
	"cristina cynthia daisy dana daniela danielle daphne daria dawn debbie "
	"deborah debra deirdre delia denise diana diane dilma dina dolores donna "
	"dora doris dorothy edith eileen elaine eleanor elena eleni elisa "
	"elisabeth elise eliza elizabeth ella ellen eloise elsa elvira emily emma "
	"erica erika erin esther eva eve evelyn fatima fiona flora florence frances "
	"francesca françoise frieda gabriela gabriella gabrielle gemma georgia "
	"geraldine gertrude gillian gina giorgia giovanna giulia gloria grace greta "
	"gwen gwyneth hannah harriet hayley heather heidi helen helena helga "
	"hillary hilary holly ida ilse imelda ines inês ingrid irene irina iris "
	"isabel isabella isabelle ivana ivanka jackie jacqueline jacinda jade jane "
	"janet janice jasmine jean jeanne jeannette jen jennifer jenny jess jessica "
	"jill jo joan joanna joanne jocelyn jodie johanna josephine joy joyce "
	"judith judy julia julie juliet julieta june justine kamala kara karen "
	"karin kate katerina katharina katherine kathleen kathryn kathy katie katrin "
	"katrina kay kayla kelly kerry kim kirsten kristen kristin kristina laila "
	"lara laura lauren laurence layla leah leila lena leslie lia liliana lillian "
	"lily linda lindsay lindsey lisa liz liza lois lola lorena lori lorraine "
	"louisa louise lucia lucy luisa lydia lynn madeleine madeline madison "
	"magdalena maggie malala mandy manon mara marcela margaret margarita "
	"margarethe margot margrethe maria mariana marianne marie marilyn marina "
	"marine marion marisa marjorie marta martha martina mary maryam matilda "
	"maureen maxine maya megan meghan melania melanie melinda melissa mercedes "
	"meryl mia michaela michele michelle mila mildred mina miranda miriam molly "
	"monica monika morgan nadia nadine nancy naomi natalia natalie natasha "
	"nathalie nell nicola nicole nikki nina nora noura olena olga olivia paola "
	"patricia paula paulina pauline penelope penny petra philippa phoebe "
	"priscilla priti priya rachel rania raquel rebecca regina renata renee "
	"rita roberta rosa rosalind rosanna rose rosemary roxana ruth sabine "
	"sabrina sally samantha sandra sara sarah sasha selena serena shannon "
	"sharon sheila shelley sherry shirin silvia simone sinead siobhan sofia "
	"sonia sophia sophie stacey stefania stella stephanie susan susanne ",
	"suzanne svetlana sylvia tamara tanya tara teresa tessa thelma theresa "
	"tina tracy tsai tulsi ulrike ursula valentina valerie vanessa vera "
	"veronica veronika victoria viktoria viola violet virginia vivian wanda "
	"wendy whitney wilma yolanda yulia yvonne zara zoe zoë "
	"angela annalena ursula marine giorgia liz theresa nicola jacinda "
	"kamala hillary nancy michelle melania condoleezza madeleine "
	"dilma cristina michelle sanna mette magdalena kaja ngozi "
	"aung benazir indira sheikh hasina yingluck megawati",
	/* more, across Europe, Africa, the Middle East and Asia */
	"abbie abena adaeze agnieszka aigul aiko ailbhe aisling akosua aleksandra amaka "
	"amira ananya andreea angharad anjali anneli annika anouk anwen aoife ayesha "
	"barbora bethan biljana birgitta blathnaid carys catrin catriona cerys chioma "
	"ciara clodagh courtney dalia darya deepika dilnoza dinara divya dorota dragana "
	"efua eilidh eimear eirlys elin elina ellie erzsebet eszter ewa femke fenella "
	"feruza ffion fionnuala folake freya funmilayo galina grainne gulnara gunilla "
	"gwenllian hana hanne haruka heledd helle ilinca ilona imogen inge ingeborg ioana "
	"irena iryna isla jana jelena kaisa karoline katalin katarzyna kavya keiko "
	"kerstin khadija kirsteen kirsty klara ksenia lakshmi lenka lerato liv lotta "
	"lotte lowri lyudmila madina mairead maja malgorzata margareta mariam marieke "
	"marit marja marloes meera mei mererid mhairi mihaela milena millie mirjana morag "
	"nadezhda naledi neha nia niamh nilufar nneka nomvula noor nuala oksana orla "
	"paige palesa pernille polina pooja reka rhian rhiannon riikka roisin ruby sakura "
	"salma samira sanne saoirse shahnoza shreya sian sigrid siwan snezana solveig "
	"sorcha sunita tanja tatiana teleri tereza tetiana thandiwe tove tuula ulla una "
	"vesna wanjiru yasmin yekaterina yetunde yui zainab zarina zhanna zofia zsuzsanna",
};

static const char given_u[] =
	"alex andrea ashley avery bailey casey charlie chris dana drew eden "
	"frankie jamie jean jesse jo jordan jody kelly kim kris lee leslie "
	"morgan nicola pat quinn robin sam sasha shannon shawn sidney taylor "
	"terry toni tracy yu yuki hiro";

/*
 * The table: open addressing over entry numbers. An entry's key is its
 * lower-case bytes packed into LEX_KEYW 64-bit words, zero-padded, so that
 * a lookup compares three numbers and a length, never bytes. Entry numbers
 * are dense (1..lex_next-1) so that a token can keep one in a few bits.
 */
#define LEX_KEYW	3	/* key words: an entry has at most 24 bytes */
#define LEX_CAP		AN_LEX_SLOTS

struct lex_ent {
	uint64_t	k[LEX_KEYW];
	uint64_t	n;
};

uint16_t		an_lex_slots[LEX_CAP];	/* entry number, 0 = empty */
static struct lex_ent	lex_ent[AN_LEX_MAXID + 1];
uint64_t		an_lex_k0[AN_LEX_MAXID + 1];	/* lex_ent[].k[0] up to 8 bytes, for an_lex_find8() */
uint64_t		an_lex_k16[AN_LEX_MAXID + 1][2];	/* lex_ent[].k[0..1] of 9 to 16 bytes */
uint64_t		an_lex_flags[AN_LEX_MAXID + 1];	/* entry 0 (unknown) stays 0 */
static unsigned		lex_next = 1;
static pthread_once_t	lex_once = PTHREAD_ONCE_INIT;

/* Slot where the key k0 k1 k2 of n bytes starts its probe. */
static size_t
lex_hash(uint64_t k0, uint64_t k1, uint64_t k2, size_t n)
{
	return an_lex_hash(k0 + k1 * UINT64_C(0xC2B2AE3D27D4EB4F) +
	    k2 * UINT64_C(0x165667B19E3779F9), n);
}

/* Pack n (at most 8 * LEX_KEYW) bytes of s into the key k. */
static void
lex_pack(const char *s, size_t n, uint64_t *k)
{
	unsigned char b[8 * LEX_KEYW];

	memset(b, 0, sizeof b);
	memcpy(b, s, n);
	memcpy(k, b, sizeof b);
}

/* Entry number of the packed lower-case key k0 k1 k2 of n bytes, or 0. */
static unsigned
lex_find(uint64_t k0, uint64_t k1, uint64_t k2, size_t n)
{
	size_t h = lex_hash(k0, k1, k2, n);

	for (;;) {
		unsigned id = an_lex_slots[h];
		const struct lex_ent *e;

		if (id == 0)
			return 0;
		e = &lex_ent[id];
		if (e->k[0] == k0 && e->k[1] == k1 && e->k[2] == k2 && e->n == n)
			return id;
		h = (h + 1) & (LEX_CAP - 1);
	}
}

/* Add the word s (n bytes, lower case) with flags; OR into an existing entry. */
static void
lex_add(const char *s, size_t n, uint64_t flags)
{
	uint64_t k[LEX_KEYW];
	unsigned id;
	size_t h;

	/* the lists are fixed: a word too long or too many words is a bug here */
	if (n > 8 * LEX_KEYW || lex_next > AN_LEX_MAXID)
		abort();
	lex_pack(s, n, k);
	id = lex_find(k[0], k[1], k[2], n);
	if (id != 0) {
		an_lex_flags[id] |= flags;
		return;
	}
	id = lex_next++;
	memcpy(lex_ent[id].k, k, sizeof k);
	lex_ent[id].n = n;
	an_lex_k0[id] = n <= 8 ? k[0] : 0;	/* no word of up to eight letters matches 0 */
	if (n > 8 && n <= 16) {
		an_lex_k16[id][0] = k[0];
		an_lex_k16[id][1] = k[1];
	}
	an_lex_flags[id] = flags;
	for (h = lex_hash(k[0], k[1], k[2], n); an_lex_slots[h] != 0; h = (h + 1) & (LEX_CAP - 1))
		;
	an_lex_slots[h] = (uint16_t)id;
}

/* Add every space-separated word of words with flags. */
static void
lex_add_list(const char *words, uint64_t flags)
{
	const char *p = words;

	while (*p != '\0') {
		const char *w;

		while (*p == ' ')
			p++;
		w = p;
		while (*p != ' ' && *p != '\0')
			p++;
		if (p > w)
			lex_add(w, (size_t)(p - w), flags);
	}
}

/* Build the table (once, through lex_once). */
static void
lex_build(void)
{
	size_t i;

	for (i = 0; i < sizeof lex_lists / sizeof lex_lists[0]; i++)
		lex_add_list(lex_lists[i].words, lex_lists[i].flags);
	for (i = 0; i < sizeof given_m / sizeof given_m[0]; i++)
		lex_add_list(given_m[i], LX_GIVEN_M);
	for (i = 0; i < sizeof given_f / sizeof given_f[0]; i++)
		lex_add_list(given_f[i], LX_GIVEN_F);
	lex_add_list(given_u, LX_GIVEN_M | LX_GIVEN_F);
}

/* Build the table on first use; safe from any number of threads. */
void
an_lex_init(void)
{
	pthread_once(&lex_once, lex_build);
}

/* Entry number of the word, lower-casing ASCII and Latin-1 letters; 0 for unknown words. */
unsigned
an_lex_id(const char *s, size_t n)
{
	char low[48];
	uint64_t k[LEX_KEYW];
	size_t i, m;

	if (n == 0 || n >= sizeof low)
		return 0;
	an_lex_init();
	for (i = 0, m = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (c == 0xC3 && i + 1 < n) {
			/* Latin-1 capitals (C3 80..9E but not the sign C3 97) to small. */
			unsigned char d = (unsigned char)s[i + 1];

			if (d >= 0x80 && d <= 0x9E && d != 0x97)
				d = (unsigned char)(d + 0x20);
			low[m++] = (char)c;
			low[m++] = (char)d;
			i++;
			continue;
		} else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			c = '\'';	/* curly apostrophe as a straight one */
			i += 2;
		}
		low[m++] = (char)c;
	}
	if (m > 8 * LEX_KEYW)
		return 0;	/* longer than any entry */
	lex_pack(low, m, k);
	return lex_find(k[0], k[1], k[2], m);
}

/* Number of the word text[start, start + n) of a text of len bytes; what an_lex_id() gives. */
unsigned
an_lex_word(const char *text, size_t len, size_t start, size_t n)
{
#if AN_LITTLE_ENDIAN
	uint64_t k[LEX_KEYW];

	/* the common case: ASCII, lower-cased eight bytes at a time */
	if (n <= 8) {
		uint64_t w = 0;

		if (start + 8 <= len)
			memcpy(&w, text + start, 8);
		else
			memcpy(&w, text + start, len - start);
		w &= an_low_bytes(n);
		if (w & AN_HIGH_BITS)
			return an_lex_id(text + start, n);
		return lex_find(an_lower8(w), 0, 0, n);
	}
	if (n > sizeof k)
		return an_lex_id(text + start, n);
	memset(k, 0, sizeof k);
	if (start + sizeof k <= len)
		memcpy(k, text + start, sizeof k);
	else
		memcpy(k, text + start, len - start);
	if (n <= 16) {
		k[1] &= an_low_bytes(n - 8);
		k[2] = 0;
	} else
		k[2] &= an_low_bytes(n - 16);
	if ((k[0] | k[1] | k[2]) & AN_HIGH_BITS)
		return an_lex_id(text + start, n);
	return lex_find(an_lower8(k[0]), an_lower8(k[1]), an_lower8(k[2]), n);
#else
	(void)len;
	return an_lex_id(text + start, n);
#endif
}

/* Flags of the word; unknown words give 0. */
uint64_t
an_lex(const char *s, size_t n)
{
	an_lex_init();
	return an_lex_flags[an_lex_id(s, n)];
}
