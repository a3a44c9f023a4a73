"""Made for the shared screen: presenter view, facilitator-only text, themes, the palette, sizes."""

from __future__ import annotations

from copsession.brief import render_brief
from copsession.minutes import render_minutes
from copsession.settings import load_settings
from copsession.ui.app import make_app
from copsession.ui.commands import MeetingCommands, MeetingPalette
from copsession.ui.widgets.presenter import BigClock, PresenterPanel, TimeBar
from copsession.worksheet import parse_worksheet
from mdhelpers import screen_text

SIZE = (80, 24)


def build(worksheet, clock, tmp_path, **kwargs):
    return make_app(worksheet, minutes_dir=tmp_path / "minutes", clock=clock, seed=1, **kwargs)


async def test_presenter_view_shows_prompt_big_timer_speaker_and_notes(small_text, clock, tmp_path):
    ws = parse_worksheet(
        small_text.replace(
            'prompt = "What do you bring today?"', 'prompt = "What do you bring today?"\nturn_minutes = 2'
        )
    )
    app = build(ws, clock, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("pagedown", *"Glad to be here", "enter", "f6")
        await pilot.pause()
        panel = app.screen.query_one(PresenterPanel)
        assert panel.styles.display == "block"
        assert app.screen.query_one("#agenda").styles.display == "none"
        text = screen_text(app)
        assert "What do you bring today?" in text and "Now speaking: Fatima" in text and "• Glad to be here" in text
        assert "Next: Joost, Mirjam" in text  # the next two
        clock.advance(65)
        app.screen.tick()
        clock_widget = app.screen.query_one(BigClock)
        assert clock_widget.value == "08:55" and clock_widget.region.height == 5  # five rows tall from 100×30
        assert "01:05 / 02:00" in screen_text(app)  # the speaker's own time
        bar = app.screen.query_one(TimeBar)
        assert str(bar.render()).count("█") > 0 and not bar.has_class("-warning")
        clock.advance(8 * 60 + 30)  # 25 seconds left: under 5 %
        app.screen.tick()
        await pilot.pause()
        assert bar.has_class("-alert") and clock_widget.has_class("-alert")
        await pilot.press("pagedown", "ctrl+r")  # the view stays on for the next step
        await pilot.pause()
        text = screen_text(app)
        assert (
            "Provocative question" in text
            and "How do we make school safe together?" not in text.split("Provocative question")[0]
        )
        assert "1. Where do children feel unsafe?" in text
        assert "Ctrl+R" not in text  # never a hint for the facilitator
        await pilot.press("pagedown")
        await pilot.pause()
        assert "Rich picture · step 1 of" in screen_text(app)
        await pilot.press("f6")
        await pilot.pause()
        assert not app.presenter and app.screen.query_one("#agenda").styles.display == "block"


async def test_guide_and_private_remarks_are_hidden_until_revealed_and_never_shared(clock, tmp_path, small_text):
    ws = parse_worksheet(
        small_text.replace(
            'prompt = "What do you bring today?"', 'prompt = "What do you bring today?"\nguide = "Ask Joost last"'
        )
    )
    app = build(ws, clock, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("pagedown", *"/private Fatima seems tired", "enter", *"public note", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Ask Joost last" not in text and "Fatima seems tired" not in text and "public note" in text
        await pilot.press("f8")
        await pilot.pause()
        text = screen_text(app)
        assert "Ask Joost last" in text and "Fatima seems tired" in text
    minutes = render_minutes(app.record, ended=clock.now(), mono=0)
    brief = render_brief(app.record)
    assert "Fatima seems tired" not in minutes and "Fatima seems tired" not in brief
    assert "public note" in minutes
    assert app.record.of_kind("private")[0].text == "Fatima seems tired"  # kept in the record


async def test_theme_by_key_is_remembered_and_the_option_wins(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "projector-dark"
        await pilot.press("f9")
        assert app.theme == "projector-light"
        await app.workers.wait_for_complete()  # settings are written off the UI thread
    assert load_settings() == {"theme": "projector-light"}
    again = build(small, clock, tmp_path)
    assert again.theme == "projector-light"
    chosen = build(small, clock, tmp_path, theme="textual-dark")
    assert chosen.theme == "textual-dark"
    async with chosen.run_test(size=SIZE) as pilot:  # --theme is remembered too, after the first frame
        await pilot.pause()
        await chosen.workers.wait_for_complete()
    assert load_settings() == {"theme": "textual-dark"}
    unknown = build(small, clock, tmp_path, theme="no-such-theme")
    assert unknown.theme == "textual-dark"  # an unknown name changes nothing, the remembered theme stays


async def test_command_palette_offers_the_meeting_commands(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        provider = MeetingCommands(app.screen)
        found = {}
        async for hit in provider.search("jump 3"):
            found[str(hit.text)] = hit
        assert "Jump to step 3: Rich picture" in found
        found["Jump to step 3: Rich picture"].command()
        await pilot.pause()
        assert app.record.current == 2

        hits = [h async for h in provider.search("Mirjam")]
        mark = next(h for h in hits if str(h.text) == "Mark Mirjam absent")
        mark.command()
        assert app.record.present["Mirjam"] is False

        hits = [h async for h in provider.search("Noor")]
        add = next(h for h in hits if "Add participant" in str(h.text))
        add.command()
        await pilot.pause()
        assert app.record.worksheet.participant("Noor") is not None and app.record.present["Noor"]

        discovered = [str(h.text) async for h in provider.discover()]
        for expected in ("Start/pause timer", "Presenter view", "Switch theme: projector-light", "Save"):
            assert expected in discovered


async def test_palette_opens_and_runs_a_command_by_keys(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"presenter view")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.presenter


async def test_added_participant_survives_a_resume(small, clock, tmp_path):
    from copsession.recordfile import read_record, record_files

    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.add_participant("Noor")
        await pilot.press("pagedown", *"hello", "enter")
        await pilot.pause()
        app.meeting.stop("test")
    (path,) = record_files(tmp_path / "minutes")
    loaded = read_record(path, 0)
    assert loaded.record.worksheet.participant("Noor") is not None
    assert "Noor" in loaded.record.steps[0].order


async def test_layout_adapts_from_small_to_large(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.has_class("-narrow") and app.screen.query_one("#agenda").styles.display == "none"
        assert app.screen.query_one("#capture").region.bottom <= 19
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert app.has_class("-wide") and not app.has_class("-narrow")
        assert app.screen.query_one("#agenda").region.width == 36
        assert "Now speaking: Fatima" in screen_text(app)


async def test_presenter_view_of_the_results_names_the_person_only_in_the_take_back_list(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["pagedown"] * 6, "f6")
        await pilot.pause()
        assert "Now speaking" not in screen_text(app)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        text = screen_text(app)
        assert "Take back to my organisation" in text and "Now speaking: Fatima" in text


async def test_after_the_last_step_the_group_sees_what_was_agreed_and_saves_from_there(small_text, clock, tmp_path):
    from copsession.ui.screens.recap import RecapScreen
    from mdhelpers import type_line

    ws = parse_worksheet(small_text.replace("date = 2026-12-03", "date = 2026-12-03\ncadence_weeks = 6"))
    app = build(ws, clock, tmp_path)
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.press(*["pagedown"] * 6)
        await type_line(pilot, "A shared map of signals")
        await type_line(pilot, "/decision We meet at the school next time")
        await pilot.press("ctrl+n")
        await type_line(pilot, "Invite the school board @Fatima 2026-12-20")
        await pilot.press("ctrl+n")
        await type_line(pilot, "Tell my team")
        await pilot.press("pagedown")
        await pilot.pause()
        assert isinstance(app.screen, RecapScreen)
        text = screen_text(app)
        for expected in (
            "What we agreed",
            "✓ A shared map of signals",
            "Decisions",
            "⚑ We meet at the school next time",
            "→ Invite the school board",
            "Who: Fatima",
            "Due: 2026-12-20",
            "↩ Fatima: Tell my team",
            "Thursday 14 January 2027",
        ):
            assert expected in text, expected
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Minutes saved to" in screen_text(app)
        await pilot.press("pageup")
        await pilot.pause()
        assert type(app.screen).__name__ == "ResultsScreen" and app.record.current == 5


async def test_an_anonymous_pulse_shows_the_distribution_never_the_names(small_text, clock, tmp_path):
    from copsession.ui.screens.pulse import PulseScreen

    ws = parse_worksheet(
        small_text.replace('title = "Safe at school"', 'title = "Safe at school"\npulse = "anonymous"')
    )
    app = build(ws, clock, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("pagedown", "f3", "4", "3", "5", "2", "0")
        await pilot.pause()
        assert isinstance(app.screen, PulseScreen)
        box = str(app.screen.query_one("#pulse-people").render()) + str(app.screen.query_one("#pulse-chart").render())
        assert "Average 4.0 (3 scores)" in box
        assert "Fatima" not in box and "Joost" not in box
        lines = screen_text(app).splitlines()
        # what the room reads: the count on a line of its own, apart from the chart's score labels
        assert any(line.strip("█ ").startswith("Scores given: 3") for line in lines), lines
        assert not any("given: 3 " in line and "███" in line for line in lines)
        assert any("1–5 adds a score" in line for line in lines)  # the hint fits what the keys do now
        assert sorted(app.record.pulse.values()) == [3, 4, 5] and all(k.startswith("#") for k in app.record.pulse)
    minutes = render_minutes(app.record, ended=clock.now(), mono=clock.monotonic())
    assert "Average: 4.0 (3 scores)" in minutes and "Fatima: 4" not in minutes


async def test_the_pulse_dialog_switches_to_anonymous_with_a(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("pagedown", "f3", "a", "5")
        await pilot.pause()
        assert list(app.record.pulse) == ["#1"]
        assert "Anonymous\nScores given: 1" in str(app.screen.query_one("#pulse-people").render())


def _footer_fits(app) -> list[str]:
    """The footer's keys: all of them on the screen, F1 among them."""
    from textual.widgets._footer import FooterKey

    keys = list(app.screen.query(FooterKey))
    assert keys and all(key.region.right <= app.size.width for key in keys), [
        (key.key_display, key.region) for key in keys
    ]
    assert any(key.key == "f1" for key in keys)
    return [key.key for key in keys]


async def test_at_every_size_the_footer_fits_and_f1_is_always_there(small_nl, clock, tmp_path):
    """At 60 columns the footer keeps what fits and drops the rest (F1 lists every key), instead
    of running off the screen ("f1 Hul"); at 200 columns it shows them all."""
    app = build(small_nl, clock, tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        narrow = _footer_fits(app)
        for _ in small_nl.steps:
            await pilot.press("pagedown")
            await pilot.pause()
            narrow = _footer_fits(app)
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        await pilot.pause()
        wide = _footer_fits(app)
        assert len(wide) > len(narrow)


async def test_a_resize_with_a_dialog_open_lays_out_everything_again(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert app.screen.query_one("#agenda").display
        await pilot.press("f1")
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        help_screen = app.screen
        assert help_screen.region.width == 60 and max(w.region.right for w in help_screen.query("*")) <= 60
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#agenda").styles.display == "none"  # the step screen below re-laid out too
        _footer_fits(app)
        # the current question stays in view while notes are filed under it
        for text in ("first note", "second note", "third note", "fourth note", "fifth note", "sixth note"):
            app.focused.value = text
            await pilot.press("enter")
        await pilot.pause()
        assert "Where do children feel unsafe?" in screen_text(app)


async def test_a_wide_opening_screen_gives_names_and_organisations_room(small, clock, tmp_path):
    app = build(small, clock, tmp_path)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        assert "Fatima (GGD, youth health care)" in screen_text(app)


async def test_the_palette_says_nothing_matches_in_the_meetings_language(small_nl, clock, tmp_path):
    """Said by our own provider (public API), not by patching Textual's palette: Textual's own
    commands (stoppen, hulp) are among ours, so a search that matches nothing says so in Dutch."""
    app = build(small_nl, clock, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        provider = MeetingCommands(app.screen)
        assert [str(h.text) async for h in provider.search("?!7")] == ["Niets gevonden"]
        assert "Stoppen" in [str(h.text) async for h in provider.search("stoppen")]
        await pilot.press("ctrl+p", *"?!7")
        await pilot.pause(0.6)
        shown = screen_text(app)
        assert "Niets gevonden" in shown and "No matches" not in shown
        await pilot.press("enter")  # choosing it closes the palette and does nothing else
        await pilot.pause()
        assert not isinstance(app.screen, MeetingPalette) and app.is_running
