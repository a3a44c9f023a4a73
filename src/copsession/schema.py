"""A JSON Schema of the worksheet format, for editors with a TOML language server.

Taplo (and Even Better TOML in VS Code) read a ``#:schema <path or URL>`` comment
at the top of a TOML file and then check and complete it while it is written.
The loader stays the judge; a test keeps the two in agreement. What a step may hold comes from
the kinds registry (:mod:`copsession.kinds`: its keys and which kinds accept or need them), so a
new kind of step is in the schema as soon as it is registered.
"""

from __future__ import annotations

import json

from copsession.forms import FORMS
from copsession.i18n import languages
from copsession.kinds import KINDS, STEP_KEYS, StepKey, accepting, step_kinds
from copsession.worksheet import EXPORT_FORMATS, MAX_ITEMS, MAX_TEXT, ORDERS, PHASES, ROLES

SCHEMA_FILE = "worksheet.schema.json"
SCHEMA_FILES = {"en": SCHEMA_FILE, "nl": "werkblad.schema.json"}
"""The schema's file name beside a new worksheet, by the worksheet's language."""


def _text(description: str, **extra) -> dict:
    return {"type": "string", "maxLength": MAX_TEXT, "description": description, **extra}


def _texts(description: str) -> dict:
    return {
        "type": "array",
        "maxItems": MAX_ITEMS,
        "items": {"type": "string", "maxLength": MAX_TEXT},
        "description": description,
    }


def _key_schema(key: StepKey, form_ids: list[str]) -> dict:
    """What the schema says of one step key: its value, and which kinds take it."""
    kinds = accepting(key.name)
    description = f"{', '.join(kinds).capitalize()}: {key.description}" if kinds else key.description
    if key.value == "text":
        return _text(description)
    if key.value == "texts":
        return _texts(description)
    if key.value == "minutes":
        return {"type": "number", "minimum": 0.25, "maximum": 60, "description": description}
    if key.value == "order":
        return {"enum": list(ORDERS), "description": description}
    return {"type": "string", "description": f"{description} Built in: {', '.join(form_ids)}.", "examples": form_ids}


def _step_schema(form_ids: list[str]) -> dict:
    """A step: the common keys, every registered key, and per kind what it needs and may not have."""
    properties = {
        "kind": {"enum": list(step_kinds()), "description": "What kind of step this is."},
        "title": _text("The step's title; default per kind and language (a work form: the form's name)."),
        "minutes": {"type": "integer", "minimum": 1, "maximum": 480, "description": "Planned minutes."},
        "guide": _text("A hint only the facilitator sees (revealed with F8)."),
    }
    properties.update({name: _key_schema(key, form_ids) for name, key in STEP_KEYS.items()})
    rules = []
    for name, kind in KINDS.items():
        if kind.required:
            rules.append({"if": {"properties": {"kind": {"const": name}}}, "then": {"required": list(kind.required)}})
    for key in STEP_KEYS:
        rules.append(
            {"if": {"properties": {"kind": {"not": {"enum": accepting(key)}}}}, "then": {"not": {"required": [key]}}}
        )
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", "minutes"],
        "properties": properties,
        "allOf": rules,
    }


def worksheet_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a copsession worksheet."""
    form_ids = sorted(FORMS)
    form_step = {
        "oneOf": [
            {"type": "string", "maxLength": MAX_TEXT},
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["text"],
                "properties": {
                    "text": _text("What the group does in this step.", minLength=1),
                    "minutes": {"type": "integer", "minimum": 1, "maximum": 480},
                },
            },
        ]
    }
    step = _step_schema(form_ids)
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
            "language": {"enum": list(languages()), "description": "Language of the screens and the minutes."},
            "central_question": _text("The question the group works on.", minLength=1, pattern=r"\S"),
            "goals": _texts("What the group wants to achieve."),
            "date": {"type": "string", "format": "date", "description": "The meeting's date (a TOML date)."},
            "start": {"type": "string", "format": "partial-time", "description": "Start time (a TOML local time)."},
            "end": {
                "type": "string",
                "format": "partial-time",
                "description": "Latest end time; `copsession plan` warns when the agenda runs past it.",
            },
            "pulse": {
                "enum": ["named", "anonymous"],
                "description": 'anonymous: "are we still on track?" is scored without names.',
            },
            "phase": {
                "enum": list(PHASES),
                "description": "Where this meeting stands in the trajectory: "
                "kickoff, regular, expert, literature, reflection, midterm or closing.",
            },
            "export": {
                "type": "array",
                "uniqueItems": True,
                "items": {"enum": list(EXPORT_FORMATS)},
                "description": "Documents written beside the minutes and the brief at every save.",
            },
            "location": _text("Where the group meets."),
            "facilitator": _text("Who facilitates."),
            "cadence_weeks": {
                "type": "integer",
                "minimum": 1,
                "maximum": 104,
                "description": "Weeks between meetings; proposes the next date.",
            },
            "participants": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_ITEMS,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name"],
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
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name"],
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
