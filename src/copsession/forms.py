"""Built-in creative work forms, in English and Dutch.

A work form pulls a group out of its usual patterns: role play, drawing,
objects, a reversed question. Each form has a purpose, the materials to bring
and the steps to walk through; a step may carry its own minutes.

The forms are used by communities of practice on any subject, so their texts
hold no examples from one sector; a worksheet's ``guide`` or its own
``[forms.<id>]`` adds those.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormStep:
    """One step of a work form, optionally time-boxed."""

    text: str
    minutes: int | None = None


@dataclass(frozen=True)
class WorkForm:
    """A creative work form: what it is for, what it needs, how it goes."""

    id: str
    name: str
    purpose: str
    materials: tuple[str, ...]
    steps: tuple[FormStep, ...]


def _form(form_id: str, name: str, purpose: str, materials: list[str], steps: list[tuple[str, int | None]]) -> WorkForm:
    return WorkForm(form_id, name, purpose, tuple(materials), tuple(FormStep(t, m) for t, m in steps))


_EN = [
    _form(
        "role-play",
        "Role play",
        "Step into the shoes of someone the question is about, to feel the issue from another side.",
        ["role cards", "a short scenario", "an observer sheet"],
        [
            (
                "Pick a concrete situation from practice and the roles in it (for example the person it is all about, someone who carries out the work, someone who decides).",
                3,
            ),
            ("Hand out the roles; everyone plays someone from a field other than their own.", 2),
            ("Play the situation for a few minutes; observers note what strikes them.", 8),
            ("Step out of role: what did you feel, what surprised you?", 5),
            ("What does this mean for our central question?", 5),
        ],
    ),
    _form(
        "drawing",
        "Rich picture",
        "Draw the situation together, with its people, relations and tensions, to see the whole system at once.",
        ["large sheets of paper", "markers in several colours", "sticky notes"],
        [
            ("Each person draws, without words, how they see the situation around the central question.", 8),
            ("Put the drawings side by side and walk past them in silence.", 3),
            ("Each person explains one thing in another person's drawing that strikes them.", 8),
            ("Name the patterns: what recurs, what is missing, where is the tension?", 6),
        ],
    ),
    _form(
        "objects",
        "Objects on the table",
        "Let everyday objects stand for parts of the problem, so that the unspoken becomes visible and discussable.",
        ["a box of everyday objects (keys, a ball, string, a cup, toy figures)", "a table everyone can stand around"],
        [
            ("Each person chooses an object that stands for how they experience the question.", 3),
            ("One by one, place the object on the table and say in two sentences why.", 8),
            ("Together, move the objects into how the situation should look in a year.", 7),
            ("What had to move most? What does that ask of each of us?", 5),
        ],
    ),
    _form(
        "reverse-brainstorm",
        "Reverse brainstorm",
        "Ask how we could make the problem worse; the answers show, reversed, what really helps.",
        ["a flip chart", "markers"],
        [
            ("Turn the question around: how do we make sure this goes wrong?", 2),
            ("Brainstorm as many ways to make it worse as you can; no judging.", 8),
            ("Reverse each idea into its opposite.", 6),
            ("Choose the reversals that are new to us and worth trying.", 5),
        ],
    ),
    _form(
        "six-hats",
        "Six thinking hats",
        "Look at one idea in turn from six angles, so that facts, feelings, risks and chances all get their moment.",
        ["six coloured cards or hats", "a flip chart with six columns"],
        [
            ("White: which facts and figures do we have, and which are we missing?", 4),
            ("Red: what is our gut feeling?", 3),
            ("Black: what are the risks and objections?", 4),
            ("Yellow: what are the benefits and chances?", 4),
            ("Green: which new possibilities and alternatives are there?", 5),
            ("Blue: what have we learnt, and what is the next step?", 3),
        ],
    ),
    _form(
        "walking-conversation",
        "Walking conversation",
        "Talk in pairs while walking: side by side and in motion, people think more freely than at a table.",
        ["one question per pair on a card", "comfortable shoes", "a route of about fifteen minutes"],
        [
            ("Form pairs of people from different organisations.", 2),
            ("Walk and talk about the question on the card; swap roles of talker and listener halfway.", 15),
            ("Back in the group: each pair shares one insight.", 8),
        ],
    ),
    _form(
        "what-would-x-do",
        "What would X do?",
        "Borrow the view of someone far from our fields (a chef, a gardener, a theatre director) to escape our own habits.",
        ["cards with outsiders (chef, gardener, architect, theatre director, airline pilot)"],
        [
            ("Draw a card with an outsider.", 1),
            ("How would this person tackle our question? Think freely and aloud.", 8),
            ("Draw a second card and repeat.", 6),
            ("Which ideas can we translate to our own practice?", 5),
        ],
    ),
    _form(
        "fishbowl",
        "Fishbowl",
        "A few people talk in an inner circle while the rest listen; anyone may step in, so many voices are heard in one conversation.",
        ["chairs in an inner circle of four or five with one empty chair", "an outer circle"],
        [
            ("Three or four people start the conversation in the inner circle; the others listen.", 2),
            ("Whoever wants to join takes the empty chair; someone else then steps out.", 15),
            ("Close in the full group: what did we hear that was new?", 5),
        ],
    ),
    _form(
        "one-two-four-all",
        "1-2-4-All",
        "Everyone thinks first, alone, then in pairs and fours, so that every voice shapes what the whole group says.",
        ["paper and pens", "a bell or a timer everyone hears"],
        [
            ("Alone, in silence: what ideas do you have for the question? Write them down.", 1),
            ("In pairs: share your ideas and build on each other's; note the differences.", 2),
            ("In fours: which idea stands out? Develop it together.", 4),
            ("All: each four shares one idea that stood out; the group notes what recurs.", 5),
        ],
    ),
    _form(
        "brainwriting",
        "Silent writing (brainwriting)",
        "Ideas on paper before anyone speaks, so the quiet and the new voices count as much as the loud ones.",
        ["a sheet per person with three columns", "pens"],
        [
            ("Each person writes three ideas in the first row, in silence.", 5),
            ("Pass the sheet to your left neighbour; add three ideas that build on what is there.", 5),
            ("Pass it on once more and add three again.", 5),
            ("Read all sheets; each person marks the two ideas they find most promising.", 5),
            ("Talk about the ideas with the most marks: what would it take?", 10),
        ],
    ),
]

_NL = [
    _form(
        "role-play",
        "Rollenspel",
        "Kruip in de huid van iemand om wie het in de vraag gaat, om het vraagstuk van een andere kant te ervaren.",
        ["rolkaarten", "een kort scenario", "een formulier voor de waarnemers"],
        [
            (
                "Kies een concrete situatie uit de praktijk en de rollen daarin (bijvoorbeeld degene om wie het gaat, iemand die het werk uitvoert, iemand die beslist).",
                3,
            ),
            ("Verdeel de rollen; iedereen speelt iemand uit een ander werkveld dan het eigen.", 2),
            ("Speel de situatie een paar minuten; de waarnemers schrijven op wat hun opvalt.", 8),
            ("Stap uit de rol: wat voelde je, wat verraste je?", 5),
            ("Wat betekent dit voor onze centrale vraag?", 5),
        ],
    ),
    _form(
        "drawing",
        "Rijke plaat",
        "Teken samen de situatie, met de mensen, relaties en spanningen, zodat je het hele systeem in één keer ziet.",
        ["grote vellen papier", "stiften in verschillende kleuren", "plakbriefjes"],
        [
            ("Teken zonder woorden hoe jij de situatie rond de centrale vraag ziet.", 8),
            ("Leg de tekeningen naast elkaar en loop er zwijgend langs.", 3),
            ("Vertel om de beurt wat je opvalt in de tekening van een ander.", 8),
            ("Benoem de patronen: wat komt terug, wat ontbreekt, waar zit de spanning?", 6),
        ],
    ),
    _form(
        "objects",
        "Voorwerpen op tafel",
        "Laat alledaagse voorwerpen staan voor delen van het vraagstuk, zodat het onuitgesprokene zichtbaar en bespreekbaar wordt.",
        [
            "een doos alledaagse voorwerpen (sleutels, een bal, touw, een beker, poppetjes)",
            "een tafel waar iedereen omheen kan staan",
        ],
        [
            ("Kies een voorwerp dat laat zien hoe jij de vraag ervaart.", 3),
            ("Zet om de beurt je voorwerp op tafel en vertel in twee zinnen waarom.", 8),
            ("Verschuif samen de voorwerpen naar hoe de situatie er over een jaar uit moet zien.", 7),
            ("Wat moest het meest verschuiven? Wat vraagt dat van ieder van ons?", 5),
        ],
    ),
    _form(
        "reverse-brainstorm",
        "Omgekeerd brainstormen",
        "Vraag hoe we het probleem erger kunnen maken; omgedraaid laten de antwoorden zien wat echt helpt.",
        ["een flip-over", "stiften"],
        [
            ("Draai de vraag om: hoe zorgen we ervoor dat dit misgaat?", 2),
            ("Bedenk zo veel mogelijk manieren om het erger te maken; nog niet oordelen.", 8),
            ("Draai elk idee om naar het tegendeel.", 6),
            ("Kies de omkeringen die nieuw voor ons zijn en het proberen waard.", 5),
        ],
    ),
    _form(
        "six-hats",
        "Zes denkhoeden",
        "Bekijk één idee achtereenvolgens vanuit zes invalshoeken, zodat feiten, gevoel, risico's en kansen allemaal aan bod komen.",
        ["zes gekleurde kaarten of hoeden", "een flip-over met zes kolommen"],
        [
            ("Wit: welke feiten en cijfers hebben we, en welke missen we?", 4),
            ("Rood: wat zegt ons gevoel?", 3),
            ("Zwart: wat zijn de risico's en bezwaren?", 4),
            ("Geel: wat zijn de voordelen en kansen?", 4),
            ("Groen: welke nieuwe mogelijkheden en alternatieven zijn er?", 5),
            ("Blauw: wat hebben we geleerd en wat is de volgende stap?", 3),
        ],
    ),
    _form(
        "walking-conversation",
        "Wandelgesprek",
        "Praat in tweetallen terwijl je wandelt: naast elkaar en in beweging denken mensen vrijer dan aan tafel.",
        ["per tweetal één vraag op een kaartje", "goede schoenen", "een route van ongeveer een kwartier"],
        [
            ("Vorm tweetallen van mensen uit verschillende organisaties.", 2),
            ("Wandel en praat over de vraag op het kaartje; wissel halverwege van verteller en luisteraar.", 15),
            ("Terug in de groep: elk tweetal deelt één inzicht.", 8),
        ],
    ),
    _form(
        "what-would-x-do",
        "Wat zou X doen?",
        "Leen de blik van iemand ver buiten onze werkvelden (een kok, een tuinier, een theaterregisseur) om aan onze eigen gewoonten te ontsnappen.",
        ["kaartjes met buitenstaanders (kok, tuinier, architect, theaterregisseur, piloot)"],
        [
            ("Trek een kaartje met een buitenstaander.", 1),
            ("Hoe zou deze persoon onze vraag aanpakken? Denk vrij en hardop.", 8),
            ("Trek een tweede kaartje en doe het nog eens.", 6),
            ("Welke ideeën kunnen we vertalen naar onze eigen praktijk?", 5),
        ],
    ),
    _form(
        "fishbowl",
        "Vissenkom (fishbowl)",
        "Een paar mensen praten in een binnenkring terwijl de rest luistert; iedereen mag instappen, zodat veel stemmen in één gesprek klinken.",
        ["stoelen in een binnenkring van vier of vijf met één lege stoel", "een buitenkring"],
        [
            ("Drie of vier mensen beginnen het gesprek in de binnenkring; de anderen luisteren.", 2),
            ("Wie mee wil praten, neemt de lege stoel; iemand anders stapt dan uit.", 15),
            ("Sluit af in de hele groep: wat hoorden we dat nieuw was?", 5),
        ],
    ),
    _form(
        "one-two-four-all",
        "1-2-4-allen",
        "Iedereen denkt eerst zelf na, dan in tweetallen en viertallen, zodat elke stem meeweegt in wat de hele groep zegt.",
        ["papier en pennen", "een bel of een timer die iedereen hoort"],
        [
            ("Alleen, in stilte: welke ideeën heb je bij de vraag? Schrijf ze op.", 1),
            ("In tweetallen: deel je ideeën en bouw op elkaars ideeën voort; noteer de verschillen.", 2),
            ("In viertallen: welk idee springt eruit? Werk het samen verder uit.", 4),
            ("Allen: elk viertal deelt één idee dat eruit sprong; de groep noteert wat terugkomt.", 5),
        ],
    ),
    _form(
        "brainwriting",
        "Stil schrijven (brainwriting)",
        "Eerst ideeën op papier en dan pas praten, zodat stille en nieuwe stemmen evenveel meetellen als de luide.",
        ["een vel per persoon met drie kolommen", "pennen"],
        [
            ("Iedereen schrijft in stilte drie ideeën in de eerste rij.", 5),
            ("Geef het vel door aan je linkerbuur; voeg drie ideeën toe die voortbouwen op wat er staat.", 5),
            ("Geef het nog een keer door en voeg weer drie ideeën toe.", 5),
            ("Lees alle vellen; iedereen zet een streep bij de twee ideeën die het meest kansrijk lijken.", 5),
            ("Bespreek de ideeën met de meeste strepen: wat is er nodig om ze waar te maken?", 10),
        ],
    ),
]

BUILTIN_FORMS: dict[str, dict[str, WorkForm]] = {
    "en": {f.id: f for f in _EN},
    "nl": {f.id: f for f in _NL},
}
"""The built-in work forms per language, by id."""
