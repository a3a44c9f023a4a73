"""The expert takes part in the expert meeting's check-in with a question of their own, and the
sources a literature or expert meeting notes (/source, /bron) reach the minutes, the brief and the
trajectory's report — in English and Dutch."""

from __future__ import annotations

import pytest

from copsession.bundled import find_bundled
from copsession.i18n import Catalog
from copsession.kinds import kind_of
from copsession.series import summarise
from copsession.trajectory import render_report
from mdhelpers import sections
from meetings import new_meeting, say


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_expert_takes_part_in_the_expert_meetings_check_in(language):
    worksheet = find_bundled(f"expert.{language}").load()
    expert = next(p.name for p in worksheet.participants if p.role == "expert")
    meeting = new_meeting(worksheet)
    for person in worksheet.participants:
        meeting.set_present(person.name, True)
    meeting.go_to(0)
    record = meeting.record
    assert expert in record.steps[0].order
    step = worksheet.steps[0]
    assert step.expert_prompt and kind_of(step).prompt_for(record, 0, expert) == step.expert_prompt
    member = next(p.name for p in worksheet.participants if p.role != "expert")
    assert kind_of(step).prompt_for(record, 0, member) != step.expert_prompt


@pytest.mark.parametrize("language", ["en", "nl"])
def test_sources_reach_the_minutes_the_brief_and_the_report(language, md):
    from datetime import datetime

    from copsession.brief import render_brief
    from copsession.minutes import render_minutes
    from copsession.recordfile import to_doc

    worksheet = find_bundled(f"literature.{language}").load()
    meeting = new_meeting(worksheet)
    meeting.go_to(0)
    word = "/source" if language == "en" else "/bron"
    say(meeting, f"{word} Jansen (2024), Safe schools, a review", f"{word} GGD report on youth health 2025")
    record = meeting.record
    minutes = render_minutes(record, ended=datetime(2027, 3, 4, 16), mono=0.0)
    heading = {"en": "Sources", "nl": "Bronnen"}[language]
    found = sections(md, minutes)
    assert found[heading] == ["Jansen (2024), Safe schools, a review", "GGD report on youth health 2025"]
    assert sections(md, render_brief(record))[heading] == found[heading]
    summary = summarise(to_doc(record, 0.0, finished=True, minutes_file="m.md", saved=datetime(2027, 3, 4, 17)))
    assert summary["sources"] == found[heading]
    report = render_report([summary], Catalog(language))
    title = {"en": "Sources we used", "nl": "Bronnen die we gebruikten"}[language]
    assert [line.split(" *(")[0] for line in sections(md, report)[title]] == found[heading]
