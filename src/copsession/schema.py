"""A JSON Schema of the worksheet format, for editors with a TOML language server.

Taplo (and Even Better TOML in VS Code) read a ``#:schema <path or URL>`` comment
at the top of a TOML file and then check and complete it while it is written.
The loader stays the judge; a test keeps the two in agreement.
"""

from __future__ import annotations

import json

from copsession.forms import BUILTIN_FORMS
from copsession.worksheet import EXPORT_FORMATS, LANGUAGES, PHASES, MAX_ITEMS, MAX_TEXT, ORDERS, ROLES, STEP_KINDS

SCHEMA_FILE = "worksheet.schema.json"


def _text(description: str, **extra) -> dict:
    return {"type": "string", "maxLength": MAX_TEXT, "description": description, **extra}


def _texts(description: str) -> dict:
    return {"type": "array", "maxItems": MAX_ITEMS, "items": {"type": "string", "maxLength": MAX_TEXT},
            "description": description}


def worksheet_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a copsession worksheet."""
    form_ids = sorted(BUILTIN_FORMS["en"])
    form_step = {
        "oneOf": [
            {"type": "string", "maxLength": MAX_TEXT},
            {"type": "object", "additionalProperties": False, "required": ["text"],
             "properties": {"text": _text("What the group does in this step.", minLength=1),
                            "minutes": {"type": "integer", "minimum": 1, "maximum": 480}}},
        ]
    }
    step = {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", "minutes"],
        "properties": {
            "kind": {"enum": list(STEP_KINDS), "description": "What kind of step this is."},
            "title": _text("The step's title; default per kind and language (a work form: the form's name)."),
            "minutes": {"type": "integer", "minimum": 1, "maximum": 480, "description": "Planned minutes."},
            "prompt": _text("Check-in / concern round: the question each person answers."),
            "prompts": _texts("Check-in: your own bank of prompts to draw from."),
            "order": {"enum": list(ORDERS), "description": "Rounds: speaking order (random is shuffled once)."},
            "turn_minutes": {"type": "number", "minimum": 0.25, "maximum": 60,
                             "description": "Rounds: speaking time per person."},
            "guide": _text("A hint only the facilitator sees (revealed with F8)."),
            "questions": _texts("Exploration: the questions to explore."),
            "provocations": _texts("Exploration: provocative questions to draw from."),
            "form": {"type": "string", "description": f"Work form: a built-in form ({', '.join(form_ids)}) "
                                                      "or the id of a [forms.<id>] table.",
                     "examples": form_ids},
        },
        "allOf": [
            {"if": {"properties": {"kind": {"const": "work-form"}}}, "then": {"required": ["form"]}},
            {"if": {"properties": {"kind": {"not": {"enum": ["check-in", "concern-round"]}}}},
             "then": {"not": {"anyOf": [{"required": [k]} for k in ("prompt", "order", "turn_minutes")]}}},
            {"if": {"properties": {"kind": {"not": {"const": "check-in"}}}},
             "then": {"not": {"required": ["prompts"]}}},
            {"if": {"properties": {"kind": {"not": {"const": "exploration"}}}},
             "then": {"not": {"anyOf": [{"required": ["questions"]}, {"required": ["provocations"]}]}}},
            {"if": {"properties": {"kind": {"not": {"const": "work-form"}}}},
             "then": {"not": {"required": ["form"]}}},
        ],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://copsession.invalid/worksheet.schema.json",
        "title": "copsession worksheet",
        "description": "The agenda of one meeting of a community of practice.",
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "central_question", "participants", "steps"],
        "properties": {
            "title": _text("The community of practice or meeting series.", minLength=1, pattern=r"\S"),
            "meeting": _text("This meeting's subtitle."),
            "series": _text("The series this meeting belongs to (default: the title)."),
            "language": {"enum": list(LANGUAGES), "description": "Language of the screens and the minutes."},
            "central_question": _text("The question the group works on.", minLength=1, pattern=r"\S"),
            "goals": _texts("What the group wants to achieve."),
            "date": {"type": "string", "format": "date", "description": "The meeting's date (a TOML date)."},
            "start": {"type": "string", "format": "partial-time", "description": "Start time (a TOML local time)."},
            "end": {"type": "string", "format": "partial-time",
                    "description": "Latest end time; `copsession plan` warns when the agenda runs past it."},
            "pulse": {"enum": ["named", "anonymous"], "description": "anonymous: \"are we still on track?\" is "
                                                                    "scored without names."},
            "phase": {"enum": list(PHASES), "description": "Where this meeting stands in the trajectory: "
                                                           "kickoff, regular, expert, literature, reflection, midterm or closing."},
            "export": {"type": "array", "uniqueItems": True, "items": {"enum": list(EXPORT_FORMATS)},
                       "description": "Documents written beside the minutes and the brief at every save."},
            "location": _text("Where the group meets."),
            "facilitator": _text("Who facilitates."),
            "cadence_weeks": {"type": "integer", "minimum": 1, "maximum": 104,
                              "description": "Weeks between meetings; proposes the next date."},
            "participants": {
                "type": "array", "minItems": 1, "maxItems": MAX_ITEMS,
                "items": {
                    "type": "object", "additionalProperties": False, "required": ["name"],
                    "properties": {
                        "name": _text("Unique within the worksheet.", minLength=1, pattern=r"\S"),
                        "organisation": _text("Their organisation."),
                        "field": _text("Their discipline or work field."),
                        "role": {"enum": list(ROLES)},
                    },
                },
            },
            "steps": {"type": "array", "minItems": 1, "maxItems": MAX_ITEMS, "items": step},
            "forms": {
                "type": "object",
                "description": "Your own work forms, by id.",
                "additionalProperties": {
                    "type": "object", "additionalProperties": False, "required": ["name"],
                    "properties": {
                        "name": _text("The form's name.", minLength=1, pattern=r"\S"),
                        "purpose": _text("What the form is for."),
                        "materials": _texts("What to bring."),
                        "steps": {"type": "array", "maxItems": MAX_ITEMS, "items": form_step},
                    },
                },
            },
        },
    }


def schema_text() -> str:
    """The schema as pretty JSON."""
    return json.dumps(worksheet_schema(), indent=2, ensure_ascii=False) + "\n"
