"""The commented starter worksheet that ``copsession new`` writes."""

from __future__ import annotations

_EN = """\
#:schema ./worksheet.schema.json
# A copsession worksheet: the agenda of one meeting of your community of practice.
# Check it with `copsession validate {filename}` and run it with `copsession run {filename}`.
# Editors with a TOML language server (taplo, Even Better TOML) check it with the schema above.

title = "Our community of practice"          # the CoP: all meetings with this title form one series
meeting = "Meeting 1"                          # this meeting (optional)
language = "en"                                # "en" or "nl": screens and minutes
central_question = "What question does this group work on together?"
goals = ["What we want to have achieved together"]
# date = 2026-12-03                            # optional; default: today
# start = 14:00:00                             # optional; default: when you start the app
location = "Online"
facilitator = "Your name"
cadence_weeks = 6                              # how often the group meets, in weeks (proposes the next date)
# series = "Our community of practice"         # optional; default: the title

[[participants]]
name = "First participant"
organisation = "Organisation"
field = "Work field"
role = "core"                                  # member (default), core, expert or facilitator

[[participants]]
name = "Second participant"
organisation = "Organisation"
field = "Work field"

[[steps]]
kind = "check-in"                              # check-in, exploration, work-form, concern-round, results, break
minutes = 15
prompt = "What do you bring to this meeting?"

[[steps]]
kind = "exploration"
minutes = 30
questions = ["What do we know?", "What do we not know yet?"]

[[steps]]
kind = "work-form"
minutes = 20
form = "drawing"                               # role-play, drawing, objects, reverse-brainstorm, six-hats, ...

[[steps]]
kind = "concern-round"
minutes = 10
prompt = "Which concern would you like to bring to the group?"

[[steps]]
kind = "results"
minutes = 15
"""

_NL = """\
#:schema ./werkblad.schema.json
# Een copsession-werkblad: de agenda van één bijeenkomst van je community of practice.
# Controleer het met `copsession controleren {filename}` en start het met `copsession starten {filename}`.
# Editors met een TOML-taalserver (taplo, Even Better TOML) controleren het met het schema hierboven.

title = "Onze community of practice"          # de CoP: alle bijeenkomsten met deze titel vormen één traject
meeting = "Bijeenkomst 1"                      # deze bijeenkomst (optioneel)
language = "nl"                                # "en" of "nl": schermen en verslag
central_question = "Aan welke vraag werkt deze groep samen?"
goals = ["Wat we samen bereikt willen hebben"]
# date = 2026-12-03                            # optioneel; standaard: vandaag
# start = 14:00:00                             # optioneel; standaard: wanneer je de app start
location = "Online"
facilitator = "Je naam"
cadence_weeks = 6                              # om de hoeveel weken de groep bijeenkomt (stelt de volgende datum voor)
# series = "Onze community of practice"        # optioneel; standaard: de titel

[[participants]]
name = "Eerste deelnemer"
organisation = "Organisatie"
field = "Werkveld"
role = "core"                                  # member (standaard), core (kerngroep), expert of facilitator

[[participants]]
name = "Tweede deelnemer"
organisation = "Organisatie"
field = "Werkveld"

[[steps]]
# soorten onderdelen: check-in (incheckronde), exploration (verkenning van de vraag),
# work-form (creatieve werkvorm), concern-round (zorgpuntenronde), results (resultaten benoemen),
# break (pauze)
kind = "check-in"
title = "Incheckronde"                         # optioneel; standaard een titel per soort onderdeel
minutes = 15
prompt = "Wat breng je mee naar deze bijeenkomst?"

[[steps]]
kind = "exploration"
minutes = 30
questions = ["Wat weten we?", "Wat weten we nog niet?"]

[[steps]]
kind = "work-form"
minutes = 20
# werkvormen: role-play (rollenspel), drawing (rijke plaat), objects (voorwerpen op tafel),
# reverse-brainstorm (omgekeerd brainstormen), six-hats (zes denkhoeden),
# walking-conversation (wandelgesprek), what-would-x-do (wat zou X doen?),
# fishbowl (vissenkom), one-two-four-all (1-2-4-allen), brainwriting (stil schrijven)
form = "drawing"

[[steps]]
kind = "concern-round"
title = "Zorgpuntenronde"
minutes = 10
prompt = "Welk zorgpunt wil je bij de groep neerleggen?"

[[steps]]
kind = "results"
minutes = 15
"""


def starter_worksheet(language: str, filename: str) -> str:
    """The starter worksheet's text in ``language`` (``en`` or ``nl``)."""
    return (_NL if language == "nl" else _EN).format(filename=filename)
