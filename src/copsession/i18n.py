"""One catalog for every text the app shows or writes, in English and Dutch.

Use it as ``tr = Catalog("nl")`` and then ``tr("minutes.present")`` or, with
placeholders, ``tr("step.planned", minutes=15)``. A missing key is a bug; the
test suite checks that every key has both languages and the same placeholders.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # step kinds: default titles
    "kind.check-in": ("Check-in", "Incheckronde"),
    "kind.exploration": ("Exploring the question", "Verkenning van de vraag"),
    "kind.work-form": ("Creative work form", "Creatieve werkvorm"),
    "kind.concern-round": ("Concern round", "Zorgpuntenronde"),
    "kind.results": ("Naming results", "Resultaten benoemen"),
    "kind.break": ("Break", "Pauze"),
    # minutes
    "minutes.date": ("Date", "Datum"),
    "minutes.time": ("Time", "Tijd"),
    "minutes.location": ("Location", "Locatie"),
    "minutes.facilitator": ("Facilitator", "Facilitator"),
    "minutes.participants": ("Participants", "Deelnemers"),
    "minutes.present": ("Present", "Aanwezig"),
    "minutes.absent": ("Absent", "Afwezig"),
    "minutes.nobody": ("nobody", "niemand"),
    "minutes.central_question": ("Central question", "Centrale vraag"),
    "minutes.goals": ("Goals", "Doelen"),
    "minutes.agenda": ("Agenda", "Agenda"),
    "minutes.col_step": ("Step", "Onderdeel"),
    "minutes.col_kind": ("Kind", "Soort"),
    "minutes.col_planned": ("Planned (min)", "Gepland (min)"),
    "minutes.col_actual": ("Actual (min)", "Werkelijk (min)"),
    "minutes.total": ("Total", "Totaal"),
    "minutes.prompt": ("Prompt", "Vraag"),
    "minutes.work_form": ("Work form", "Werkvorm"),
    "minutes.no_notes": ("No notes.", "Geen aantekeningen."),
    "minutes.not_reached": ("Not reached in this meeting.", "Hier zijn we in deze bijeenkomst niet aan toegekomen."),
    "minutes.passed": ("passed", "beurt overgeslagen"),
    "minutes.results": ("Results", "Resultaten"),
    "minutes.actions": ("Actions", "Acties"),
    "minutes.col_action": ("Action", "Actie"),
    "minutes.col_owner": ("Who", "Wie"),
    "minutes.col_due": ("Due", "Uiterlijk op"),
    "minutes.concerns": ("Concerns", "Zorgpunten"),
    "minutes.open_questions": ("Open questions", "Open vragen"),
    "minutes.none": ("Nothing yet.", "Nog niets."),
    "minutes.generated": ("Minutes written with copsession.", "Verslag gemaakt met copsession."),
    "minutes.step_heading": ("{number}. {title}", "{number}. {title}"),
    # generic UI
    "ui.agenda": ("Agenda", "Agenda"),
    "ui.attendance": ("Attendance", "Aanwezigheid"),
    "ui.goals": ("Goals", "Doelen"),
    "ui.central_question": ("Central question", "Centrale vraag"),
    "ui.start_hint": (
        "Mark who is here (Space), then PageDown to start.",
        "Geef aan wie er is (spatie) en druk op PageDown om te beginnen.",
    ),
    "ui.agenda_total": ("{minutes} min in total, {start}–{end}", "{minutes} min in totaal, {start}–{end}"),
    "ui.step_of": ("Step {number} of {total}", "Onderdeel {number} van {total}"),
    "ui.planned": ("planned {minutes} min", "gepland {minutes} min"),
    "ui.elapsed": ("elapsed {elapsed}", "verstreken {elapsed}"),
    "ui.left": ("{left} left", "nog {left}"),
    "ui.over": ("{over} over time", "{over} over de tijd"),
    "ui.paused": ("paused", "gepauzeerd"),
    "ui.times_up": ("Time's up!", "De tijd is om!"),
    "ui.capture_placeholder": ("Type a note and press Enter", "Typ een aantekening en druk op Enter"),
    "ui.capture_placeholder_speaker": ("Note for {name} — Enter adds", "Aantekening bij {name} — Enter voegt toe"),
    "ui.capture_edit": (
        "Editing a note — Enter saves, Escape cancels",
        "Aantekening bewerken — Enter slaat op, Escape annuleert",
    ),
    "ui.notes": ("Notes", "Aantekeningen"),
    "ui.no_notes_yet": ("No notes yet.", "Nog geen aantekeningen."),
    "ui.now_speaking": ("Now speaking", "Aan het woord"),
    "ui.next_speaker": ("Next", "Daarna"),
    "ui.round_done": ("Everyone has had a turn.", "Iedereen is aan de beurt geweest."),
    "ui.nobody_present": (
        "Nobody is marked present. Mark attendance on the opening screen (F2).",
        "Er is niemand aanwezig gemeld. Geef de aanwezigheid aan op het openingsscherm (F2).",
    ),
    "ui.questions": ("Questions to explore", "Vragen om te verkennen"),
    "ui.no_questions": (
        "No sub-questions in the worksheet: explore the central question.",
        "Geen deelvragen in het werkblad: verken de centrale vraag.",
    ),
    "ui.purpose": ("Purpose", "Doel"),
    "ui.materials": ("Materials", "Materiaal"),
    "ui.form_steps": ("Steps", "Stappen"),
    "ui.break_title": ("Break", "Pauze"),
    "ui.break_back": ("We continue at {time}.", "We gaan verder om {time}."),
    "ui.guide": ("Facilitator's guide", "Aanwijzing voor de facilitator"),
    "ui.speaker_passed": ("{name} passes.", "{name} past."),
    "ui.saved": ("Minutes saved to {path}", "Verslag opgeslagen in {path}"),
    "ui.save_failed": (
        "Could not save the minutes: {error}. Nothing is lost; choose another folder and save again.",
        "Het verslag kon niet worden opgeslagen: {error}. Er gaat niets verloren; kies een andere map en sla opnieuw op.",
    ),
    "ui.note_deleted": ("Note deleted.", "Aantekening verwijderd."),
    "ui.first_step": ("This is the opening screen.", "Dit is het openingsscherm."),
    "ui.last_step": (
        "This is the last step; PageDown shows what we agreed, Ctrl+S saves the minutes.",
        "Dit is het laatste onderdeel; PageDown toont wat we hebben afgesproken, Ctrl+S slaat het verslag op.",
    ),
    "ui.capture_error_command": (
        "Unknown command '{word}'. Known: {known}",
        "Onbekende opdracht '{word}'. Bekende opdrachten: {known}",
    ),
    "ui.capture_error_name": ("Unknown participant '@{name}'.", "Onbekende deelnemer '@{name}'."),
    "ui.capture_error_date": ("'{text}' is not a valid date ({hint}).", "'{text}' is geen geldige datum ({hint})."),
    "ui.capture_error_date_order": (
        "'{text}' could be day/month or month/day: type the date as 2026-12-31, or a weekday such as friday.",
        "'{text}' kan dag/maand of maand/dag zijn: typ de datum als 31-12-2026, of een weekdag zoals vrijdag.",
    ),
    "ui.capture_date_past": (
        "{date} is in the past. Press Enter again to keep it, or change the date.",
        "De datum {date} ligt in het verleden. Druk nogmaals op Enter om deze datum toch te gebruiken, of pas hem aan.",
    ),
    "ui.capture_date_after_end": (
        "{date} is after the trajectory's last meeting ({end}). Press Enter again to keep it, or change the date.",
        "De datum {date} valt na de laatste bijeenkomst van het traject ({end}). Druk nogmaals op "
        "Enter om deze datum toch te gebruiken, of pas hem aan.",
    ),
    "ui.capture_error_empty": ("'{word}' needs text after it.", "Na '{word}' hoort tekst."),
    "tag.known": ("known", "bekend"),
    "tag.unknown": ("not yet known", "nog onbekend"),
    "tag.idea": ("idea", "idee"),
    "ui.follow_up": ("follow-up", "opvolging"),
    "ui.follow_up_placeholder": (
        "Follow-up of “{concern}”: what is done, @who — Enter saves",
        "Opvolging van ‘{concern}’: wat gebeurt er, @wie — Enter slaat op",
    ),
    "ui.turn": ("Turn {used} / {planned}", "Spreektijd {used} / {planned}"),
    "ui.form_step_time": ("This step {used} / {planned}", "Deze stap {used} / {planned}"),
    "ui.provocation": ("Provocative question", "Prikkelende vraag"),
    "ui.provocation_hint": ("Ctrl+R draws a provocative question.", "Ctrl+R trekt een prikkelende vraag."),
    "ui.schedule": ("End {planned} → {projected}", "Einde {planned} → {projected}"),
    "ui.behind": ("{minutes} min behind", "{minutes} min uitloop"),
    "ui.ahead": ("{minutes} min ahead", "{minutes} min voor op schema"),
    "ui.on_time": ("on time", "op schema"),
    "ui.list_results": ("Results", "Resultaten"),
    "ui.list_actions": ("Actions", "Acties"),
    "ui.list_takeback": ("Take back to my organisation", "Mee terug naar de eigen organisatie"),
    "ui.results_mode": ("Now adding: {mode}  (Ctrl+N switches)", "Nu toevoegen: {mode}  (Ctrl+N wisselt)"),
    "ui.placeholder_result": (
        "A result of this meeting — Enter adds",
        "Een resultaat van deze bijeenkomst — Enter voegt toe",
    ),
    "ui.placeholder_action": (
        "<what> @<who> <date> — Enter adds an action",
        "<wat> @<wie> <datum> — Enter voegt een actie toe",
    ),
    "ui.placeholder_takeback": (
        "What {name} takes back to their organisation — Enter adds",
        "Wat {name} meeneemt naar de eigen organisatie — Enter voegt toe",
    ),
    "ui.col_what": ("What", "Wat"),
    "ui.col_who": ("Who", "Wie"),
    "ui.col_due": ("Due", "Uiterlijk op"),
    "ui.pulse_title": ("Are we still on track?", "Zitten we nog op koers?"),
    "ui.pulse_statement": (
        "“We are still on track towards our goals.” 1 = strongly disagree, 5 = strongly agree",
        "‘We liggen nog op koers naar onze doelen.’ 1 = helemaal mee oneens, 5 = helemaal mee eens",
    ),
    "ui.pulse_hint": (
        "↑↓ choose a person, 1–5 gives their score, 0 clears it, A without names, Escape or F3 closes.",
        "↑↓ kies iemand, 1–5 geeft de score, 0 wist die, A zonder namen, Escape of F3 sluit.",
    ),
    "ui.pulse_average": ("Average {average} (scores given: {count})", "Gemiddeld {average} (aantal scores: {count})"),
    "ui.no_pulse": ("No scores yet.", "Nog geen scores."),
    # minutes additions
    "minutes.votes": ("{count} votes", "{count} stemmen"),
    "minutes.vote": ("1 vote", "1 stem"),
    "minutes.follow_up": ("Follow-up", "Opvolging"),
    "minutes.provocations": ("Provocations", "Prikkelende vragen"),
    "minutes.general": ("General", "Algemeen"),
    "minutes.pulse": ("Are we still on track?", "Zitten we nog op koers?"),
    "minutes.pulse_statement": (
        "“We are still on track towards our goals” (1 = strongly disagree, 5 = strongly agree)",
        "‘We liggen nog op koers naar onze doelen’ (1 = helemaal mee oneens, 5 = helemaal mee eens)",
    ),
    "minutes.pulse_average": ("Average: {average} ({count} people)", "Gemiddeld: {average} (aantal personen: {count})"),
    "minutes.takeback": ("Take back to my organisation", "Mee terug naar de eigen organisatie"),
    "history.date": ("Date", "Datum"),
    "history.meeting": ("Meeting", "Bijeenkomst"),
    "history.attendance": ("Present", "Aanwezig"),
    "history.actions": ("Actions done", "Afgeronde acties"),
    "history.pulse": ("Pulse", "Koers"),
    "history.pulse_chart": ("Pulse per meeting (1–5)", "Koers per bijeenkomst (1–5)"),
    "history.unfinished": ("* not finished (can be resumed)", "* niet afgerond (kan worden hervat)"),
    "history.none": (
        "No meetings of this series in {folder} yet.",
        "Nog geen bijeenkomsten van dit traject in de map {folder}.",
    ),
    "history.title": ("History of the series", "Verloop van het traject"),
    "ui.series_number": ("Meeting {number} of this series", "Bijeenkomst {number} van dit traject"),
    "ui.series_previous": ("previous meeting: {date}", "vorige bijeenkomst: {date}"),
    "ui.series_first": ("The first meeting of this series", "De eerste bijeenkomst van dit traject"),
    "ui.carried": ("Carried over ({count} open)", "Meegenomen uit eerdere bijeenkomsten ({count} open)"),
    "ui.carried_none": ("Nothing carried over from earlier meetings.", "Niets meegenomen uit eerdere bijeenkomsten."),
    "ui.carried_more": ("… and {count} more: review them all with F4", "… en nog {count}: bespreek ze allemaal met F4"),
    "ui.review_title": ("Review: what earlier meetings left open", "Terugblik: wat eerdere bijeenkomsten open lieten"),
    "ui.review_hint": (
        "↑↓ choose, d done, o still open, x dropped, Enter a note; an open question answered by e an "
        "expert, l literature, p practice — Escape or F4 closes",
        "↑↓ kies, a afgerond, o nog open, v vervallen, Enter een opmerking; een open vraag beantwoord "
        "door e een expert, l de literatuur, p de praktijk — Escape of F4 sluit",
    ),
    "help.capture_slash": ("//text: a note that starts with /", "//tekst: een aantekening die met / begint"),
    "ui.review_note": ("Note about “{item}” — Enter saves", "Opmerking bij ‘{item}’ — Enter slaat op"),
    "status.open": ("still open", "nog open"),
    "status.done": ("done", "afgerond"),
    "status.dropped": ("dropped", "vervallen"),
    "status.unreviewed": ("not reviewed", "niet besproken"),
    "kind_short.action": ("action", "actie"),
    "kind_short.concern": ("concern", "zorgpunt"),
    "key.review": ("Review", "Terugblik"),
    "key.history": ("History", "Verloop"),
    "minutes.series": ("Series", "Traject"),
    "minutes.series_value": ("meeting {number}", "bijeenkomst {number}"),
    "minutes.series_previous": (
        "meeting {number}, previous meeting {date}",
        "bijeenkomst {number}, vorige bijeenkomst {date}",
    ),
    "minutes.next_meeting": ("Next meeting (proposed)", "Volgende bijeenkomst (voorstel)"),
    "minutes.carried": ("Carried over", "Meegenomen uit eerdere bijeenkomsten"),
    "minutes.col_item": ("Item", "Punt"),
    "minutes.col_from": ("From", "Van"),
    "minutes.col_status": ("Status", "Status"),
    "minutes.col_note": ("Note", "Opmerking"),
    "brief.subtitle": (
        "What our community of practice worked on, and what we carry forward.",
        "Waar onze community of practice aan werkte, en wat we daarmee verder doen.",
    ),
    "brief.learnt": ("What we learnt", "Wat we hebben geleerd"),
    "brief.takeback": ("Taking it back to our organisations", "Mee terug naar onze organisaties"),
    "brief.next": ("Next meeting", "Volgende bijeenkomst"),
    "brief.not_planned": ("Not planned yet.", "Nog niet gepland."),
    "plan.total": ("Total {minutes} min, ends {end}", "Totaal {minutes} min, einde {end}"),
    "plan.no_start": (
        "The worksheet has no start time; times are counted from the start.",
        "Het werkblad heeft geen begintijd; de tijden tellen vanaf het begin.",
    ),
    "plan.over_end": (
        "the agenda runs {minutes} min past the end time {end}.",
        "de agenda loopt {minutes} min uit (eindtijd {end}).",
    ),
    # dialogs
    "dialog.quit_title": ("Quit without saving?", "Stoppen zonder op te slaan?"),
    "dialog.quit_body": (
        "There are notes that are not in the saved minutes yet.",
        "Er zijn aantekeningen die nog niet in het opgeslagen verslag staan.",
    ),
    "dialog.save_and_quit": ("Save and quit", "Opslaan en stoppen"),
    "dialog.quit_anyway": ("Quit without saving", "Stoppen zonder opslaan"),
    "dialog.cancel": ("Cancel", "Annuleren"),
    "dialog.folder_title": ("Save the minutes in another folder", "Het verslag in een andere map opslaan"),
    "dialog.folder_body": ("The folder {folder} cannot be used: {error}", "De map {folder} is niet bruikbaar: {error}"),
    "dialog.folder_save": ("Save here", "Hier opslaan"),
    "dialog.resume_title": ("Resume the unfinished meeting?", "De onderbroken bijeenkomst hervatten?"),
    "dialog.resume_body": (
        "A meeting of this worksheet that started {started} was not finished. Last saved at {saved}; notes: {notes}; it was at: {step}.",
        "Een bijeenkomst met dit werkblad die begon op {started} is niet afgerond. Laatst opgeslagen om {saved}; aantekeningen: {notes}; ze was bij: {step}.",
    ),
    "dialog.resume_opening": ("the opening screen", "het openingsscherm"),
    "dialog.resume": ("Resume", "Hervatten"),
    "dialog.start_fresh": ("Start a new meeting", "Nieuwe bijeenkomst beginnen"),
    "ui.autosave_failed": (
        "The meeting cannot be saved to {error}. Everything stays in memory; save the minutes elsewhere with Ctrl+S.",
        "De bijeenkomst kan niet worden opgeslagen in {error}. Alles blijft in het geheugen; sla het verslag elders op met Ctrl+S.",
    ),
    "ui.resumed": ("Meeting resumed: nothing was lost.", "Bijeenkomst hervat: er is niets verloren gegaan."),
    "dialog.attendance_hint": (
        "↑↓ choose, Space marks present or absent; Escape or F2 closes.",
        "↑↓ kies, spatie meldt aanwezig of afwezig; Escape of F2 sluit.",
    ),
    "dialog.history_hint": ("Escape or F5 closes.", "Escape of F5 sluit."),
    "help.title": ("Keys", "Toetsen"),
    "help.close": ("Escape or F1 closes this help.", "Escape of F1 sluit deze hulp."),
    "help.capture": ("Quick capture", "Snel vastleggen"),
    "help.capture_plain": (
        "plain text: a note of this step (in a round: of the person speaking)",
        "gewone tekst: een aantekening bij dit onderdeel (in een ronde: bij wie aan het woord is)",
    ),
    "help.capture_action": (
        "/action <what> @<who> <date>: an action; who and date are optional (a date: 2026-12-31, friday, tomorrow, next week)",
        "/actie <wat> @<wie> <datum>: een actie; wie en datum zijn niet verplicht (een datum: 31-12-2026, 31-12, vrijdag, morgen, volgende week)",
    ),
    "help.capture_concern": ("/concern <text>: a concern", "/zorgpunt <tekst>: een zorgpunt"),
    "help.capture_result": ("/result <text>: a result", "/resultaat <tekst>: een resultaat"),
    "help.capture_question": (
        "/question <text>: an open question, something we do not know yet",
        "/vraag <tekst>: een open vraag, iets wat we nog niet weten",
    ),
    "help.notes": (
        "Tab moves to the list of notes: Enter edits, Delete removes, Escape goes back to typing.",
        "Tab gaat naar de lijst met aantekeningen: Enter bewerkt, Delete verwijdert, Escape gaat terug naar typen.",
    ),
    # bindings (footer and help)
    "key.next_step": ("Next step", "Volgende"),
    "key.previous_step": ("Previous step", "Vorige"),
    "key.save": ("Save", "Opslaan"),
    "key.quit": ("Quit", "Stoppen"),
    "key.help": ("Help", "Hulp"),
    "key.timer": ("Start/pause timer", "Timer start/pauze"),
    "key.add_minute": ("Add a minute", "Minuut erbij"),
    "key.attendance": ("Attendance", "Aanwezigheid"),
    "key.next_speaker": ("Next speaker", "Volgende spreker"),
    "key.previous_speaker": ("Previous speaker", "Vorige spreker"),
    "key.pass": ("Pass", "Passen"),
    "key.toggle_present": ("Present/absent", "Aanwezig/afwezig"),
    "key.edit_note": ("Edit note", "Bewerken"),
    "key.delete_note": ("Delete note", "Verwijderen"),
    "key.back_to_capture": ("Back to typing", "Terug naar typen"),
    "key.speaker_group": ("Speaker", "Spreker"),
    "key.question_group": ("Question", "Vraag"),
    "key.form_step_group": ("Form step", "Stap"),
    "key.vote_group": ("Vote", "Stem"),
    "key.tag_group": ("Mark", "Markeer"),
    "key.vote_up": ("Vote +", "Stem +"),
    "key.vote_down": ("Vote −", "Stem −"),
    "key.sort_votes": ("Sort by votes", "Sorteer op stemmen"),
    "key.tag_known": ("Known", "Bekend"),
    "key.tag_unknown": ("Not yet known", "Nog onbekend"),
    "key.tag_idea": ("Idea", "Idee"),
    "key.follow_up": ("Follow-up", "Opvolging"),
    "key.another_prompt": ("New prompt", "Andere vraag"),
    "key.provocation": ("Provocative question", "Prikkelende vraag"),
    "key.pulse": ("Pulse", "Koers"),
    "key.next_list": ("Next list", "Volgende lijst"),
    "key.presenter": ("Presenter view", "Presentatieweergave"),
    "key.reveal": ("Show/hide facilitator text", "Tekst voor de facilitator tonen/verbergen"),
    "key.theme": ("Next theme", "Volgend thema"),
    "cmd.placeholder": ("Search for a command, a step or a name…", "Zoek een opdracht, een onderdeel of een naam…"),
    "cmd.no_matches": ("Nothing found", "Niets gevonden"),
    "cmd.quit": ("Quit", "Stoppen"),
    "cmd.quit_help": (
        "Save and close copsession (asks first when something is not saved)",
        "copsession opslaan en sluiten (vraagt het eerst als er iets niet is opgeslagen)",
    ),
    "cmd.help": ("Help", "Hulp"),
    "cmd.help_help": ("All keys and capture commands (F1)", "Alle toetsen en invoeropdrachten (F1)"),
    "cmd.maximize": ("Maximise", "Vergroten"),
    "cmd.maximize_help": ("Let the part with the focus fill the screen", "Het deel met de focus schermvullend tonen"),
    "cmd.minimize": ("Restore", "Terugzetten"),
    "cmd.minimize_help": ("Back to the normal layout", "Terug naar de gewone indeling"),
    "cmd.jump": ("Jump to step {number}: {title}", "Ga naar onderdeel {number}: {title}"),
    "cmd.present": ("Mark {name} present", "{name} aanwezig melden"),
    "cmd.absent": ("Mark {name} absent", "{name} afwezig melden"),
    "cmd.add": ("Add participant “{name}”", "Deelnemer ‘{name}’ toevoegen"),
    "cmd.add_help": (
        "Someone who is not on the worksheet joins the meeting",
        "Iemand die niet op het werkblad staat, sluit aan",
    ),
    "cmd.theme": ("Switch theme: {theme}", "Thema kiezen: {theme}"),
    "ui.participant_added": ("{name} joins the meeting.", "{name} sluit aan bij de bijeenkomst."),
    "ui.theme": ("Theme: {theme}", "Thema: {theme}"),
    "ui.how_to_quit": ("To quit, press Ctrl+Q.", "Stoppen doe je met Ctrl+Q."),
    "ui.settings_failed": ("The theme cannot be remembered: {error}", "Het thema kan niet worden onthouden: {error}"),
    # storage: files and folders that cannot be read or written, and why
    "storage.os_error": ("{path}: {reason}", "{path}: {reason}"),
    "storage.not_a_folder": ("{path} exists and is not a folder", "{path} bestaat al en is geen map"),
    "storage.is_folder": ("{path} is a folder, not a file", "{path} is een map, geen bestand"),
    "storage.not_ordinary": (
        "{path} is not an ordinary file (a pipe or a device)",
        "{path} is geen gewoon bestand (maar een pipe of apparaat)",
    ),
    "storage.too_large": ("{path} is larger than {limit} bytes", "{path} is groter dan {limit} bytes"),
    "storage.errno.ENOENT": ("no such file or folder", "dit bestand of deze map bestaat niet"),
    "storage.errno.EACCES": ("no permission", "geen toestemming"),
    "storage.errno.EPERM": ("not allowed", "niet toegestaan"),
    "storage.errno.ENOSPC": ("the disk is full", "de schijf is vol"),
    "storage.errno.EDQUOT": ("the disk quota is used up", "de schijfruimte van je account is op"),
    "storage.errno.EROFS": ("the disk is read-only", "op deze schijf kan alleen worden gelezen"),
    "storage.errno.ENOTDIR": ("part of the path is not a folder", "een deel van het pad is geen map"),
    "storage.errno.EISDIR": ("is a folder", "is een map"),
    "storage.errno.EEXIST": ("already exists", "bestaat al"),
    "storage.errno.ENAMETOOLONG": ("the name is too long", "de naam is te lang"),
    "storage.errno.ELOOP": ("too many symbolic links", "te veel symbolische koppelingen"),
    "storage.errno.EIO": (
        "the disk could not be read or written (input/output error)",
        "de schijf kon niet worden gelezen of beschreven (invoer-/uitvoerfout)",
    ),
    "storage.errno.EMFILE": ("too many open files", "te veel geopende bestanden"),
    "storage.errno.ENXIO": ("no such device", "dit apparaat bestaat niet"),
    "storage.errno.EBUSY": ("in use by another program", "in gebruik door een ander programma"),
    "storage.symlink": (
        "{path}: is a symbolic link; nothing was written",
        "{path}: is een symbolische koppeling; er is niets geschreven",
    ),
    "storage.exists": ("{path}: already exists; nothing was written", "{path}: bestaat al; er is niets geschreven"),
    "plan.file_header": (
        "The plan of this community of practice's meetings, written by `copsession trajectory`.\n"
        "Each meeting's phase says which bundled worksheet `copsession next` starts from.",
        "De planning van de bijeenkomsten van dit traject, gemaakt door "
        "`copsession traject`.\nDe fase van elke bijeenkomst bepaalt met welk meegeleverd werkblad "
        "`copsession volgende` begint.",
    ),
    "plan.too_few": (
        "a trajectory needs at least two meetings: a kick-off and a closing meeting",
        "een traject heeft minstens twee bijeenkomsten: een startbijeenkomst en een slotbijeenkomst",
    ),
    "plan.cadence": (
        "the cadence must be between 1 and 104 weeks, not {weeks}",
        "de tijd tussen twee bijeenkomsten moet 1 tot en met 104 weken zijn, niet {weeks}",
    ),
    "plan.count": (
        "a trajectory has between 2 and {most} meetings, not {count}",
        "een traject moet 2 tot en met {most} bijeenkomsten hebben, niet {count}",
    ),
    "plan.negative": (
        "--extend and --shorten take a number of meetings of 1 or more, not {count}",
        "--extend en --shorten verwachten een aantal bijeenkomsten van 1 of meer, niet {count}",
    ),
    "plan.one_change": ("give either --extend or --shorten, not both", "geef --extend of --shorten, niet allebei"),
    "plan.below_held": (
        "{held} meetings are held already: the plan cannot have fewer, not {count}",
        "er zijn al {held} bijeenkomsten gehouden: de planning kan er niet minder hebben, niet {count}",
    ),
    "plan.start": (
        "the start date must be between {first} and {last}",
        "de startdatum moet tussen {first} en {last} liggen",
    ),
    "plan.none": (
        "{path}: there is no plan yet; make one with `copsession trajectory --start …`",
        "{path}: er is nog geen planning; maak er een met `copsession traject --start …`",
    ),
    "plan.unreadable": ("{path}: is not a readable plan: {what}", "{path}: is geen leesbare planning: {what}"),
    "plan.not_toml": (
        "{path}: is not a readable plan (not valid TOML text)",
        "{path}: is geen leesbare planning (geen geldige TOML-tekst)",
    ),
    "plan.incomplete": (
        "{path}: {what} is missing or not usable; correct it, or make a new plan",
        "{path}: {what} ontbreekt of is niet bruikbaar; herstel dit, of maak een nieuwe planning",
    ),
    "plan.too_long": (
        "{what}: too long ({count} characters, at most {most})",
        "{what}: te lang ({count} tekens, hoogstens {most})",
    ),
    "plan.too_late": (
        "the last meeting would be after {last}; a plan ends by then",
        "de laatste bijeenkomst zou na {last} vallen; een planning eindigt uiterlijk dan",
    ),
    "plan.length": (
        "a meeting lasts 15 to 1440 minutes, not {minutes}",
        "een bijeenkomst duurt 15 tot en met 1440 minuten, niet {minutes}",
    ),
    "plan.other_series": (
        "{path}: this is the plan of '{series}'; a folder holds one plan",
        "{path}: dit is de planning van '{series}'; een map bevat één planning",
    ),
    "plan.exists": (
        "{path}: a plan exists already; change it with --extend or --shorten",
        "{path}: er is al een planning; wijzig die met --extend of --shorten",
    ),
    "plan.bad_time": ("{time!r} is not a time like 14:00", "{time!r} is geen tijd zoals 14:00"),
    "plan.name_it": ("name the trajectory with --series", "geef het traject een naam met --series"),
    "export.no_pandoc": (
        "pandoc is not installed; install it with: pip install pypandoc-binary",
        "pandoc is niet geïnstalleerd; installeer het met: pip install pypandoc-binary",
    ),
    "export.too_slow": (
        "pandoc took longer than {seconds} seconds to write the {format} file",
        "pandoc deed er langer dan {seconds} seconden over om het {format}-bestand te schrijven",
    ),
    "export.not_started": ("pandoc could not be started: {reason}", "pandoc kon niet worden gestart: {reason}"),
    "export.too_big": (
        "the {format} file would need more than {megabytes} MB of memory to write; this document "
        "is too large or too oddly built to export",
        "het {format}-bestand zou meer dan {megabytes} MB geheugen nodig hebben; dit document is te "
        "groot of te vreemd opgebouwd om te exporteren",
    ),
    "export.failed": (
        "pandoc could not write the {format} file: {said}",
        "pandoc kon het {format}-bestand niet schrijven: {said}",
    ),
    "export.no_file": ("{path}: no such file", "{path}: dit bestand bestaat niet"),
    "export.not_ours": (
        "{path} already exists and is not an export of {source}; it was left alone",
        "{path} bestaat al en is geen export van {source}; het is ongewijzigd gelaten",
    ),
    "storage.no_free_name": (
        "{path}: no free name for the session record",
        "{path}: geen vrije naam voor het sessiebestand",
    ),
    # records that cannot be used: every one is left as it is
    "record.gone": ("{path}: is gone", "{path}: is verdwenen"),
    "record.unreadable": ("{problem}; it was left as it is", "{problem}; het is ongewijzigd gelaten"),
    "record.not_utf8": (
        "{path}: is not UTF-8 text; it is damaged and was left as it is",
        "{path}: is geen UTF-8-tekst; het is beschadigd en ongewijzigd gelaten",
    ),
    "record.damaged": ("{path}: is damaged; it was left as it is", "{path}: is beschadigd; het is ongewijzigd gelaten"),
    "record.damaged_at": (
        "{path}: is damaged (unreadable from line {line}, column {column}); it was left as it is",
        "{path}: is beschadigd (onleesbaar vanaf regel {line}, kolom {column}); het is ongewijzigd gelaten",
    ),
    "record.too_deep": (
        "{path}: is nested too deeply to be a session record; it was left as it is",
        "{path}: is te diep genest voor een sessiebestand; het is ongewijzigd gelaten",
    ),
    "record.not_a_record": (
        "{path}: is not a session record; it was left as it is",
        "{path}: is geen sessiebestand; het is ongewijzigd gelaten",
    ),
    "record.bad_worksheet": (
        "{path}: the worksheet inside it is not valid: {problem}",
        "{path}: het werkblad erin is niet geldig: {problem}",
    ),
    "record.incomplete": (
        "{path}: is not a complete session record (a part of it is missing or not usable); it was left as it is",
        "{path}: is geen volledig sessiebestand (een deel ontbreekt of is niet bruikbaar); het is ongewijzigd gelaten",
    ),
    "ui.revealed": ("Facilitator text is shown.", "Tekst voor de facilitator wordt getoond."),
    "ui.hidden": ("Facilitator text is hidden.", "Tekst voor de facilitator is verborgen."),
    "help.capture_private": (
        "/private <text>: a remark only you see (never in the minutes or the brief; F8 shows it)",
        "/prive <tekst>: een opmerking die alleen jij ziet (nooit in verslag of samenvatting; F8 toont die)",
    ),
    "key.next_question": ("Next question", "Volgende vraag"),
    "key.previous_question": ("Previous question", "Vorige vraag"),
    "key.next_form_step": ("Next form step", "Volgende stap"),
    "key.previous_form_step": ("Previous form step", "Vorige stap"),
    # the meeting engine: undo, notices, errors
    "ui.undone": (
        "Undone: {change}. Ctrl+Y does it again.",
        "Ongedaan gemaakt: {change}. Ctrl+Y voert het opnieuw uit.",
    ),
    "ui.redone": ("Done again: {change}.", "Opnieuw uitgevoerd: {change}."),
    "ui.nothing_to_undo": ("Nothing to undo.", "Er is niets om ongedaan te maken."),
    "ui.nothing_to_redo": ("Nothing to redo.", "Er is niets om opnieuw uit te voeren."),
    "ui.deleted_undo": ("{kind} deleted. Ctrl+Z brings it back.", "{kind} verwijderd. Ctrl+Z zet het terug."),
    "ui.note_gone": ("That note is no longer there.", "Die aantekening is er niet meer."),
    "ui.note_moved": ("Moved to {to}.", "Verplaatst naar {to}."),
    "ui.lines_added": (
        "{count} lines added as separate notes. Ctrl+Z takes them all back.",
        "{count} regels toegevoegd als aparte aantekeningen. Ctrl+Z haalt ze allemaal weg.",
    ),
    "ui.name_needs_letters": (
        "A name needs at least one visible letter or digit.",
        "Een naam heeft minstens één zichtbare letter of cijfer nodig.",
    ),
    "ui.name_taken": ("{name} is already a participant.", "{name} is al deelnemer."),
    "ui.read_only": (
        "This window is read-only: the meeting is open in another window.",
        "Dit venster is alleen-lezen: de bijeenkomst is geopend in een ander venster.",
    ),
    "ui.read_only_banner": (
        "READ-ONLY — this meeting is open in another window",
        "ALLEEN-LEZEN — deze bijeenkomst is geopend in een ander venster",
    ),
    "ui.practice_banner": ("PRACTICE — nothing is kept", "OEFENEN — er wordt niets opgeslagen"),
    "ui.intent_failed": (
        "That did not work: copsession ran into an unexpected problem. Nothing is lost and the "
        "meeting goes on. A report for the developers (without meeting content) is in {report}.",
        "Dat lukte niet: copsession liep tegen een onverwacht probleem aan. Er gaat niets verloren en "
        "de bijeenkomst gaat door. Een foutrapport voor de ontwikkelaars (zonder inhoud van de "
        "bijeenkomst) staat in {report}.",
    ),
    "ui.history_dropped": (
        "{count} earlier change(s) of the undo history did not fit this record (it was edited "
        "outside copsession) and were left out: Ctrl+Z goes back as far as the history is sound.",
        "{count} eerdere wijziging(en) in de geschiedenis voor ongedaan maken pasten niet bij dit "
        "record (het is buiten copsession bewerkt) en zijn weggelaten: Ctrl+Z gaat terug zover de "
        "geschiedenis klopt.",
    ),
    "ui.task_failed": (
        "copsession ran into an unexpected problem while {task}. Nothing is lost and the meeting "
        "goes on. A report for the developers (without meeting content) is in {report}.",
        "copsession liep tegen een onverwacht probleem aan bij {task}. Er gaat niets verloren en de "
        "bijeenkomst gaat door. Een foutrapport voor de ontwikkelaars (zonder inhoud van de "
        "bijeenkomst) staat in {report}.",
    ),
    "task.save": ("saving the minutes", "het opslaan van het verslag"),
    "task.history": ("reading the history", "het lezen van de geschiedenis"),
    "task.open": ("opening the unfinished meeting", "het openen van de onafgemaakte bijeenkomst"),
    "task.set_aside": ("setting the unfinished meeting aside", "het opzijzetten van de onafgemaakte bijeenkomst"),
    "task.follow": ("following the other window", "het volgen van het andere venster"),
    "task.settings": ("remembering your setting", "het onthouden van je instelling"),
    "task.plan": ("reading the trajectory's plan", "het lezen van de planning van het traject"),
    "task.suggest": ("completing what you type", "het aanvullen van wat je typt"),
    "task.announce": (
        "telling the audience window about this meeting",
        "het doorgeven van deze bijeenkomst aan het publieksvenster",
    ),
    "task.background": ("a task in the background", "een taak op de achtergrond"),
    "crash.stopped": (
        "copsession ran into an unexpected problem and had to stop. Nothing is lost: the meeting "
        "is saved. Continue with:\n\n    copsession resume --minutes-dir {folder}\n\n"
        "A report for the developers (without meeting content) is in {report}.",
        "copsession liep tegen een onverwacht probleem aan en moest stoppen. Er gaat niets verloren: "
        "de bijeenkomst is opgeslagen. Ga verder met:\n\n    copsession resume --minutes-dir {folder}\n\n"
        "Een foutrapport voor de ontwikkelaars (zonder inhoud van de bijeenkomst) staat in {report}.",
    ),
    "ui.list_mode": (
        "LIST — ↑↓ choose · Enter edits · Delete deletes · +/− vote · Esc or a letter: back to typing",
        "LIJST — ↑↓ kies · Enter bewerkt · Delete verwijdert · +/− stem · Esc of een letter: terug naar typen",
    ),
    "ui.list_mode_short": (
        "LIST — Enter edits · Delete deletes · Esc: typing",
        "LIJST — Enter bewerkt · Delete verwijdert · Esc: typen",
    ),
    "change.step": ("step change", "ander onderdeel"),
    "change.note_added": ("note added", "aantekening toegevoegd"),
    "change.lines_added": ("pasted lines", "geplakte regels"),
    "change.note_edited": ("edit", "bewerking"),
    "change.note_deleted": ("delete", "verwijdering"),
    "change.note_moved": ("move", "verplaatsing"),
    "change.vote": ("vote", "stem"),
    "change.tag": ("mark", "markering"),
    "change.follow_up": ("follow-up", "opvolging"),
    "change.turn": ("turn", "beurt"),
    "change.pass": ("pass", "passen"),
    "change.question": ("question", "vraag"),
    "change.form_step": ("form step", "stap"),
    "change.results_list": ("list", "lijst"),
    "change.person": ("person", "persoon"),
    "change.prompt": ("new prompt", "andere vraag"),
    "change.provocation": ("provocative question", "prikkelende vraag"),
    "change.present": ("present", "aanwezig"),
    "change.absent": ("absent", "afwezig"),
    "change.participant_added": ("participant added", "deelnemer toegevoegd"),
    "change.pulse": ("pulse score", "koersscore"),
    "change.review": ("review", "terugblik"),
    "change.timer": ("timer", "timer"),
    "change.add_minute": ("extra minute", "extra minuut"),
    "note_kind.note": ("Note", "Aantekening"),
    "note_kind.action": ("Action", "Actie"),
    "note_kind.concern": ("Concern", "Zorgpunt"),
    "note_kind.result": ("Result", "Resultaat"),
    "note_kind.question": ("Open question", "Open vraag"),
    "note_kind.private": ("Private remark", "Privéopmerking"),
    "note_kind.takeback": ("Take-back", "Meenemen"),
    "key.undo": ("Undo", "Ongedaan maken"),
    "ui.lock_unusable": (
        "This meeting's lock file cannot be used ({problem}); it opens read-only.",
        "Het slotbestand van deze bijeenkomst is niet bruikbaar ({problem}); ze opent alleen-lezen.",
    ),
    "ui.other_window_closed": (
        "The window that ran this meeting has closed. Quit here and run 'copsession resume' to carry on with it.",
        "Het venster waarin deze bijeenkomst liep, is gesloten. Stop hier en start "
        "'copsession resume' om verder te gaan.",
    ),
    "dialog.quit_draft": (
        "You were typing: “{line}”. Save and quit adds it as a note.",
        "Je was aan het typen: ‘{line}’. Opslaan en stoppen voegt het toe als aantekening.",
    ),
    "dialog.quit_draft_plain": (
        "You were typing: “{line}”. It cannot be read as a command, so Save and quit adds "
        "it word for word as a plain note.",
        "Je was aan het typen: ‘{line}’. Dat is geen geldige opdracht, dus Opslaan en stoppen "
        "voegt het letterlijk toe als gewone aantekening.",
    ),
    "minutes.goals_agreed": ("Shared goal", "Gezamenlijk doel"),
    "minutes.agreements": ("Working agreements", "Werkafspraken"),
    "minutes.decisions": ("Decisions", "Besluiten"),
    "help.capture_goal": (
        "/goal <text>: the shared goal, as the group agrees it (it stays with every later meeting)",
        "/doel <tekst>: het gezamenlijk doel, zoals de groep het afspreekt (het blijft bij elke volgende bijeenkomst)",
    ),
    "help.capture_agreement": (
        "/agreement <text>: a working agreement (shown at every later meeting)",
        "/afspraak <tekst>: een werkafspraak (bij elke volgende bijeenkomst in beeld)",
    ),
    "help.capture_decision": (
        "/decision <text>: something the group decided",
        "/besluit <tekst>: iets wat de groep heeft besloten",
    ),
    "note_kind.goal": ("Goal", "Doel"),
    "note_kind.agreement": ("Agreement", "Afspraak"),
    "note_kind.decision": ("Decision", "Besluit"),
    "kind_short.goal": ("goal", "doel"),
    "kind_short.agreement": ("agreement", "afspraak"),
    "kind_short.question": ("open question", "open vraag"),
    "kind_short.takeback": ("take-back", "meegenomen"),
    "status.question.done": ("answered", "beantwoord"),
    "status.takeback.done": ("taken up", "opgepakt"),
    "status.takeback.open": ("not yet", "nog niet"),
    "status.goal.open": ("in force", "geldt"),
    "status.agreement.open": ("in force", "geldt"),
    "source.expert": ("an expert", "een expert"),
    "source.literature": ("literature", "de literatuur"),
    "source.practice": ("practice", "de praktijk"),
    "phase.kickoff": ("kick-off", "startbijeenkomst"),
    "phase.regular": ("regular meeting", "reguliere bijeenkomst"),
    "phase.expert": ("expert meeting", "expertbijeenkomst"),
    "phase.literature": ("literature meeting", "literatuurbijeenkomst"),
    "phase.reflection": ("reflection", "reflectiebijeenkomst"),
    "phase.midterm": ("mid-term: bringing it home", "tussenbalans: mee terug naar de eigen organisatie"),
    "phase.closing": ("closing meeting", "slotbijeenkomst"),
    "role.core": ("Core group", "Kerngroep"),
    "role.member": ("Members", "Overige deelnemers"),
    "role.expert": ("Experts", "Experts"),
    "role.facilitator": ("Facilitation", "Procesbegeleiding"),
    "trajectory.meeting": ("Meeting {number}", "Bijeenkomst {number}"),
    "trajectory.summary": (
        "{count} meetings, {every}, from {start} to {end}",
        "{count} bijeenkomsten, {every}, van {start} tot en met {end}",
    ),
    "trajectory.every_week": ("every week", "elke week"),
    "trajectory.every_weeks": ("every {weeks} weeks", "om de {weeks} weken"),
    "trajectory.written": (
        "Plan: {plan}\nCalendar to import: {calendar}",
        "Planning: {plan}\nOm te importeren in je agenda: {calendar}",
    ),
    "trajectory.next_header": (
        "The next meeting's worksheet, written by `copsession next` from the previous meeting.\n"
        "Check the steps, the date and the participants, then run it.",
        "Het werkblad van de volgende bijeenkomst, gemaakt door `copsession volgende` op basis van de vorige.\n"
        "Controleer de onderdelen, de datum en de deelnemers en start het dan.",
    ),
    "trajectory.next_written": (
        "Wrote {path} (meeting {number}, {date}, {phase}). Check it with: copsession validate {path}",
        "{path} is geschreven (bijeenkomst {number}, {date}, {phase}). Controleer het met: copsession validate {path}",
    ),
    "trajectory.no_meetings": (
        "No meetings of a trajectory in {folder} yet.",
        "Nog geen bijeenkomsten van een traject in de map {folder}.",
    ),
    "trajectory.which_series": (
        "{folder} holds more than one trajectory; choose one with --series: {names}",
        "{folder} bevat meer dan één traject; kies er één met --series: {names}",
    ),
    "trajectory.kickoff_spread": (
        "the participants come from {count} organisation(s) and {fields} field(s): a CoP needs "
        "people from at least two organisations or fields who together speak for all "
        "important parties.",
        "de deelnemers komen uit {count} organisatie(s) en {fields} werkveld(en): een CoP heeft "
        "mensen uit minstens twee organisaties of werkvelden nodig die samen alle "
        "belangrijke partijen vertegenwoordigen.",
    ),
    "report.title": ("{series}: report of the trajectory", "{series}: rapportage van het traject"),
    "report.period_one": ("One meeting, on {first}.", "Eén bijeenkomst, op {first}."),
    "report.period": (
        "{count} meetings, from {first} to {last}.",
        "{count} bijeenkomsten, van {first} tot en met {last}.",
    ),
    "report.midterm": (
        "An interim report: {held} of the {planned} planned meetings have been held.",
        "Een tussenrapportage: {held} van de {planned} geplande bijeenkomsten zijn gehouden.",
    ),
    "report.question": ("The central question", "De centrale vraag"),
    "report.meetings": ("The meetings", "De bijeenkomsten"),
    "report.people": ("Who took part", "Wie deden er mee"),
    "report.attended": ("{count} of {total} meetings", "{count} van de {total} bijeenkomsten"),
    "report.col_meeting": ("Meeting", "Bijeenkomst"),
    "report.col_date": ("Date", "Datum"),
    "report.col_present": ("Present", "Aanwezig"),
    "report.results": ("Results", "Resultaten"),
    "report.learnt": ("What was learnt", "Wat we hebben geleerd"),
    "report.answered_by": ("answered by {source}", "beantwoord door {source}"),
    "report.actions": ("Actions: done (✓) and still open (○)", "Acties: afgerond (✓) en nog open (○)"),
    "report.takeback": ("What went back into the organisations", "Wat mee terugging naar de eigen organisaties"),
    "report.pulse": ("Are we still on track? The course over time", "Zitten we nog op koers? Het verloop"),
    "report.pulse_line": (
        "Per meeting (1–5): {line}; first {first}, last {last}.",
        "Per bijeenkomst (1–5): {line}; de eerste keer {first}, de laatste keer {last}.",
    ),
    "report.decisions": ("Decisions", "Besluiten"),
    "report.onward": ("How the movement continues", "Hoe de beweging verdergaat"),
    "report.not_decided": ("The group has not decided this yet.", "De groep heeft dit nog niet besloten."),
    "report.none": ("Nothing yet.", "Nog niets."),
    "report.no_goal": ("No shared goal was recorded (/goal).", "Er is geen gezamenlijk doel vastgelegd (/doel)."),
    "report.no_results": ("No results were named yet.", "Er zijn nog geen resultaten benoemd."),
    "report.no_questions": ("No open questions are left.", "Er zijn geen open vragen meer."),
    "report.no_actions": ("No actions were agreed.", "Er zijn geen acties afgesproken."),
    "report.generated": (
        "Report written with copsession, from the meetings' minutes; what people said in the "
        "check-in and concern rounds is not in it.",
        "Rapportage gemaakt met copsession, uit de verslagen van de bijeenkomsten; wat mensen in de "
        "incheckronde en de zorgpuntenronde zeiden, staat er niet in.",
    ),
    "report.written": ("Report: {path}", "Rapportage: {path}"),
    "history.series_line": (
        "{series}: {held}{planned} held; attendance {trend}; open actions: {open}; last pulse {pulse}",
        "{series}: {held}{planned} gehouden; aanwezigen {trend}; open acties: {open}; laatste koers {pulse}",
    ),
    "history.of_planned": (" of {count}", " van de {count}"),
    "history.people": ("Attendance per person", "Aanwezigheid per persoon"),
    "presenter.form_step": ("{form} · step {number} of {total}", "{form} · stap {number} van {total}"),
    "presenter.next": ("Next: {names}", "Daarna: {names}"),
    "recap.title": ("What we agreed", "Wat we hebben afgesproken"),
    "recap.none": ("—", "—"),
    "recap.save_hint": (
        "This is the recap: Ctrl+S saves the minutes, PageUp goes back.",
        "Dit is het overzicht: Ctrl+S slaat het verslag op, PageUp gaat terug.",
    ),
    "key.back_to_step": ("Back", "Terug"),
    "ui.pulse_anonymous": ("Anonymous\nScores given: {count}", "Anoniem\nGegeven scores: {count}"),
    "ui.pulse_hint_anonymous": (
        "1–5 adds a score, 0 takes the last one back, Escape or F3 closes.",
        "1–5 voegt een score toe, 0 haalt de laatste weg, Escape of F3 sluit.",
    ),
    "ui.pulse_anonymous_hint": (
        "Type each score (1–5) as it is given; 0 takes the last one back.",
        "Typ elke score (1–5) zodra die gegeven is; 0 haalt de laatste weg.",
    ),
    "ui.saving": ("Saving the minutes…", "Het verslag wordt opgeslagen…"),
    "minutes.empty_result": ("No results yet.", "Nog geen resultaten."),
    "minutes.empty_action": ("No actions agreed yet.", "Nog geen acties afgesproken."),
    "minutes.empty_concern": ("No concerns noted.", "Geen zorgpunten genoteerd."),
    "minutes.empty_question": ("No open questions noted.", "Geen open vragen genoteerd."),
    "minutes.prompt_numbered": ("Prompt {number}: {prompt}", "Vraag {number}: {prompt}"),
    "minutes.concerns_listed": (
        "The concerns named in this round are listed under {section}.",
        "De zorgpunten uit deze ronde staan onder {section}.",
    ),
    "minutes.passed_turn": ("Passed their turn: {names}.", "Beurt overgeslagen: {names}."),
    "brief.actions": ("Actions agreed", "Afgesproken acties"),
    "brief.empty_learnt": ("Nothing noted yet.", "Nog niets genoteerd."),
    "brief.empty_takeback": (
        "Nobody has named anything to take back yet.",
        "Nog niemand heeft iets genoemd om mee terug te nemen.",
    ),
    "audience.waiting": ("Waiting for the meeting to start…", "Wachten tot de bijeenkomst begint…"),
    "audience.ended": ("The meeting has ended. Thank you!", "De bijeenkomst is afgelopen. Bedankt!"),
    "audience.folder": ("Following the meetings in {folder}", "Volgt de bijeenkomsten in {folder}"),
    "audience.crashed": (
        "The audience window ran into an unexpected problem and stopped; the meeting itself "
        "goes on. Run 'copsession show' again.",
        "Het publieksvenster liep tegen een onverwacht probleem aan en is gestopt; de bijeenkomst "
        "zelf gaat door. Start 'copsession show' opnieuw.",
    ),
    "cli.show_empty_series": ("--series needs the name of a series.", "--series heeft de naam van een traject nodig."),
    "cli.show_which": (
        "Several meetings run in this folder. Which one does the audience window follow?",
        "Er lopen meerdere bijeenkomsten in deze map. Welke volgt het publieksvenster?",
    ),
    "cli.show_number": ("Number (1–{count}): ", "Nummer (1–{count}): "),
    "cli.show_several": (
        "Several meetings run in this folder ({names}): choose one with --series NAME.",
        "Er lopen meerdere bijeenkomsten in deze map ({names}): kies er één met --series NAAM.",
    ),
    "cli.show_open": ("Open the audience window in a browser: {url}", "Open het publieksvenster in een browser: {url}"),
    "cli.show_network": (
        "Anyone who has this link can watch the meeting while this runs; others are refused.",
        "Iedereen met deze link kan de bijeenkomst volgen zolang dit draait; anderen worden geweigerd.",
    ),
    "cli.show_stop": ("Press Ctrl+C to stop.", "Druk op Ctrl+C om te stoppen."),
    "cli.show_needs_web": (
        "'copsession show --web' needs textual-serve: pip install 'copsession[web]'",
        "'copsession show --web' heeft textual-serve nodig: pip install 'copsession[web]'",
    ),
    "cli.show_port": (
        "Port {port} cannot be used ({problem}); choose another with --port.",
        "Poort {port} is niet bruikbaar ({problem}); kies een andere met --port.",
    ),
    "web.closed": (
        "The audience window has closed. Reload the page to open it again.",
        "Het publieksvenster is gesloten. Laad de pagina opnieuw om het weer te openen.",
    ),
    "web.refused": (
        "This audience window needs the link that 'copsession show --web' printed, with its token.",
        "Dit publieksvenster heeft de link nodig die 'copsession show --web' liet zien, met de toegangscode erin.",
    ),
    "web.misdirected": ("This server does not answer for that address.", "Deze server antwoordt niet op dat adres."),
    "web.too_many": ("Too many audience windows are open.", "Er zijn te veel publieksvensters open."),
    "web.bad_request": ("This request cannot be answered.", "Op dit verzoek kan geen antwoord worden gegeven."),
    "cli.bad_date": ("'{text}' is not a date like 2027-01-14", "'{text}' is geen datum zoals 14-01-2027 of 2027-01-14"),
    "cli.warning": ("warning: {text}", "waarschuwing: {text}"),
    "cli.unknown_theme": (
        "warning: unknown theme '{theme}'; choose one of {themes}",
        "waarschuwing: onbekend thema '{theme}'; kies een van {themes}",
    ),
    "cli.needs_terminal": (
        "copsession: a meeting needs a terminal; run it in a terminal window (not with its output redirected)",
        "copsession: een bijeenkomst heeft een terminal nodig; start het in een terminalvenster "
        "(zonder de uitvoer om te leiden)",
    ),
    "cli.brief_no_record": (
        "{path}: no session record in {folder} belongs to these minutes",
        "{path}: geen sessiebestand in {folder} hoort bij dit verslag",
    ),
    "cli.brief_never_saved": (
        "{path}: the minutes of this meeting were never saved; save them first (Ctrl+S)",
        "{path}: het verslag van deze bijeenkomst is nooit opgeslagen; sla het eerst op (Ctrl+S)",
    ),
    "cli.brief_odd_name": (
        "{path}: names the minutes file '{name}', which is not a plain file name; nothing was written",
        "{path}: noemt als verslag '{name}', en dat is geen gewone bestandsnaam; er is niets geschreven",
    ),
    "cli.brief_failed": ("Cannot write the brief: {error}", "De samenvatting kan niet worden geschreven: {error}"),
    "cli.brief_written": ("Brief: {path}", "Samenvatting: {path}"),
    "cli.wrote": ("Wrote {path}", "{path} is geschreven"),
    "cli.new_exists": (
        "{path}: already exists; choose another name (nothing was written)",
        "{path}: bestaat al; kies een andere naam (er is niets geschreven)",
    ),
    "cli.new_symlink": (
        "{path}: is a symbolic link; choose another name (nothing was written)",
        "{path}: is een symbolische koppeling; kies een andere naam (er is niets geschreven)",
    ),
    "cli.new_written": (
        "Wrote {path}. Check it with: copsession validate {path}",
        "{path} is geschreven. Controleer het met: copsession validate {path}",
    ),
    "cli.schema_kept": (
        "note: {path} was already there and was left as it is; 'copsession schema -' prints the current schema",
        "let op: {path} bestond al en is ongewijzigd gelaten; 'copsession schema -' toont het huidige schema",
    ),
    "cli.broken": ("broken: {problem}", "kapot: {problem}"),
    "cli.minutes_saved": ("Minutes: {path}", "Verslag: {path}"),
    "cli.nothing_to_resume": ("No unfinished meeting in {folder}.", "Geen onderbroken bijeenkomst in {folder}."),
    "cli.open_elsewhere": (
        "This meeting is open in another window (process {pid}); it opens read-only here.",
        "Deze bijeenkomst is geopend in een ander venster (proces {pid}); hier opent ze alleen-lezen.",
    ),
    "cli.no_meetings": ("No meetings in {folder}.", "Geen bijeenkomsten in {folder}."),
    "cli.no_meetings_series": (
        "No meetings of the series '{series}' in {folder}.",
        "Geen bijeenkomsten van het traject '{series}' in {folder}.",
    ),
    "cli.crashed": (
        "copsession ran into an unexpected problem and stopped; nothing was changed. "
        "A report for the developers (without meeting content): {report}",
        "copsession liep tegen een onverwacht probleem aan en is gestopt; er is niets gewijzigd. "
        "Een foutrapport voor de ontwikkelaars (zonder inhoud van de bijeenkomst): {report}",
    ),
    "key.move_group": ("Move", "Verplaats"),
    "ui.private_mark": ("private", "privé"),
    "ui.paste_line_error": (
        "Line {line} of the paste: {error} Nothing was added.",
        "Regel {line} van wat je plakte: {error} Er is niets toegevoegd.",
    ),
    "key.redo": ("Redo", "Opnieuw"),
    "key.move_note_down": ("Move note to next", "Naar volgende"),
    "key.move_note_up": ("Move note to previous", "Naar vorige"),
    "dialog.locked_title": (
        "This meeting is open in another window",
        "Deze bijeenkomst is geopend in een ander venster",
    ),
    "dialog.locked_body": (
        "The meeting that started {started} is running in another copsession window "
        "(process {pid}). Only that window can change it. Notes: {notes}; it is at: {step}.",
        "De bijeenkomst die begon op {started} loopt in een ander copsession-venster "
        "(proces {pid}). Alleen dat venster kan haar wijzigen. Aantekeningen: {notes}; "
        "ze is bij: {step}.",
    ),
    "dialog.read_only": ("Open read-only", "Alleen-lezen openen"),
    "dialog.separate": ("Start a separate meeting", "Aparte bijeenkomst beginnen"),
    "dialog.quit": ("Quit", "Stoppen"),
    # worksheet problems (the loader and `copsession validate`): key names, paths, values and TOML words
    # stay as the file has them; only the prose is translated
    "worksheet.unknown_key_close": ("unknown key, did you mean '{close}'?", "onbekende sleutel, bedoel je '{close}'?"),
    "worksheet.unknown_key": ("unknown key (known keys: {known})", "onbekende sleutel (bekende sleutels: {known})"),
    "worksheet.required": ("is required", "is verplicht"),
    "worksheet.not_text": ("must be text, not {type}", "moet tekst zijn, geen {type}"),
    "worksheet.empty": ("must not be empty", "mag niet leeg zijn"),
    "worksheet.nothing_visible": (
        "has no visible text (only control or invisible characters)",
        "bevat geen zichtbare tekst (alleen stuur- of onzichtbare tekens)",
    ),
    "worksheet.too_long": (
        "is too long ({count} characters, at most {limit})",
        "is te lang ({count} tekens, maximaal {limit})",
    ),
    "worksheet.not_one_of": (
        "must be one of {options}, not {value}",
        "moet een van deze waarden zijn: {options} (niet {value})",
    ),
    "worksheet.not_one_of_type": (
        "must be one of {options}, not {type}",
        "moet een van deze waarden zijn: {options} (geen {type})",
    ),
    "worksheet.not_whole_number": ("must be a whole number, not {type}", "moet een geheel getal zijn, geen {type}"),
    "worksheet.between": (
        "must be between {low} and {high}, not {value}",
        "moet tussen {low} en {high} liggen, niet {value}",
    ),
    "worksheet.between_type": (
        "must be between {low} and {high}, not {type}",
        "moet tussen {low} en {high} liggen, geen {type}",
    ),
    "worksheet.not_number": ("must be a number, not {type}", "moet een getal zijn, geen {type}"),
    "worksheet.not_text_list": ("must be a list of texts, not {type}", "moet een lijst met teksten zijn, geen {type}"),
    "worksheet.too_many": (
        "has {count} entries, at most {limit} are allowed",
        "heeft {count} items; er mogen er maximaal {limit} zijn",
    ),
    "worksheet.at_least_one_add": (
        "at least one is required (add a [[{table}]] table)",
        "er moet er minstens één zijn (voeg een tabel [[{table}]] toe)",
    ),
    "worksheet.at_least_one": ("at least one is required", "er moet er minstens één zijn"),
    "worksheet.not_table_list": (
        "must be a list of tables ([[{table}]]), not {type}",
        "moet een lijst met tabellen zijn ([[{table}]]), geen {type}",
    ),
    "worksheet.listed_twice": ("'{value}' is listed twice", "'{value}' staat er twee keer in"),
    "worksheet.not_date": (
        "must be a date like 2026-12-03, not {type}",
        "moet een datum zijn zoals 2026-12-03, geen {type}",
    ),
    "worksheet.not_forms_table": (
        "must be a table of work forms ([forms.my-form]), not {type}",
        "moet een tabel met werkvormen zijn ([forms.mijn-werkvorm]), geen {type}",
    ),
    "worksheet.not_table": ("must be a table, not {type}", "moet een tabel zijn, geen {type}"),
    "worksheet.one_line": ("must be on one line", "moet op één regel staan"),
    "worksheet.invisible_name": (
        "must contain a visible letter or digit",
        "moet minstens één zichtbare letter of cijfer bevatten",
    ),
    "worksheet.duplicate_name": (
        "'{name}' is already used by another participant; names must be unique",
        "'{name}' is al de naam van een andere deelnemer; elke naam mag maar één keer voorkomen",
    ),
    "worksheet.not_time": (
        "must be a time like 14:00:00, not {type}",
        "moet een tijd zijn zoals 14:00:00, geen {type}",
    ),
    "worksheet.time_zone": (
        "must be a local time without a time zone, like 14:00:00",
        "moet een tijd zonder tijdzone zijn, zoals 14:00:00",
    ),
    "worksheet.not_list": ("must be a list, not {type}", "moet een lijst zijn, geen {type}"),
    "worksheet.not_form_step": (
        "must be text or a table with text and minutes, not {type}",
        "moet tekst zijn of een tabel met text en minutes, geen {type}",
    ),
    "worksheet.kind_required": ("is required (one of {kinds})", "is verplicht (een van deze waarden: {kinds})"),
    "worksheet.unknown_form_close": (
        "unknown work form '{form}'; did you mean '{close}'?",
        "onbekende werkvorm '{form}'; bedoel je '{close}'?",
    ),
    "worksheet.unknown_form": (
        "unknown work form '{form}'; known forms: {known}",
        "onbekende werkvorm '{form}'; bekende werkvormen: {known}",
    ),
    "worksheet.required_for_kind": (
        "is required for a {kind} step",
        "is verplicht bij een onderdeel van de soort {kind}",
    ),
    "worksheet.required_for_kind_options": (
        "is required for a {kind} step (one of {options})",
        "is verplicht bij een onderdeel van de soort {kind} (een van deze werkvormen: {options})",
    ),
    "worksheet.only_for_kinds": (
        "only applies to {kinds} steps, not to {kind}",
        "geldt alleen voor onderdelen van de soort {kinds}, niet voor {kind}",
    ),
    "worksheet.and": ("{first} and {last}", "{first} en {last}"),
    "worksheet.type.text": ("text", "tekst"),
    "worksheet.type.whole": ("a whole number", "geheel getal"),
    "worksheet.type.list": ("a list", "lijst"),
    "worksheet.type.table": ("a table", "tabel"),
    "worksheet.type.date": ("a date (YYYY-MM-DD)", "datum (JJJJ-MM-DD)"),
    "worksheet.type.time": ("a time (HH:MM:SS)", "tijd (UU:MM:SS)"),
    "worksheet.type.number": ("a number", "getal met decimalen"),
    "worksheet.type.datetime": ("a date and time", "datum met tijd"),
    "worksheet.type.boolean": ("true/false", "true/false"),
    "worksheet.type.huge": ("a huge number", "heel groot getal"),
    "worksheet.type.huge_negative": ("a huge negative number", "heel groot negatief getal"),
    "worksheet.syntax_at": (
        "line {line}, column {column}: TOML syntax error: {reason}",
        "regel {line}, kolom {column}: TOML-syntaxfout: {reason}",
    ),
    "worksheet.syntax_at_end": (
        "line {line}, column {column} (end of file): TOML syntax error: {reason}",
        "regel {line}, kolom {column} (einde van het bestand): TOML-syntaxfout: {reason}",
    ),
    "worksheet.syntax": ("TOML syntax error: {reason}", "TOML-syntaxfout: {reason}"),
    "worksheet.toml.statement": ("Invalid statement", "ongeldige regel"),
    "worksheet.toml.newline": (
        "Expected newline or end of document after a statement",
        "na een waarde of tabelkop hoort de regel te eindigen",
    ),
    "worksheet.toml.overwrite": ("Cannot overwrite a value", "een waarde kan niet worden overschreven"),
    "worksheet.toml.table_end": ("Expected ']' at the end of a table declaration", "een tabelkop moet eindigen op ']'"),
    "worksheet.toml.array_end": (
        "Expected ']]' at the end of an array declaration",
        "een lijstkop moet eindigen op ']]'",
    ),
    "worksheet.toml.equals": ("Expected '=' after a key in a key/value pair", "na een sleutel hoort '='"),
    "worksheet.toml.key_start": ("Invalid initial character for a key part", "ongeldig eerste teken van een sleutel"),
    "worksheet.toml.unclosed_array": ("Unclosed array", "een lijst is niet afgesloten met ']'"),
    "worksheet.toml.unclosed_table": ("Unclosed inline table", "een tabel tussen accolades is niet afgesloten"),
    "worksheet.toml.backslash": ("Unescaped '\\' in a string", "losse '\\' in een tekst"),
    "worksheet.toml.hex": ("Invalid hex value", "ongeldige hexadecimale waarde"),
    "worksheet.toml.scalar": (
        "Escaped character is not a Unicode scalar value",
        "de escapecode is geen geldig Unicode-teken",
    ),
    "worksheet.toml.unterminated": ("Unterminated string", "een tekst is niet afgesloten met een aanhalingsteken"),
    "worksheet.toml.datetime": ("Invalid date or datetime", "ongeldige datum of datum met tijd"),
    "worksheet.toml.value": ("Invalid value", "ongeldige waarde"),
    "worksheet.toml.twice": ("Cannot declare {name} twice", "{name} staat twee keer in het bestand"),
    "worksheet.toml.immutable": (
        "Cannot mutate immutable namespace {name}",
        "{name} kan hier niet meer worden aangevuld",
    ),
    "worksheet.toml.redefine": ("Cannot redefine namespace {name}", "{name} kan niet opnieuw worden gedefinieerd"),
    "worksheet.toml.duplicate": (
        "Duplicate inline table key {name}",
        "sleutel {name} staat twee keer in dezelfde tabel",
    ),
    "worksheet.toml.found_invalid": ("Found invalid character {char}", "ongeldig teken {char}"),
    "worksheet.toml.illegal": ("Illegal character {char}", "ongeldig teken {char}"),
    "worksheet.toml.expected": ("Expected {expected}", "hier hoort {expected}"),
    "worksheet.file_too_big": (
        "the file is {size} bytes; a worksheet may be at most {limit} bytes",
        "het bestand is {size} bytes; een werkblad mag maximaal {limit} bytes zijn",
    ),
    "worksheet.not_utf8": (
        "the file is not UTF-8 text (bad byte at position {position})",
        "het bestand is geen UTF-8-tekst (ongeldige byte op positie {position})",
    ),
    "worksheet.no_file": ("no such file", "dit bestand bestaat niet"),
    "worksheet.is_folder": ("is a folder, not a worksheet file", "is een map, geen werkbladbestand"),
    "worksheet.not_regular": (
        "is not an ordinary file (a pipe or a device); a worksheet is a .toml file",
        "is geen gewoon bestand (maar een pipe of een apparaat); een werkblad is een .toml-bestand",
    ),
    "worksheet.larger_than": (
        "the file is larger than {limit} bytes; a worksheet may be at most {limit} bytes",
        "het bestand is groter dan {limit} bytes; een werkblad mag maximaal {limit} bytes zijn",
    ),
    "worksheet.unreadable": ("cannot be read: {reason}", "kan niet worden gelezen: {reason}"),
    "worksheet.text_too_long": ("the text is longer than {limit} characters", "de tekst is langer dan {limit} tekens"),
    "worksheet.too_deep": (
        "TOML cannot be read: it is nested too deeply",
        "TOML is niet te lezen: er zitten te veel niveaus in elkaar",
    ),
    "worksheet.toml_unreadable": ("TOML cannot be read: {reason}", "TOML is niet te lezen: {reason}"),
    "worksheet.too_many_digits": ("a number in it has too many digits", "er staat een getal in met te veel cijfers"),
    "worksheet.validate_ok": (
        "{name}: ok — {title}, {steps}, {minutes} min",
        "{name}: in orde — {title}, {steps}, {minutes} min",
    ),
    "worksheet.validate_step": ("1 step", "1 onderdeel"),
    "worksheet.validate_steps": ("{count} steps", "{count} onderdelen"),
    "worksheet.validate_warning": ("{name}: warning: {warning}", "{name}: waarschuwing: {warning}"),
}

LANGUAGES = ("en", "nl")


class Catalog:
    """Looks texts up in one language."""

    def __init__(self, language: str = "en") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self._index = LANGUAGES.index(language)

    def __call__(self, key: str, **values: object) -> str:
        text = MESSAGES[key][self._index]
        return text.format(**values) if values else text

    def first(self, *keys: str, **values: object) -> str:
        """The text of the first of ``keys`` the catalog has (a specific word, then a general one)."""
        for key in keys[:-1]:
            if key in MESSAGES:
                return self(key, **values)
        return self(keys[-1], **values)
