"""What the demo journal contains: real films with real facts, and reviews written for Marquee.

Facts (years, runtimes in minutes, credits in billing order, IMDb ids, source works) are only
given where they are well established; an IMDb id is left out rather than guessed. Synopses,
reviews and comments are original text written for this demo, not copied from anywhere.

Films are referred to by a ``key`` so reviews can name them without repeating title and year.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

# The badges of the default verdict list (reviews migration 0002), best first.
ESSENTIAL = "essential"
RECOMMENDED = "recommended viewing"
WORTH_A_LOOK = "worth a look"
MIXED = "mixed feelings"
SKIP = "skip it"


def flow(text: str) -> str:
    """Dedent ``text`` and join the lines of each paragraph, keeping blank lines between them.

    The prose below is wrapped to fit the source file; stored text keeps one line a paragraph.
    """
    paragraphs = re.split(r"\n\s*\n", textwrap.dedent(text).strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


@dataclass(frozen=True)
class Source:
    """A work a film is based on. ``kind`` is a ``SourceMaterial.Kind`` value."""

    title: str
    author: str = ""
    kind: str = "novel"


@dataclass(frozen=True)
class AltTitle:
    """Another title a film goes by (a romanization, a translation, a variant spelling)."""

    title: str
    language: str = ""
    region: str = ""


@dataclass(frozen=True)
class FilmEntry:
    """One film and its facts. ``cast`` is top billing, in order."""

    key: str
    title: str
    year: int
    runtime_minutes: int
    genres: tuple[str, ...]
    synopsis: str
    directors: tuple[str, ...]
    cast: tuple[str, ...]
    writers: tuple[str, ...] = ()
    original_title: str = ""
    original_language: str = ""
    imdb_id: str | None = None
    alternate_titles: tuple[AltTitle, ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class PersonEntry:
    """Other spellings of a credited person's name (native script, transliterations)."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class AccountEntry:
    """A demo account. Critics write the reviews; readers comment on them."""

    username: str
    display_name: str
    bio: str = ""
    is_critic: bool = False


@dataclass(frozen=True)
class CommentEntry:
    """A comment on a review; ``replies`` answer it. ``pending`` ones are left for moderation."""

    author: str
    body: str
    replies: tuple[CommentEntry, ...] = ()
    pending: bool = False


@dataclass(frozen=True)
class ReviewEntry:
    """A review. ``published_days_ago`` of None keeps it a draft."""

    film: str
    critic: str
    verdict: str
    tagline: str
    setup: str
    body: str
    should_watch: str
    published_days_ago: int | None
    comments: tuple[CommentEntry, ...] = ()


# ---------------------------------------------------------------------------------------------
# Films
# ---------------------------------------------------------------------------------------------

FILMS: tuple[FilmEntry, ...] = (
    FilmEntry(
        key="spirited-away",
        title="Spirited Away",
        original_title="千と千尋の神隠し",
        original_language="ja",
        year=2001,
        runtime_minutes=125,
        genres=("Animation", "Fantasy", "Family"),
        synopsis=(
            "Ten-year-old Chihiro wanders with her parents into an abandoned theme park that "
            "turns out to be a bathhouse for spirits. When her parents are transformed, she takes "
            "a job there under a new name and must hold on to her own to get them all home."
        ),
        directors=("Hayao Miyazaki",),
        writers=("Hayao Miyazaki",),
        cast=("Rumi Hiiragi", "Miyu Irino", "Mari Natsuki", "Takashi Naitō", "Yasuko Sawaguchi"),
        imdb_id="tt0245429",
        alternate_titles=(AltTitle("Sen to Chihiro no Kamikakushi", "ja"),),
    ),
    FilmEntry(
        key="amelie",
        title="Amélie",
        original_title="Le Fabuleux Destin d'Amélie Poulain",
        original_language="fr",
        year=2001,
        runtime_minutes=122,
        genres=("Comedy", "Romance"),
        synopsis=(
            "A shy waitress in Montmartre resolves to quietly improve the lives of the people "
            "around her, and finds her own life much harder to arrange."
        ),
        directors=("Jean-Pierre Jeunet",),
        writers=("Guillaume Laurant", "Jean-Pierre Jeunet"),
        cast=("Audrey Tautou", "Mathieu Kassovitz", "Rufus", "Serge Merlin", "Jamel Debbouze"),
        imdb_id="tt0211915",
        alternate_titles=(AltTitle("The Fabulous Destiny of Amélie Poulain", "en"),),
    ),
    FilmEntry(
        key="seven-samurai",
        title="Seven Samurai",
        original_title="七人の侍",
        original_language="ja",
        year=1954,
        runtime_minutes=207,
        genres=("Action", "Adventure", "Drama"),
        synopsis=(
            "In sixteenth-century Japan, farmers who expect bandits to raid their village after "
            "the harvest hire seven masterless samurai, paying them only in rice, to defend it."
        ),
        directors=("Akira Kurosawa",),
        writers=("Akira Kurosawa", "Shinobu Hashimoto", "Hideo Oguni"),
        cast=(
            "Toshiro Mifune",
            "Takashi Shimura",
            "Yoshio Inaba",
            "Seiji Miyaguchi",
            "Minoru Chiaki",
            "Isao Kimura",
        ),
        imdb_id="tt0047478",
        alternate_titles=(AltTitle("Shichinin no Samurai", "ja"),),
    ),
    FilmEntry(
        key="yojimbo",
        title="Yojimbo",
        original_title="用心棒",
        original_language="ja",
        year=1961,
        runtime_minutes=110,
        genres=("Action", "Drama"),
        synopsis=(
            "A wandering ronin arrives in a town split between two warring gangs, sells his "
            "sword to each side in turn, and plays them off against each other."
        ),
        directors=("Akira Kurosawa",),
        writers=("Akira Kurosawa", "Ryūzō Kikushima"),
        cast=(
            "Toshiro Mifune",
            "Tatsuya Nakadai",
            "Yoko Tsukasa",
            "Isuzu Yamada",
            "Daisuke Katō",
            "Takashi Shimura",
        ),
        imdb_id="tt0055630",
        alternate_titles=(AltTitle("Yōjinbō", "ja"),),
    ),
    FilmEntry(
        key="rashomon",
        title="Rashomon",
        original_title="羅生門",
        original_language="ja",
        year=1950,
        runtime_minutes=88,
        genres=("Crime", "Drama", "Mystery"),
        synopsis=(
            "Sheltering from a downpour under a ruined city gate, a woodcutter and a priest "
            "recall a trial at which a bandit, a wife, and her murdered husband speaking through "
            "a medium each gave a different account of the same killing."
        ),
        directors=("Akira Kurosawa",),
        writers=("Akira Kurosawa", "Shinobu Hashimoto"),
        cast=("Toshiro Mifune", "Machiko Kyō", "Masayuki Mori", "Takashi Shimura", "Minoru Chiaki"),
        imdb_id="tt0042876",
        alternate_titles=(AltTitle("Rashōmon", "ja"),),
        sources=(
            Source("In a Grove", "Ryūnosuke Akutagawa", "short story"),
            Source("Rashōmon", "Ryūnosuke Akutagawa", "short story"),
        ),
    ),
    FilmEntry(
        key="magnificent-seven-1960",
        title="The Magnificent Seven",
        year=1960,
        runtime_minutes=128,
        genres=("Western", "Action", "Adventure"),
        synopsis=(
            "A Mexican village bled dry by a bandit and his gang hires seven American gunfighters "
            "to protect it, in John Sturges's Western retelling of Seven Samurai."
        ),
        directors=("John Sturges",),
        writers=("William Roberts",),
        cast=(
            "Yul Brynner",
            "Eli Wallach",
            "Steve McQueen",
            "Charles Bronson",
            "Robert Vaughn",
            "Horst Buchholz",
        ),
        imdb_id="tt0054047",
    ),
    FilmEntry(
        key="magnificent-seven-2016",
        title="The Magnificent Seven",
        year=2016,
        runtime_minutes=132,
        genres=("Western", "Action", "Adventure"),
        synopsis=(
            "A widow whose mining town is being taken over by a ruthless industrialist recruits a "
            "warrant officer and six other gunmen to make a stand against his private army."
        ),
        directors=("Antoine Fuqua",),
        writers=("Nic Pizzolatto", "Richard Wenk"),
        cast=(
            "Denzel Washington",
            "Chris Pratt",
            "Ethan Hawke",
            "Vincent D'Onofrio",
            "Lee Byung-hun",
            "Haley Bennett",
        ),
        imdb_id="tt2404435",
    ),
    FilmEntry(
        key="fistful-of-dollars",
        title="A Fistful of Dollars",
        original_title="Per un pugno di dollari",
        original_language="it",
        year=1964,
        runtime_minutes=99,
        genres=("Western",),
        synopsis=(
            "A nameless gunslinger rides into a Mexican border town run by two rival families "
            "and hires himself out to both, setting them against each other for his own profit."
        ),
        directors=("Sergio Leone",),
        cast=(
            "Clint Eastwood",
            "Marianne Koch",
            "Gian Maria Volonté",
            "Wolfgang Lukschy",
            "Sieghardt Rupp",
        ),
        imdb_id="tt0058461",
    ),
    FilmEntry(
        key="crouching-tiger",
        title="Crouching Tiger, Hidden Dragon",
        original_title="臥虎藏龍",
        original_language="zh",
        year=2000,
        runtime_minutes=120,
        genres=("Action", "Adventure", "Drama", "Romance"),
        synopsis=(
            "A legendary swordsman who wants to lay down his sword entrusts it to the warrior "
            "woman he has long loved in silence; when it is stolen, the trail leads to a "
            "governor's daughter with secret training and a hunger for freedom."
        ),
        directors=("Ang Lee",),
        writers=("Wang Hui-ling", "James Schamus", "Tsai Kuo-jung"),
        cast=("Chow Yun-fat", "Michelle Yeoh", "Zhang Ziyi", "Chang Chen", "Cheng Pei-pei"),
        imdb_id="tt0190332",
        alternate_titles=(AltTitle("Wò hǔ cáng lóng", "zh"),),
        sources=(Source("Crouching Tiger, Hidden Dragon", "Wang Dulu"),),
    ),
    FilmEntry(
        key="pans-labyrinth",
        title="Pan's Labyrinth",
        original_title="El laberinto del fauno",
        original_language="es",
        year=2006,
        runtime_minutes=118,
        genres=("Fantasy", "Drama", "War"),
        synopsis=(
            "In the mountains of northern Spain in 1944, a girl brought to live with her cruel "
            "stepfather, a Francoist captain, is told by a faun in an overgrown labyrinth that "
            "she is a lost princess who must complete three tasks."
        ),
        directors=("Guillermo del Toro",),
        writers=("Guillermo del Toro",),
        cast=(
            "Ivana Baquero",
            "Sergi López",
            "Maribel Verdú",
            "Doug Jones",
            "Ariadna Gil",
            "Álex Angulo",
        ),
        imdb_id="tt0457430",
    ),
    FilmEntry(
        key="devils-backbone",
        title="The Devil's Backbone",
        original_title="El espinazo del diablo",
        original_language="es",
        year=2001,
        runtime_minutes=106,
        genres=("Horror", "Drama", "War"),
        synopsis=(
            "In the last year of the Spanish Civil War, a boy left at a remote orphanage, with an "
            "unexploded bomb lodged in its courtyard, is drawn to the ghost of a child who died "
            "there."
        ),
        directors=("Guillermo del Toro",),
        writers=("Guillermo del Toro", "Antonio Trashorras", "David Muñoz"),
        cast=(
            "Marisa Paredes",
            "Eduardo Noriega",
            "Federico Luppi",
            "Fernando Tielve",
            "Íñigo Garcés",
        ),
        imdb_id="tt0256009",
    ),
    FilmEntry(
        key="parasite",
        title="Parasite",
        original_title="기생충",
        original_language="ko",
        year=2019,
        runtime_minutes=132,
        genres=("Comedy", "Thriller", "Drama"),
        synopsis=(
            "A family scraping by in a Seoul semi-basement flat talks its way, one member at a "
            "time, into jobs with a wealthy household, until a rainy night and a discovery below "
            "the house upend the arrangement."
        ),
        directors=("Bong Joon-ho",),
        writers=("Bong Joon-ho", "Han Jin-won"),
        cast=(
            "Song Kang-ho",
            "Lee Sun-kyun",
            "Cho Yeo-jeong",
            "Choi Woo-shik",
            "Park So-dam",
            "Lee Jung-eun",
        ),
        imdb_id="tt6751668",
        alternate_titles=(AltTitle("Gisaengchung", "ko"),),
    ),
    FilmEntry(
        key="memories-of-murder",
        title="Memories of Murder",
        original_title="살인의 추억",
        original_language="ko",
        year=2003,
        runtime_minutes=132,
        genres=("Crime", "Drama", "Thriller"),
        synopsis=(
            "In a rural province in 1986, two local detectives and a methodical officer sent from "
            "Seoul hunt the killer behind a series of murders of women, with few tools and fewer "
            "scruples."
        ),
        directors=("Bong Joon-ho",),
        writers=("Bong Joon-ho", "Shim Sung-bo"),
        cast=(
            "Song Kang-ho",
            "Kim Sang-kyung",
            "Kim Roi-ha",
            "Song Jae-ho",
            "Byun Hee-bong",
            "Park Hae-il",
        ),
        imdb_id="tt0353969",
        sources=(Source("Come to See Me", "Kim Kwang-rim", "play"),),
    ),
    FilmEntry(
        key="the-host",
        title="The Host",
        original_title="괴물",
        original_language="ko",
        year=2006,
        runtime_minutes=120,
        genres=("Horror", "Science Fiction", "Drama"),
        synopsis=(
            "A creature rises out of the Han River in Seoul and carries off a schoolgirl, and her "
            "squabbling, underestimated family sets out to find her when the authorities will not."
        ),
        directors=("Bong Joon-ho",),
        cast=("Song Kang-ho", "Byun Hee-bong", "Park Hae-il", "Bae Doona", "Go Ah-sung"),
        imdb_id="tt0468492",
        alternate_titles=(AltTitle("Gwoemul", "ko"),),
    ),
    FilmEntry(
        key="jaws",
        title="Jaws",
        year=1975,
        runtime_minutes=124,
        genres=("Thriller", "Horror", "Adventure"),
        synopsis=(
            "When a great white shark starts killing swimmers off a New England resort island at "
            "the start of summer, the police chief, a marine biologist and a hard-bitten "
            "fisherman go to sea to hunt it."
        ),
        directors=("Steven Spielberg",),
        writers=("Peter Benchley", "Carl Gottlieb"),
        cast=(
            "Roy Scheider",
            "Robert Shaw",
            "Richard Dreyfuss",
            "Lorraine Gary",
            "Murray Hamilton",
        ),
        imdb_id="tt0073195",
        sources=(Source("Jaws", "Peter Benchley"),),
    ),
    FilmEntry(
        key="the-shining",
        title="The Shining",
        year=1980,
        runtime_minutes=146,
        genres=("Horror", "Drama"),
        synopsis=(
            "A would-be writer takes the winter caretaker's job at an isolated mountain hotel and "
            "moves in with his wife and young son; the empty building works on his mind while "
            "the boy sees what it holds."
        ),
        directors=("Stanley Kubrick",),
        writers=("Stanley Kubrick", "Diane Johnson"),
        cast=(
            "Jack Nicholson",
            "Shelley Duvall",
            "Danny Lloyd",
            "Scatman Crothers",
            "Barry Nelson",
        ),
        imdb_id="tt0081505",
        sources=(Source("The Shining", "Stephen King"),),
    ),
    FilmEntry(
        key="godfather",
        title="The Godfather",
        year=1972,
        runtime_minutes=175,
        genres=("Crime", "Drama"),
        synopsis=(
            "The ageing head of a New York crime family is gunned down after refusing to go into "
            "narcotics, and his youngest son, who wanted no part of the business, steps in to "
            "protect him and is changed by it."
        ),
        directors=("Francis Ford Coppola",),
        writers=("Mario Puzo", "Francis Ford Coppola"),
        cast=(
            "Marlon Brando",
            "Al Pacino",
            "James Caan",
            "Richard Castellano",
            "Robert Duvall",
            "Diane Keaton",
        ),
        imdb_id="tt0068646",
        sources=(Source("The Godfather", "Mario Puzo"),),
    ),
    FilmEntry(
        key="alien",
        title="Alien",
        year=1979,
        runtime_minutes=117,
        genres=("Horror", "Science Fiction"),
        synopsis=(
            "The crew of a commercial towing spaceship sets down on a desolate planetoid to "
            "answer a signal and brings back an organism that hunts them through the ship."
        ),
        directors=("Ridley Scott",),
        writers=("Dan O'Bannon", "Ronald Shusett"),
        cast=(
            "Tom Skerritt",
            "Sigourney Weaver",
            "Veronica Cartwright",
            "Harry Dean Stanton",
            "John Hurt",
            "Ian Holm",
        ),
        imdb_id="tt0078748",
    ),
    FilmEntry(
        key="aliens",
        title="Aliens",
        year=1986,
        runtime_minutes=137,
        genres=("Action", "Science Fiction", "Horror"),
        synopsis=(
            "Found after fifty-seven years adrift in hypersleep, Ellen Ripley agrees to go back "
            "with a unit of colonial marines to the planetoid where her crew met the creature, "
            "now home to a colony that has stopped answering."
        ),
        directors=("James Cameron",),
        writers=("James Cameron",),
        cast=(
            "Sigourney Weaver",
            "Michael Biehn",
            "Paul Reiser",
            "Lance Henriksen",
            "Carrie Henn",
            "Bill Paxton",
        ),
        imdb_id="tt0090605",
    ),
    FilmEntry(
        key="alien-resurrection",
        title="Alien Resurrection",
        year=1997,
        runtime_minutes=109,
        genres=("Science Fiction", "Horror", "Action"),
        synopsis=(
            "Two hundred years after Ripley's death, military scientists on a research ship grow "
            "a clone of her to recover the alien queen she carried, just as a crew of smugglers "
            "docks and the specimens break loose."
        ),
        directors=("Jean-Pierre Jeunet",),
        writers=("Joss Whedon",),
        cast=(
            "Sigourney Weaver",
            "Winona Ryder",
            "Dominique Pinon",
            "Ron Perlman",
            "Gary Dourdan",
            "Michael Wincott",
        ),
        imdb_id="tt0118583",
        alternate_titles=(AltTitle("Alien: Resurrection", "en"),),
    ),
    FilmEntry(
        key="the-terminator",
        title="The Terminator",
        year=1984,
        runtime_minutes=107,
        genres=("Action", "Science Fiction", "Thriller"),
        synopsis=(
            "A cyborg assassin is sent back from 2029 to kill a Los Angeles waitress whose "
            "unborn son will lead humanity's resistance against the machines, and a soldier "
            "follows to protect her."
        ),
        directors=("James Cameron",),
        writers=("James Cameron", "Gale Anne Hurd"),
        cast=(
            "Arnold Schwarzenegger",
            "Michael Biehn",
            "Linda Hamilton",
            "Paul Winfield",
            "Lance Henriksen",
        ),
        imdb_id="tt0088247",
    ),
    FilmEntry(
        key="blade-runner",
        title="Blade Runner",
        year=1982,
        runtime_minutes=117,
        genres=("Science Fiction", "Thriller"),
        synopsis=(
            "In a rain-soaked Los Angeles of 2019, a retired police officer is pressed back into "
            "service to hunt four artificial humans who have come to Earth to demand more life "
            "from the man who made them."
        ),
        directors=("Ridley Scott",),
        writers=("Hampton Fancher", "David Peoples"),
        cast=(
            "Harrison Ford",
            "Rutger Hauer",
            "Sean Young",
            "Edward James Olmos",
            "M. Emmet Walsh",
            "Daryl Hannah",
        ),
        imdb_id="tt0083658",
        sources=(Source("Do Androids Dream of Electric Sheep?", "Philip K. Dick"),),
    ),
    FilmEntry(
        key="blade-runner-2049",
        title="Blade Runner 2049",
        year=2017,
        runtime_minutes=164,
        genres=("Science Fiction", "Drama", "Thriller"),
        synopsis=(
            "Thirty years after the first film, a replicant officer of the Los Angeles police "
            "unearths remains that point to something thought impossible, and his search leads "
            "him to the long-vanished Rick Deckard."
        ),
        directors=("Denis Villeneuve",),
        writers=("Hampton Fancher", "Michael Green"),
        cast=(
            "Ryan Gosling",
            "Harrison Ford",
            "Ana de Armas",
            "Sylvia Hoeks",
            "Robin Wright",
            "Jared Leto",
        ),
        imdb_id="tt1856101",
        sources=(Source("Do Androids Dream of Electric Sheep?", "Philip K. Dick"),),
    ),
    FilmEntry(
        key="solaris-1972",
        title="Solaris",
        original_title="Солярис",
        original_language="ru",
        year=1972,
        runtime_minutes=167,
        genres=("Science Fiction", "Drama", "Mystery"),
        synopsis=(
            "A psychologist is sent to a research station above the ocean planet Solaris to "
            "decide whether its troubled mission should go on, and finds the crew visited by "
            "people from their pasts, his own dead wife among them."
        ),
        directors=("Andrei Tarkovsky",),
        writers=("Fridrikh Gorenshtein", "Andrei Tarkovsky"),
        cast=(
            "Donatas Banionis",
            "Natalya Bondarchuk",
            "Jüri Järvet",
            "Vladislav Dvorzhetsky",
            "Nikolai Grinko",
            "Anatoly Solonitsyn",
        ),
        imdb_id="tt0069293",
        sources=(Source("Solaris", "Stanisław Lem"),),
    ),
    FilmEntry(
        key="solaris-2002",
        title="Solaris",
        year=2002,
        runtime_minutes=99,
        genres=("Science Fiction", "Drama", "Romance"),
        synopsis=(
            "A grieving psychiatrist travels to a station orbiting the planet Solaris after a "
            "troubling message from a friend on board, and is met there by a living copy of the "
            "wife he lost."
        ),
        directors=("Steven Soderbergh",),
        writers=("Steven Soderbergh",),
        cast=(
            "George Clooney",
            "Natascha McElhone",
            "Jeremy Davies",
            "Viola Davis",
            "Ulrich Tukur",
        ),
        imdb_id="tt0307479",
        sources=(Source("Solaris", "Stanisław Lem"),),
    ),
    FilmEntry(
        key="stalker",
        title="Stalker",
        original_title="Сталкер",
        original_language="ru",
        year=1979,
        runtime_minutes=162,
        genres=("Science Fiction", "Drama"),
        synopsis=(
            "A guide leads a writer and a professor into the Zone, a guarded wilderness where "
            "the usual laws do not hold, towards a room said to grant a person's deepest wish."
        ),
        directors=("Andrei Tarkovsky",),
        writers=("Arkady Strugatsky", "Boris Strugatsky"),
        cast=(
            "Alexander Kaidanovsky",
            "Anatoly Solonitsyn",
            "Nikolai Grinko",
            "Alisa Freindlich",
        ),
        imdb_id="tt0079944",
        sources=(
            Source("Roadside Picnic", "Arkady Strugatsky"),
            Source("Roadside Picnic", "Boris Strugatsky"),
        ),
    ),
    FilmEntry(
        key="2001",
        title="2001: A Space Odyssey",
        year=1968,
        runtime_minutes=149,
        genres=("Science Fiction", "Adventure"),
        synopsis=(
            "From the dawn of humankind to a mission bound for Jupiter, a black monolith appears "
            "at turning points in our history, and the crew of the ship Discovery is endangered "
            "by its own computer, HAL 9000."
        ),
        directors=("Stanley Kubrick",),
        writers=("Stanley Kubrick", "Arthur C. Clarke"),
        cast=(
            "Keir Dullea",
            "Gary Lockwood",
            "William Sylvester",
            "Daniel Richter",
            "Douglas Rain",
        ),
        imdb_id="tt0062622",
        sources=(Source("The Sentinel", "Arthur C. Clarke", "short story"),),
    ),
    FilmEntry(
        key="moon",
        title="Moon",
        year=2009,
        runtime_minutes=97,
        genres=("Science Fiction", "Drama"),
        synopsis=(
            "Near the end of a three-year solo contract mining helium-3 on the far side of the "
            "Moon, an astronaut has an accident and wakes to find he is no longer alone on the "
            "base."
        ),
        directors=("Duncan Jones",),
        writers=("Nathan Parker", "Duncan Jones"),
        cast=(
            "Sam Rockwell",
            "Kevin Spacey",
            "Dominique McElligott",
            "Kaya Scodelario",
            "Benedict Wong",
            "Matt Berry",
        ),
        imdb_id="tt1182345",
    ),
    FilmEntry(
        key="gattaca",
        title="Gattaca",
        year=1997,
        runtime_minutes=106,
        genres=("Science Fiction", "Drama", "Thriller"),
        synopsis=(
            "In a future where children are selected for their genes before birth, a man "
            "conceived the old-fashioned way borrows the identity of a genetically elite athlete "
            "to chase his dream of going to space."
        ),
        directors=("Andrew Niccol",),
        writers=("Andrew Niccol",),
        cast=("Ethan Hawke", "Uma Thurman", "Jude Law", "Gore Vidal", "Loren Dean", "Alan Arkin"),
        imdb_id="tt0119177",
    ),
    FilmEntry(
        key="never-let-me-go",
        title="Never Let Me Go",
        year=2010,
        runtime_minutes=103,
        genres=("Drama", "Romance", "Science Fiction"),
        synopsis=(
            "Three friends raised at a secluded English boarding school grow up into a love "
            "triangle while slowly coming to terms with the purpose they were raised for."
        ),
        directors=("Mark Romanek",),
        writers=("Alex Garland",),
        cast=(
            "Carey Mulligan",
            "Andrew Garfield",
            "Keira Knightley",
            "Charlotte Rampling",
            "Sally Hawkins",
        ),
        imdb_id="tt1334260",
        sources=(Source("Never Let Me Go", "Kazuo Ishiguro"),),
    ),
    FilmEntry(
        key="remains-of-the-day",
        title="The Remains of the Day",
        year=1993,
        runtime_minutes=134,
        genres=("Drama", "Romance"),
        synopsis=(
            "In the years before the Second World War, the devoted butler of an English lord "
            "serves him without question and buries his feelings for the housekeeper; decades "
            "later, he takes stock of both."
        ),
        directors=("James Ivory",),
        writers=("Ruth Prawer Jhabvala",),
        cast=(
            "Anthony Hopkins",
            "Emma Thompson",
            "James Fox",
            "Christopher Reeve",
            "Peter Vaughan",
            "Hugh Grant",
        ),
        imdb_id="tt0107943",
        sources=(Source("The Remains of the Day", "Kazuo Ishiguro"),),
    ),
    FilmEntry(
        key="ex-machina",
        title="Ex Machina",
        year=2014,
        runtime_minutes=108,
        genres=("Science Fiction", "Drama", "Thriller"),
        synopsis=(
            "A young programmer wins a week at the remote estate of his company's reclusive "
            "founder, where he is asked to judge whether a humanoid robot is truly conscious."
        ),
        directors=("Alex Garland",),
        writers=("Alex Garland",),
        cast=("Domhnall Gleeson", "Alicia Vikander", "Oscar Isaac", "Sonoya Mizuno"),
        imdb_id="tt0470752",
    ),
    FilmEntry(
        key="annihilation",
        title="Annihilation",
        year=2018,
        runtime_minutes=115,
        genres=("Science Fiction", "Horror", "Drama"),
        synopsis=(
            "A biologist and former soldier joins an expedition into the Shimmer, a spreading "
            "zone of mutating nature from which her husband alone, of all the earlier teams, "
            "came back."
        ),
        directors=("Alex Garland",),
        writers=("Alex Garland",),
        cast=(
            "Natalie Portman",
            "Jennifer Jason Leigh",
            "Tessa Thompson",
            "Gina Rodriguez",
            "Tuva Novotny",
            "Oscar Isaac",
        ),
        imdb_id="tt2798920",
        sources=(Source("Annihilation", "Jeff VanderMeer"),),
    ),
    FilmEntry(
        key="children-of-men",
        title="Children of Men",
        year=2006,
        runtime_minutes=109,
        genres=("Science Fiction", "Drama", "Thriller"),
        synopsis=(
            "In the Britain of 2027, eighteen years after humanity stopped being able to have "
            "children, a burnt-out civil servant agrees to escort a young refugee who is, "
            "impossibly, pregnant."
        ),
        directors=("Alfonso Cuarón",),
        writers=(
            "Alfonso Cuarón",
            "Timothy J. Sexton",
            "David Arata",
            "Mark Fergus",
            "Hawk Ostby",
        ),
        cast=(
            "Clive Owen",
            "Julianne Moore",
            "Michael Caine",
            "Chiwetel Ejiofor",
            "Charlie Hunnam",
        ),
        imdb_id="tt0206634",
        sources=(Source("The Children of Men", "P. D. James"),),
    ),
    FilmEntry(
        key="arrival",
        title="Arrival",
        year=2016,
        runtime_minutes=116,
        genres=("Science Fiction", "Drama", "Mystery"),
        synopsis=(
            "When twelve alien craft settle above sites around the world, a linguist is "
            "recruited by the US Army to learn their language, and the work changes how she "
            "understands time and her own life."
        ),
        directors=("Denis Villeneuve",),
        writers=("Eric Heisserer",),
        cast=("Amy Adams", "Jeremy Renner", "Forest Whitaker", "Michael Stuhlbarg", "Tzi Ma"),
        imdb_id="tt2543164",
        sources=(Source("Story of Your Life", "Ted Chiang", "short story"),),
    ),
    FilmEntry(
        key="her",
        title="Her",
        year=2013,
        runtime_minutes=126,
        genres=("Romance", "Drama", "Science Fiction"),
        synopsis=(
            "A lonely letter writer in a near-future Los Angeles, in the middle of a divorce, "
            "falls in love with the artificially intelligent operating system on his computer."
        ),
        directors=("Spike Jonze",),
        writers=("Spike Jonze",),
        cast=(
            "Joaquin Phoenix",
            "Amy Adams",
            "Rooney Mara",
            "Olivia Wilde",
            "Scarlett Johansson",
        ),
        imdb_id="tt1798709",
    ),
    FilmEntry(
        key="being-john-malkovich",
        title="Being John Malkovich",
        year=1999,
        runtime_minutes=113,
        genres=("Comedy", "Drama", "Fantasy"),
        synopsis=(
            "A struggling puppeteer takes a filing job on floor seven and a half of a Manhattan "
            "office building and finds a small door that leads into the head of the actor John "
            "Malkovich."
        ),
        directors=("Spike Jonze",),
        writers=("Charlie Kaufman",),
        cast=(
            "John Cusack",
            "Cameron Diaz",
            "Catherine Keener",
            "John Malkovich",
            "Orson Bean",
        ),
        imdb_id="tt0120601",
    ),
    FilmEntry(
        key="where-the-wild-things-are",
        title="Where the Wild Things Are",
        year=2009,
        runtime_minutes=101,
        genres=("Fantasy", "Adventure", "Drama", "Family"),
        synopsis=(
            "After a fight with his mother, a boy in a wolf suit runs away and sails to an island "
            "of huge, moody creatures who make him their king."
        ),
        directors=("Spike Jonze",),
        writers=("Spike Jonze", "Dave Eggers"),
        cast=(
            "Max Records",
            "Catherine Keener",
            "James Gandolfini",
            "Lauren Ambrose",
            "Mark Ruffalo",
        ),
        imdb_id="tt0386117",
        sources=(Source("Where the Wild Things Are", "Maurice Sendak", "other"),),
    ),
    FilmEntry(
        key="lost-in-translation",
        title="Lost in Translation",
        year=2003,
        runtime_minutes=102,
        genres=("Drama", "Comedy", "Romance"),
        synopsis=(
            "A fading American film star in Tokyo to shoot a whisky advertisement and a young "
            "woman left to herself by her photographer husband strike up an unlikely friendship "
            "in their hotel."
        ),
        directors=("Sofia Coppola",),
        writers=("Sofia Coppola",),
        cast=("Bill Murray", "Scarlett Johansson", "Giovanni Ribisi", "Anna Faris"),
        imdb_id="tt0335266",
    ),
    FilmEntry(
        key="eternal-sunshine",
        title="Eternal Sunshine of the Spotless Mind",
        year=2004,
        runtime_minutes=108,
        genres=("Romance", "Drama", "Science Fiction"),
        synopsis=(
            "After a bitter break-up, a man learns that his former girlfriend has had him erased "
            "from her memory, undergoes the same procedure, and then fights it from inside his "
            "own head."
        ),
        directors=("Michel Gondry",),
        writers=("Charlie Kaufman",),
        cast=(
            "Jim Carrey",
            "Kate Winslet",
            "Kirsten Dunst",
            "Mark Ruffalo",
            "Elijah Wood",
            "Tom Wilkinson",
        ),
        imdb_id="tt0338013",
    ),
    FilmEntry(
        key="up",
        title="Up",
        year=2009,
        runtime_minutes=96,
        genres=("Animation", "Adventure", "Comedy", "Family"),
        synopsis=(
            "A widowed balloon seller of seventy-eight ties thousands of balloons to his house to "
            "fly it to South America, and finds an eager young wilderness scout has come along "
            "for the ride."
        ),
        directors=("Pete Docter", "Bob Peterson"),
        writers=("Bob Peterson", "Pete Docter"),
        cast=("Ed Asner", "Christopher Plummer", "Jordan Nagai", "Bob Peterson", "Delroy Lindo"),
        imdb_id="tt1049413",
    ),
    FilmEntry(
        key="monsters-inc",
        title="Monsters, Inc.",
        year=2001,
        runtime_minutes=92,
        genres=("Animation", "Comedy", "Family"),
        synopsis=(
            "In a city powered by children's screams, the top scarer at the biggest power company "
            "and his one-eyed partner discover that a little girl has followed them back through "
            "a closet door."
        ),
        directors=("Pete Docter", "Lee Unkrich", "David Silverman"),
        writers=("Andrew Stanton", "Daniel Gerson"),
        cast=("John Goodman", "Billy Crystal", "Mary Gibbs", "Steve Buscemi", "James Coburn"),
        imdb_id="tt0198781",
    ),
    FilmEntry(
        key="inside-out",
        title="Inside Out",
        year=2015,
        runtime_minutes=95,
        genres=("Animation", "Comedy", "Family", "Drama"),
        synopsis=(
            "When her family moves from Minnesota to San Francisco, eleven-year-old Riley's "
            "emotions struggle to steer her from headquarters, and Joy and Sadness are lost in "
            "the far reaches of her memory."
        ),
        directors=("Pete Docter", "Ronnie del Carmen"),
        writers=("Pete Docter", "Meg LeFauve", "Josh Cooley"),
        cast=(
            "Amy Poehler",
            "Phyllis Smith",
            "Richard Kind",
            "Bill Hader",
            "Lewis Black",
            "Mindy Kaling",
        ),
        imdb_id="tt2096673",
    ),
    FilmEntry(
        key="my-neighbor-totoro",
        title="My Neighbor Totoro",
        original_title="となりのトトロ",
        original_language="ja",
        year=1988,
        runtime_minutes=86,
        genres=("Animation", "Fantasy", "Family"),
        synopsis=(
            "Two young sisters move with their father to an old house in the countryside to be "
            "near their mother in hospital, and make friends with the gentle spirits of the "
            "nearby forest."
        ),
        directors=("Hayao Miyazaki",),
        writers=("Hayao Miyazaki",),
        cast=("Noriko Hidaka", "Chika Sakamoto", "Shigesato Itoi", "Sumi Shimamoto"),
        imdb_id="tt0096283",
        alternate_titles=(
            AltTitle("Tonari no Totoro", "ja"),
            AltTitle("My Neighbour Totoro", "en"),
        ),
    ),
    FilmEntry(
        key="it-follows",
        title="It Follows",
        year=2014,
        runtime_minutes=100,
        genres=("Horror", "Mystery"),
        synopsis=(
            "After a sexual encounter, a teenager in suburban Detroit learns she is pursued by a "
            "shape-shifting presence that walks slowly and steadily towards her and can only be "
            "passed on the same way."
        ),
        directors=("David Robert Mitchell",),
        writers=("David Robert Mitchell",),
        cast=(
            "Maika Monroe",
            "Keir Gilchrist",
            "Daniel Zovatto",
            "Jake Weary",
            "Olivia Luccardi",
            "Lili Sepe",
        ),
        imdb_id="tt3235888",
    ),
    FilmEntry(
        key="halloween-1978",
        title="Halloween",
        year=1978,
        runtime_minutes=91,
        genres=("Horror", "Thriller"),
        synopsis=(
            "Fifteen years after killing his sister on Halloween night, Michael Myers escapes "
            "from a psychiatric hospital and comes home to stalk a teenage babysitter."
        ),
        directors=("John Carpenter",),
        writers=("John Carpenter", "Debra Hill"),
        cast=("Donald Pleasence", "Jamie Lee Curtis", "Nancy Loomis", "P. J. Soles"),
        imdb_id="tt0077651",
    ),
    FilmEntry(
        key="the-thing",
        title="The Thing",
        year=1982,
        runtime_minutes=109,
        genres=("Horror", "Science Fiction", "Mystery"),
        synopsis=(
            "At a research station in Antarctica, twelve men realise that a creature able to "
            "imitate any living thing has got into their camp, and that they can no longer tell "
            "who among them is human."
        ),
        directors=("John Carpenter",),
        writers=("Bill Lancaster",),
        cast=(
            "Kurt Russell",
            "Wilford Brimley",
            "T. K. Carter",
            "David Clennon",
            "Keith David",
            "Richard Dysart",
        ),
        imdb_id="tt0084787",
        sources=(Source("Who Goes There?", "John W. Campbell", "short story"),),
    ),
)

# Other spellings of credited names, so text that uses them finds the same person.
PEOPLE: tuple[PersonEntry, ...] = (
    PersonEntry("Akira Kurosawa", ("黒澤明",)),
    PersonEntry("Toshiro Mifune", ("三船敏郎",)),
    PersonEntry("Hayao Miyazaki", ("宮崎駿",)),
    PersonEntry("Bong Joon-ho", ("봉준호",)),
    PersonEntry("Song Kang-ho", ("송강호",)),
    PersonEntry("Ang Lee", ("李安",)),
    PersonEntry("Chow Yun-fat", ("周潤發",)),
    PersonEntry("Michelle Yeoh", ("楊紫瓊",)),
    PersonEntry("Zhang Ziyi", ("章子怡",)),
    PersonEntry("Wang Dulu", ("王度廬",)),
    PersonEntry("Andrei Tarkovsky", ("Andrey Tarkovsky", "Андрей Тарковский")),
    PersonEntry("Stanisław Lem", ("Stanislaw Lem",)),
    PersonEntry("Kazuo Ishiguro", ("石黒一雄",)),
    PersonEntry("Ryūnosuke Akutagawa", ("芥川龍之介",)),
)


# ---------------------------------------------------------------------------------------------
# People who use the demo site
# ---------------------------------------------------------------------------------------------

OWNER = AccountEntry(
    username="admin",
    display_name="The Editor",
    bio="Runs this journal: keeps the catalog tidy and the comments civil.",
)

CRITICS: tuple[AccountEntry, ...] = (
    AccountEntry(
        username="ines",
        display_name="Ines Halvorsen",
        is_critic=True,
        bio=(
            "Science fiction, and the strange business of turning novels into films. Will "
            "happily argue that the book was better, and occasionally that it wasn't."
        ),
    ),
    AccountEntry(
        username="theo",
        display_name="Theo Okafor",
        is_critic=True,
        bio=(
            "Westerns, samurai films, martial arts and the long conversation between them. "
            "Believes every remake owes its source a thank-you note."
        ),
    ),
    AccountEntry(
        username="mara",
        display_name="Mara Lindqvist",
        is_critic=True,
        bio=(
            "World cinema, horror and animation: films that take children, ghosts and class "
            "seriously. Watches everything in its original language."
        ),
    ),
)

READERS: tuple[AccountEntry, ...] = (
    AccountEntry("ada", "Ada Brennan"),
    AccountEntry("bruno", "Bruno Esteves"),
    AccountEntry("chiara", "Chiara Bellini"),
    AccountEntry("dev", "Dev Raman"),
    AccountEntry("elif", "Elif Kaya"),
    AccountEntry("farid", "Farid Haddad"),
    AccountEntry("greta", "Greta Sommer"),
    AccountEntry("hugo", "Hugo Lambert"),
)


# ---------------------------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------------------------

REVIEWS: tuple[ReviewEntry, ...] = (
    ReviewEntry(
        film="seven-samurai",
        critic="theo",
        verdict=ESSENTIAL,
        published_days_ago=352,
        tagline="Three and a half hours, and not a minute you would give back.",
        setup=flow(
            """
            A village of farmers learns that bandits will return after the harvest. With nothing to
            offer but rice, they go to town to find samurai poor enough, or kind enough, to fight
            for them.
            """
        ),
        body=flow(
            """
            Akira Kurosawa's *Seven Samurai* (*七人の侍*, *Shichinin no Samurai*) is the film
            that half of action cinema has been quietly borrowing from for seventy years.
            The recruiting of a team, each member introduced by a single telling scene; the
            training montage; the plan drawn on a map; the fortifications; the last stand in
            the rain. If it all feels familiar, that is because everyone else learned it
            here.

            What still surprises is how patient it is. The first hour is mostly Takashi Shimura's
            Kambei, a tired veteran who shaves his head to rescue a child, deciding whether the job
            is worth doing at all. Shimura plays him as the calmest man in every room, and it is his
            steadiness that lets Toshiro Mifune go wild as Kikuchiyo, a farmer's son pretending to
            be a samurai, all bluster, bare legs and grief he cannot say out loud. Mifune and
            Shimura had already made *Rashomon* together for Kurosawa, and they would meet again in
            *Yojimbo*; this is the film where their double act is perfected.

            Kurosawa shoots the final battle in mud and driving rain with several cameras at once,
            and the geography is always clear: you know where the gaps in the fence are, how many
            bandits are left (the samurai keep a tally), and who is standing where when the arrows
            come. Compare it with almost any modern battle scene and notice how rarely you feel
            lost.

            The film's famous ending refuses triumph. The farmers plant their fields and sing; the
            surviving samurai look at the graves on the hill. John Sturges turned the story into
            *The Magnificent Seven* (1960) with Yul Brynner in the Shimura role, and Antoine Fuqua
            remade that in 2016, but neither keeps this bitterness about who actually wins.
            """
        ),
        should_watch=flow(
            """
            Yes, even if you think you don't like old films. Set aside an evening, take the
            intermission, and if you're a fan of *The Magnificent Seven* or any heist-crew movie,
            come and meet the original.
            """
        ),
        comments=(
            CommentEntry(
                author="dev",
                body=(
                    "Watched it over two nights because of the length, and honestly the "
                    "intermission makes that feel allowed. Kikuchiyo's speech about what samurai "
                    "have done to farmers floored me."
                ),
                replies=(
                    CommentEntry(
                        author="theo",
                        body=(
                            "That speech is the hinge of the whole film. Mifune is shouting, but "
                            "listen to how ashamed he sounds."
                        ),
                    ),
                ),
            ),
            CommentEntry(
                author="bruno",
                body=(
                    "I grew up on The Magnificent Seven and only saw this last year. The 1960 "
                    "film is fun, but now it feels like a cover version."
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="fistful-of-dollars",
        critic="theo",
        verdict=WORTH_A_LOOK,
        published_days_ago=318,
        tagline="A samurai story rides into town wearing a poncho.",
        setup=flow(
            """
            A stranger arrives in San Miguel, a dusty border town carved up between the Baxters and
            the Rojos, and sees an opportunity: work for both and let them destroy each other.
            """
        ),
        body=flow(
            """
            Sergio Leone's *A Fistful of Dollars* (*Per un pugno di dollari*) follows Kurosawa's
            *Yojimbo* (1961) so closely, scene by scene, that Kurosawa's studio took legal action,
            and the dispute was settled out of court. Leone never hid where the story came from;
            what he changed was everything around it.

            The ronin becomes a squinting American drifter, and Clint Eastwood, then best known for
            the television Western *Rawhide*, plays him with almost no dialogue and total authority.
            Gian Maria Volonté's Ramón Rojo, who prefers a rifle because it kills at a distance, is
            a real villain, vain and quick and genuinely frightening. Ennio Morricone's score, all
            whistles, bells, whipcracks and choirs, does half the storytelling.

            The film is rougher than the two Leone made after it, *For a Few Dollars More* and *The
            Good, the Bad and the Ugly*. The dubbing wanders, the middle sags, and the plot is less
            clever than *Yojimbo*'s, where Toshiro Mifune's Sanjuro seems to be enjoying the joke
            more than anyone. But the close-ups of faces and guns, and the patience of the
            stand-offs, are already unmistakably Leone's.
            """
        ),
        should_watch=flow(
            """
            If you're a fan of *Yojimbo*, yes, as a fascinating cover version. If you have never
            seen a Leone Western, start here and keep going: the next two are better.
            """
        ),
        comments=(
            CommentEntry(
                author="farid",
                body=(
                    "Watched this and Yojimbo back to back on your advice. Mifune scratching his "
                    "shoulder vs. Eastwood chewing the cigar: same character, different planet."
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="never-let-me-go",
        critic="ines",
        verdict=RECOMMENDED,
        published_days_ago=297,
        tagline="A love story told by someone who has always known how it ends.",
        setup=flow(
            """
            Kathy, Tommy and Ruth grow up together at Hailsham, a boarding school in the English
            countryside where the teachers are strangely interested in the children's art and
            strangely unwilling to talk about their futures.
            """
        ),
        body=flow(
            """
            *Never Let Me Go* is the second feature film made from a novel by Kazuo Ishiguro (the
            first being James Ivory's *The Remains of the Day*, 1993), and like that film it is
            about people who accept the role they have been given with a politeness that breaks your
            heart. Mark Romanek directs from a screenplay by Alex Garland, who would go on to direct
            *Ex Machina* and *Annihilation*, and who keeps the novel's quiet narration and its
            refusal to make a thriller out of its premise.

            Carey Mulligan, a year after her breakthrough in *An Education*, carries the film as
            Kathy: watchful, forgiving, always a step outside the room. Andrew Garfield's Tommy is
            all raw nerve, and Keira Knightley takes the least sympathetic part, Ruth, and finds the
            fear underneath her cruelty. Sally Hawkins is only briefly on screen as the teacher who
            cannot keep silent any longer, and hers is the scene everyone remembers.

            Anyone coming from *Gattaca* or *Moon* will recognise the territory: bodies made for a
            purpose, and the question of what a life is worth when someone else has planned it. But
            where *Gattaca* has its hero fight the system, nobody here runs. That passivity
            frustrated some viewers. I think it is the point: the film asks why we, who are also
            going to die, are so rarely in revolt about it.

            The muted autumn colours and Rachel Portman's strings occasionally tip into prettiness,
            and the film compresses the book's middle section too much. Still, few science fiction
            films are this tender, or this unwilling to look away.
            """
        ),
        should_watch=flow(
            """
            If you're a fan of Ishiguro's novel, yes, it is a faithful and moving adaptation. If you
            need a plot that pushes back against its premise, try *Gattaca* first.
            """
        ),
        comments=(
            CommentEntry(
                author="ada",
                body=(
                    "I read the book first and worried the film would spell everything out. It "
                    "doesn't. Mulligan's face in the final scene at the fence says it all."
                ),
                replies=(
                    CommentEntry(
                        author="elif",
                        body="That last monologue wrecked me. Had to sit in the dark for a while.",
                    ),
                ),
            ),
            CommentEntry(
                author="chiara",
                body=(
                    "I'm one of the frustrated ones. I understand it's the point, but I kept "
                    "wanting one of them to at least ask why."
                ),
                replies=(
                    CommentEntry(
                        author="ines",
                        body=(
                            "Fair! Though Tommy's rage in the field is the nearest anyone gets, "
                            "and it is all the more awful for having nowhere to go."
                        ),
                    ),
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="moon",
        critic="ines",
        verdict=RECOMMENDED,
        published_days_ago=271,
        tagline="One man, one robot, one very long shift.",
        setup=flow(
            """
            Sam Bell is two weeks from the end of a three-year contract, alone on a lunar base
            harvesting helium-3 for energy-hungry Earth. Then he crashes a rover, and wakes up in
            the infirmary with no memory of being rescued.
            """
        ),
        body=flow(
            """
            Duncan Jones's first feature is a small film in the best sense: one main set, miniature
            moon rovers, a cast of essentially one, and an idea that it trusts you to follow. Sam
            Rockwell carries all of it, playing loneliness, good humour and mounting panic,
            sometimes opposite himself, without a false note.

            The base's robot, GERTY, is voiced by Kevin Spacey with a soft, helpful calm and a
            little screen of smiley faces for a face. Anyone raised on *2001: A Space Odyssey* will
            spend the film waiting for GERTY to turn into HAL 9000; Jones knows it, and the way he
            plays with that expectation is one of the film's quiet pleasures.

            The film wears its influences openly, from *Silent Running* to the corporate
            indifference of *Alien*, and its central situation will remind some viewers of
            *Solaris*, where a man's past comes back to meet him in orbit. But it is its own thing:
            a workplace drama, really, about a company that has found the cheapest possible way to
            staff a job nobody wants. Clint Mansell's piano score keeps it human.

            It loses a little momentum in the final act, and one late plot convenience is a stretch.
            But for a debut made on a modest budget it is remarkably assured, and Jones went
            straight on to *Source Code*.
            """
        ),
        should_watch=flow(
            """
            Yes, if you like your science fiction thoughtful and human-sized. If you're a fan of
            *Never Let Me Go* or *Gattaca*, this makes an excellent third film for the evening.
            """
        ),
        comments=(
            CommentEntry(
                author="dev",
                body=(
                    "GERTY is one of my favourite movie robots precisely because of that "
                    "HAL-shaped expectation. The moment it helps instead is weirdly moving."
                ),
            ),
            CommentEntry(
                author="hugo",
                body=(
                    "Saw it at a festival when it came out and nobody in the room knew anything "
                    "about it. Best way to see this one: go in blind."
                ),
                pending=True,
            ),
        ),
    ),
    ReviewEntry(
        film="crouching-tiger",
        critic="theo",
        verdict=RECOMMENDED,
        published_days_ago=243,
        tagline="Sword fights that float, and a love story that can't.",
        setup=flow(
            """
            Li Mu Bai, a famous Wudang swordsman, wants to give up the fighting life and asks Yu Shu
            Lien to deliver his sword, the Green Destiny, to a friend in Beijing. Within a night it
            has been stolen by a masked thief.
            """
        ),
        body=flow(
            """
            Ang Lee's *Crouching Tiger, Hidden Dragon* (*臥虎藏龍*, *Wò hǔ cáng lóng*) took the
            wuxia, the Chinese martial-arts romance, and carried it to audiences who had
            never seen one, winning four Academy Awards including Best Foreign Language
            Film. It is adapted from a novel by Wang Dulu, part of a series of five, and
            keeps the feel of a story that started long before the film begins.

            The fights, choreographed by Yuen Woo-ping, who had just done *The Matrix*, are justly
            famous: the rooftop chase in the first act, the duel between Michelle Yeoh and Zhang
            Ziyi in which Yeoh tries weapon after weapon, and the fight in the swaying tops of a
            bamboo forest. But what stays with you is the stillness between them. Chow Yun-fat and
            Michelle Yeoh play two people who have loved each other for years and never said it, and
            their scenes together are all unfinished sentences.

            Zhang Ziyi's Jen is the film's wild card: a governor's daughter who wants the freedom of
            the outlaw life and has the skill to take it, but not the wisdom. Chang Chen's desert
            bandit gets a long flashback that slows the middle of the film down, and some of the
            wirework now looks weightless in a way that not everyone will accept. Look out for Cheng
            Pei-pei as Jade Fox; she was the star of King Hu's *Come Drink with Me* in 1966, a
            founding film of the genre.

            Its success opened doors for Zhang Yimou's *Hero* and a wave of martial-arts epics, few
            of which matched its heart.
            """
        ),
        should_watch=flow(
            """
            Yes, especially if you're a fan of *Seven Samurai* or any film where the fights are
            about the characters. Watch it in Mandarin with subtitles; the voices matter.
            """
        ),
        comments=(
            CommentEntry(
                author="elif",
                body=(
                    "The teahouse fight where Jen takes on everyone is pure joy. I laughed out "
                    "loud the first time."
                ),
            ),
            CommentEntry(
                author="farid",
                body="The bamboo forest scene is still one of the most beautiful things on film.",
                replies=(
                    CommentEntry(
                        author="bruno",
                        body="Agreed, and the sound design there is half of it. All that creaking.",
                    ),
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="alien-resurrection",
        critic="ines",
        verdict=SKIP,
        published_days_ago=216,
        tagline="Two hundred years later, the franchise still hasn't found a reason to be here.",
        setup=flow(
            """
            Two centuries after the end of *Alien 3*, military scientists on the research ship
            Auriga clone Ellen Ripley from blood samples so they can remove the alien queen she was
            carrying. They get the queen, and a Ripley who is not quite human.
            """
        ),
        body=flow(
            """
            On paper, *Alien Resurrection* is an exciting gamble. After Ridley Scott's *Alien*
            (1979), James Cameron's *Aliens* (1986) and David Fincher's *Alien 3*, the fourth film
            went to Jean-Pierre Jeunet, the French director of *Delicatessen* and *The City of Lost
            Children*, who brought along his regulars Dominique Pinon and Ron Perlman. Four years
            later Jeunet would make *Amélie* (*Le Fabuleux Destin d'Amélie Poulain*); here you can
            see its cluttered, sepia-tinted style being tried out on a spaceship.

            The result never decides what it is. Joss Whedon's script is full of jokes about the
            genre that Jeunet's direction plays straight, or gags that the direction plays as
            grotesque. The smugglers of the Betty are a collection of quirks rather than a crew, and
            Winona Ryder, as a mechanic with a secret, is stuck delivering exposition in a film that
            cannot stand still.

            Sigourney Weaver is the reason to watch at all. Her cloned Ripley is sly, sensual and
            disturbingly amused, part alien in her instincts, and Weaver clearly relishes a version
            of the character who no longer has to be the sensible one. The underwater chase through
            a flooded kitchen is the one set piece that earns its place.

            Then comes the Newborn, a human-alien hybrid whose final scene aims for tragedy and
            lands somewhere between sad and silly. By the end the film has not added anything to the
            series except a sense that it had run out of places to go.
            """
        ),
        should_watch=flow(
            """
            No, unless you're an *Alien* completist or curious about Jeunet before *Amélie*. If
            you're a fan of the series, rewatch *Alien* and *Aliens* instead.
            """
        ),
        comments=(
            CommentEntry(
                author="bruno",
                body=(
                    "I'll defend the underwater sequence forever. The rest, yes, a strange "
                    "mess. Weaver playing basketball is the most fun thing in it."
                ),
                replies=(
                    CommentEntry(
                        author="ines",
                        body=(
                            "Reportedly she really made that backwards shot. More conviction "
                            "than the script ever managed."
                        ),
                    ),
                ),
            ),
            CommentEntry(
                author="chiara",
                body=(
                    "Came here from Amélie and you can absolutely see it: same yellows, same "
                    "Dominique Pinon. Didn't expect that connection."
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="pans-labyrinth",
        critic="mara",
        verdict=ESSENTIAL,
        published_days_ago=190,
        tagline="A fairy tale that knows exactly how frightening the real world is.",
        setup=flow(
            """
            Spain, 1944. Ofelia and her pregnant mother travel to a military outpost in the
            mountains, where her new stepfather, Captain Vidal, is hunting the last republican
            fighters. In the woods nearby is a stone labyrinth, and something lives in it.
            """
        ),
        body=flow(
            """
            Guillermo del Toro's *Pan's Labyrinth* (*El laberinto del fauno*) is the companion to
            his *The Devil's Backbone* (*El espinazo del diablo*, 2001): both are ghost stories and
            fairy tales set in the shadow of the Spanish Civil War, and both are about children
            seeing clearly what the adults around them will not admit. This is the larger and richer
            of the two.

            The film runs on two tracks that never quite touch. In one, Ofelia (Ivana Baquero,
            watchful and stubborn) is set three tasks by a faun whose every creaking movement makes
            you unsure if he can be trusted. In the other, Sergi López's Captain Vidal runs his
            outpost with a brutality the film refuses to soften, while Maribel Verdú's housekeeper
            Mercedes quietly works for the resistance under his nose. Doug Jones plays both the Faun
            and the Pale Man, the eyeless creature with eyes in its palms who sits before a feast
            that must not be touched.

            What makes the film great is that the fantasy never becomes an escape. The tasks Ofelia
            is given mirror the choices the adults face, and the monsters in the labyrinth are no
            worse than the man at the head of the table. The film won three Academy Awards, for its
            cinematography, art direction and make-up, and every frame looks it.

            The ending can be read two ways, and the film lets you choose. Both readings hurt.
            """
        ),
        should_watch=flow(
            """
            Yes, but not with young children: it is violent, and the violence is meant to shock. If
            you're a fan of *The Devil's Backbone* or *Spirited Away*, this sits between them.
            """
        ),
        comments=(
            CommentEntry(
                author="ada",
                body=(
                    "The Pale Man scene is the scariest thing I have seen in a film, and it is "
                    "about two minutes long."
                ),
                replies=(
                    CommentEntry(
                        author="dev",
                        body="The slow hand-to-face move with the eyes. Absolutely not.",
                    ),
                ),
            ),
            CommentEntry(
                author="farid",
                body=(
                    "I always read the ending as real. My partner reads it the other way. We "
                    "have been arguing about it for years and both like the film more for it."
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="her",
        critic="ines",
        verdict=RECOMMENDED,
        published_days_ago=162,
        tagline="A love story where one of the lovers is software, and it still rings true.",
        setup=flow(
            """
            Theodore writes heartfelt letters for strangers at a company in a gentle, pastel
            near-future Los Angeles. Lonely after his marriage ends, he installs a new operating
            system that names itself Samantha.
            """
        ),
        body=flow(
            """
            Spike Jonze's *Her* was the first feature he wrote on his own, after *Being John
            Malkovich* and *Adaptation.* (both written by Charlie Kaufman) and *Where the Wild
            Things Are*, and it won him the Academy Award for Best Original Screenplay. It is the
            most tender of his films, and the least interested in being clever.

            Joaquin Phoenix spends most of the film alone in the frame, talking to a voice in his
            ear, and he makes Theodore's loneliness specific: the late-night video games, the
            memories of his marriage to Catherine (Rooney Mara) replayed as bright fragments. The
            voice belongs to Scarlett Johansson, who replaced Samantha Morton in post-production,
            and who builds a whole character out of breath, laughter and timing. Amy Adams, as
            Theodore's oldest friend, is the film's warm and funny anchor, three years before she
            learned an alien language in *Arrival*.

            It is hard not to think of *Lost in Translation*, which Sofia Coppola made a decade
            earlier, also with Johansson: two films about loneliness in a city that hums with
            connection, each with a marriage quietly failing at its edges. *Her* is gentler on
            everyone. Its future, shot partly in Shanghai to make Los Angeles look new, is one of
            soft fabrics and high-waisted trousers rather than chrome, and it feels more plausible
            every year.

            The final act, as Samantha outgrows Theodore, drifts a little; the film's ideas about
            what an AI might want are less developed than its ideas about what people need. But the
            last scene, on a rooftop at dawn, earns every bit of its quiet.
            """
        ),
        should_watch=flow(
            """
            Yes, if you're a fan of *Lost in Translation* or *Eternal Sunshine of the Spotless
            Mind*. If you want hard science fiction about artificial minds, *Ex Machina* is the
            colder companion piece.
            """
        ),
        comments=(
            CommentEntry(
                author="elif",
                body=(
                    "The job he has, writing other people's love letters, is such a perfect "
                    "idea. It tells you everything about him in two minutes."
                ),
            ),
            CommentEntry(
                author="chiara",
                body=(
                    "Watched it ten years after release and it feels less like science fiction "
                    "every time I open my phone."
                ),
                replies=(
                    CommentEntry(
                        author="ada",
                        body="Same. The earpiece scenes on the street look like any commute now.",
                    ),
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="up",
        critic="mara",
        verdict=MIXED,
        published_days_ago=134,
        tagline="The best ten minutes in Pixar's history, then a perfectly nice cartoon.",
        setup=flow(
            """
            Carl Fredricksen, widowed and about to be moved into a retirement home, ties thousands
            of balloons to his house and floats away to South America, to the waterfall he and his
            wife Ellie always meant to visit. He does not notice Russell, a young Wilderness
            Explorer, on the porch.
            """
        ),
        body=flow(
            """
            *Up*, directed by Pete Docter with Bob Peterson as co-director, opened the Cannes Film
            Festival in 2009, the first animated film to do so, and won Academy Awards for Best
            Animated Feature and for Michael Giacchino's score. It deserves its reputation for one
            reason above all: the wordless montage of Carl and Ellie's marriage, from their first
            meeting to the hospital, which compresses a lifetime into a few minutes and leaves
            adults in pieces.

            The trouble is that the film has to go on afterwards. Once the house lifts off, *Up*
            becomes an adventure about a rare bird, a pack of talking dogs with translator collars,
            and a villain, Charles Muntz (Christopher Plummer), whose turn from childhood hero to
            murderous recluse is handled in a hurry. It is often funny, and Dug the dog (voiced by
            Peterson himself) is a comic creation for the ages, but it feels like a different and
            smaller film.

            Ed Asner gives Carl a wonderful gruffness, and the relationship with Russell (Jordan
            Nagai) is warm, especially once we learn about the boy's absent father. Docter's earlier
            *Monsters, Inc.* was more consistent and his later *Inside Out* more daring; *Up* has
            higher peaks than either, and deeper troughs.

            The film's best idea, that Carl has to let go of the house and of Ellie's plans to live
            his own adventure, is beautifully put in its final act. I only wish the airship chase
            hadn't crowded it out.
            """
        ),
        should_watch=flow(
            """
            Yes for the opening alone, which is essential. If you're a fan of the quieter Pixar
            films, like *Inside Out*, expect the rest to be louder than you want.
            """
        ),
        comments=(
            CommentEntry(
                author="bruno",
                body=(
                    "Mixed feelings on Up? Brave. But I think you're right that the dogs belong "
                    "in another movie. Dug excepted, obviously."
                ),
                replies=(
                    CommentEntry(
                        author="mara",
                        body="Dug is exempt from all criticism. That's just the rules.",
                    ),
                ),
            ),
            CommentEntry(
                author="greta",
                body=(
                    "My kids loved the second half and didn't care about the first. I cried at "
                    "the first and checked my phone in the second. Maybe that's the design."
                ),
                pending=True,
            ),
        ),
    ),
    ReviewEntry(
        film="solaris-2002",
        critic="ines",
        verdict=MIXED,
        published_days_ago=103,
        tagline="Tarkovsky's ocean, cut down to a lovely, shallow pool.",
        setup=flow(
            """
            Chris Kelvin, a psychiatrist mourning his wife Rheya, is asked to visit a space station
            orbiting Solaris, where his friend Gibarian has sent a message he will not explain. On
            board, the crew are hiding something, and Rheya is there too.
            """
        ),
        body=flow(
            """
            Steven Soderbergh's *Solaris* is the second feature film made from Stanisław Lem's novel
            (the first being Andrei Tarkovsky's *Solaris*, 1972; a Soviet television version came
            before both). Produced by James Cameron, it runs a brisk 99 minutes to Tarkovsky's
            nearly three hours, and it makes a clear choice about what the story is for: not the
            alien ocean, but a marriage.

            George Clooney, working hard against his easy charm, plays Kelvin as a man made of
            regret, and Natascha McElhone's Rheya, who knows she is a copy built from Kelvin's
            memories, is the film's most haunting presence. Jeremy Davies is twitchy comic relief as
            Snow, and Viola Davis, as the station's last scientist, does a lot with a role that is
            mostly suspicion. Cliff Martinez's shimmering score is superb.

            The problem is that Lem's novel is about the limits of understanding something truly
            alien, and Soderbergh's version has almost no curiosity about the planet at all. The
            ocean is a pretty light show outside the window. Tarkovsky, who also moved the book
            towards the personal, at least left you feeling the weight of what the characters could
            not grasp; here the big questions are reduced to whether Chris and Rheya can start
            again.

            As a chamber piece about grief, it is often beautiful, and its ending is braver than
            most studio films would allow. As *Solaris*, it is a footnote.
            """
        ),
        should_watch=flow(
            """
            If you're a fan of Tarkovsky's version, watch it as a curiosity and keep expectations
            modest. If you've seen neither, start with 1972; if three hours is too much, this will
            do as a gentler way in.
            """
        ),
        comments=(
            CommentEntry(
                author="farid",
                body=(
                    "I actually prefer this one to Tarkovsky's, sorry. It knows what it's about "
                    "and it's under two hours."
                ),
                replies=(
                    CommentEntry(
                        author="ines",
                        body=(
                            "No need to apologise! Its focus is real. I just wish the planet got "
                            "a line or two."
                        ),
                    ),
                    CommentEntry(
                        author="dev",
                        body="Cliff Martinez's score alone makes it worth a rewatch.",
                    ),
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="it-follows",
        critic="mara",
        verdict=WORTH_A_LOOK,
        published_days_ago=75,
        tagline="The scariest thing in horror is someone walking towards you, slowly.",
        setup=flow(
            """
            After sleeping with her new boyfriend, Jay wakes up tied to a chair and is told that
            something will now follow her: it looks like a person, it walks, and if it reaches her
            she dies. The only way out is to pass it on.
            """
        ),
        body=flow(
            """
            David Robert Mitchell's second feature, after *The Myth of the American Sleepover*,
            takes a premise that sounds like a campfire story and plays it completely straight. Its
            monster can look like anyone, a stranger or a friend, and it never runs. You start
            scanning the back of every shot for a figure walking towards the camera, and the film
            knows you are doing it.

            Maika Monroe is terrific as Jay, and the friends who rally round her feel like real
            teenagers, bored and loyal. The film's Detroit, with its empty houses and the line of 8
            Mile Road dividing the city from the suburbs, gives the story an ache of decay, and the
            time period is deliberately unplaceable: old televisions, old cars, and a clamshell
            e-reader that exists nowhere else.

            The debts are to John Carpenter, especially *Halloween* (1978), in the prowling wide
            shots and in Disasterpeace's pounding synth score. That influence is a pleasure until
            the final act, where a plan at a public swimming pool makes no sense even by the film's
            own rules and the tension leaks away.

            Still, the central idea is so strong, and the first hour so assured, that it lingers
            long after the weaker ending. Few recent horror films have a monster this simple and
            this effective.
            """
        ),
        should_watch=flow(
            """
            If you're a fan of *Halloween* or slow-burn horror that trusts the frame, yes. If you
            need a satisfying ending, be ready to forgive the last twenty minutes.
            """
        ),
        comments=(
            CommentEntry(
                author="chiara",
                body=(
                    "I spent the next week checking the background of every street I walked "
                    "down. Mission accomplished, I guess."
                ),
            ),
            CommentEntry(
                author="elif",
                body="The pool plan is ridiculous and I still love this film. That score!",
                replies=(
                    CommentEntry(
                        author="mara",
                        body=(
                            "The score is doing a lot of the haunting. Disasterpeace was a "
                            "great hire."
                        ),
                    ),
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="parasite",
        critic="mara",
        verdict=ESSENTIAL,
        published_days_ago=48,
        tagline="A con-artist comedy that turns, on one rainy night, into something else.",
        setup=flow(
            """
            The Kims live in a cramped semi-basement and fold pizza boxes for a living. When the son
            is recommended as an English tutor for the daughter of the wealthy Park family, the rest
            of the Kims see their chance.
            """
        ),
        body=flow(
            """
            Bong Joon-ho's *Parasite* (*기생충*, *Gisaengchung*) won the Palme d'Or at Cannes
            and then became the first film not in English to win the Academy Award for Best
            Picture. Both prizes were deserved, and neither prepares you for how much fun
            the first hour is. Watching the Kims talk their way into the Park household one
            by one, with forged diplomas and a peach allergy turned into a weapon, is as
            satisfying as any heist film.

            Song Kang-ho, who has worked with Bong since *Memories of Murder* (2003) and *The Host*
            (2006), plays Ki-taek, the father, with a weary good humour that gradually hardens. Cho
            Yeo-jeong is very funny as the trusting Mrs. Park, and Lee Sun-kyun's Mr. Park is
            polite, reasonable and unbearable, a man whose only complaint about his driver is the
            way he smells.

            The film's architecture is its argument. The Parks live up a hill in a glass house with
            a lawn; the Kims live down steps, below the street. When a storm floods the lower city,
            the film's most devastating sequence cuts between the two, and the camera's downward
            journey says as much about class as any speech could. I won't describe what is found in
            the basement, except to say that it changes the genre of the film.

            Bong's previous films, including *Snowpiercer*, drew the same map of who lives above
            whom, but never with this control. It is a comedy, a thriller and a tragedy, and it
            never loses its grip on any of them.
            """
        ),
        should_watch=flow(
            """
            Yes, as soon as possible and knowing as little as you can. If you're a fan of *Memories
            of Murder* or *The Host*, this is Bong and Song Kang-ho at their peak.
            """
        ),
        comments=(
            CommentEntry(
                author="hugo",
                body=(
                    "Seen it three times. The staircase shots get more meaningful every time. "
                    "Also: the scholar's rock!"
                ),
                replies=(
                    CommentEntry(
                        author="mara",
                        body="The rock deserves its own review. Such a perfect, heavy symbol.",
                    ),
                ),
            ),
            CommentEntry(
                author="bruno",
                body="The flood sequence should be taught in film schools. Maybe it already is.",
            ),
            CommentEntry(
                author="ada",
                body=(
                    "Thank you for not spoiling the basement. I'm sending this review to my "
                    "dad who still hasn't seen it."
                ),
            ),
        ),
    ),
    ReviewEntry(
        film="magnificent-seven-2016",
        critic="theo",
        verdict=SKIP,
        published_days_ago=21,
        tagline="Seven stars, one famous theme, and no reason to exist.",
        setup=flow(
            """
            The town of Rose Creek is being bought out at gunpoint by the mining baron Bartholomew
            Bogue. Emma Cullen, whose husband Bogue had shot, hires a warrant officer named Sam
            Chisolm to gather a team and fight back.
            """
        ),
        body=flow(
            """
            Antoine Fuqua's *The Magnificent Seven* is a remake of John Sturges's 1960 film, which
            was itself a remake of Akira Kurosawa's *Seven Samurai* (1954). Each version has moved
            further from the original's central question, what it means for fighters to defend
            people who need them but will never be their equals, and this one has left it behind
            entirely.

            The cast is strong on paper. Denzel Washington, reuniting with Fuqua after *Training
            Day* and *The Equalizer*, has the gravity for Chisolm. Ethan Hawke, also from *Training
            Day*, gives the film its only complicated character, Goodnight Robicheaux, a legendary
            sharpshooter who can no longer pull the trigger. Lee Byung-hun is effortlessly cool as
            Billy Rocks, and Vincent D'Onofrio makes a strange and likeable mountain man of Jack
            Horne. Chris Pratt plays Chris Pratt.

            But the film gives them nothing to talk about. The townspeople are background; the
            villain, Peter Sarsgaard's Bogue, is introduced by burning a church and never develops;
            and the long climactic battle is loud, repetitive and weightless. The score, James
            Horner's last, completed by Simon Franglen after Horner's death, is fine until the end
            credits play Elmer Bernstein's 1960 theme and remind you what a great one sounds like.
            """
        ),
        should_watch=flow(
            """
            No. If you're a fan of Westerns, watch the 1960 film; if you're a fan of the 1960 film,
            watch *Seven Samurai*. This one adds only Ethan Hawke's haunted performance.
            """
        ),
        comments=(
            CommentEntry(
                author="farid",
                body=(
                    "Harsh but fair. I had a fine time in the cinema and couldn't remember a "
                    "single scene a week later."
                ),
            ),
            CommentEntry(
                author="dev",
                body="Lee Byung-hun and D'Onofrio deserved a better film. Agree about Hawke.",
            ),
        ),
    ),
    # Drafts: not yet published, visible only to their authors and staff.
    ReviewEntry(
        film="solaris-1972",
        critic="ines",
        verdict=ESSENTIAL,
        published_days_ago=None,
        tagline="A science fiction film that looks inward, and keeps looking.",
        setup=flow(
            """
            Kris Kelvin spends a last day at his father's country house before flying to the station
            orbiting Solaris, where the scientists have stopped sending sensible reports.
            """
        ),
        body=flow(
            """
            Andrei Tarkovsky's *Solaris* (*Солярис*) spends its first forty-odd minutes on Earth:
            rain falling on a garden table, a long car journey through the Tokyo expressways, a
            father and son who cannot talk. Viewers expecting spaceships grow restless. It is worth
            staying: by the time Donatas Banionis's Kelvin reaches the station, you know exactly
            what he left behind, and why the ocean chooses to send him his dead wife, Hari.

            Natalya Bondarchuk's Hari, learning to be a person with no memory of having been one, is
            the soul of the film, and the scene in which she and Kelvin float in the station's
            library, in front of Bruegel's *Hunters in the Snow*, is among the most beautiful in
            cinema. Stanisław Lem disliked how much the film turned his novel towards Earth and
            conscience; Tarkovsky made the film he wanted anyway.

            (Draft: compare with Soderbergh's 2002 version and with *Stalker*; check the Bach
            chorale credit.)
            """
        ),
        should_watch=flow(
            """
            Yes, with patience. If you're a fan of *2001: A Space Odyssey*, this is the argument
            against it.
            """
        ),
    ),
    ReviewEntry(
        film="jaws",
        critic="theo",
        verdict=RECOMMENDED,
        published_days_ago=None,
        tagline="The summer blockbuster was born with a broken mechanical shark.",
        setup=flow(
            """
            Amity Island's new police chief wants to close the beaches after a shark attack. The
            mayor wants the Fourth of July tourists. The shark does not care.
            """
        ),
        body=flow(
            """
            Steven Spielberg's *Jaws* was adapted from Peter Benchley's 1974 bestseller, with
            Benchley and Carl Gottlieb sharing the screenplay, and it is famous for a problem: the
            mechanical shark kept failing in the salt water off Martha's Vineyard, so Spielberg had
            to keep it off screen. What he used instead, yellow barrels, a point of view below the
            swimmers and John Williams's two-note theme, is far scarier.

            The second half, three men on the *Orca*, is one of the great trios: Roy Scheider's
            landlubber Brody, Richard Dreyfuss's eager oceanographer Hooper, and Robert Shaw's
            Quint, whose monologue about the USS *Indianapolis* stops the film dead in the best
            possible way.

            (Draft: add a paragraph on Spielberg's *Duel* and the sequels.)
            """
        ),
        should_watch=flow(
            """
            Yes, if you have somehow missed it. If you're a fan of *Alien*, this is where its rule
            of hiding the monster was learned.
            """
        ),
    ),
)
