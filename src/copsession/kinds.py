"""The kinds of step a worksheet may use: one registration per kind.

A step kind is a :class:`StepKind` subclass registered here with :func:`kind`. It says which
worksheet keys the step accepts, whether people take turns, what a plain line in the capture box
becomes, who a note is attributed to, which list of topics a cursor moves through, and which
screen shows it (a dotted path, so that this module never imports the UI). The worksheet loader,
the JSON Schema, the meeting engine, the minutes and the app all ask this registry; adding a kind
is one class here and one screen in ``ui/screens``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from copsession.record import Note, SessionRecord
    from copsession.worksheet import Step

from dataclasses import dataclass

COMMON_KEYS = ("kind", "title", "minutes", "guide")
"""Keys every step accepts."""


@dataclass(frozen=True)
class StepKey:
    """A key a worksheet's step may have: what its value is, and what it means (for the schema).

    ``value`` is ``text`` (one text), ``texts`` (a list of texts), ``minutes`` (minutes of speaking
    time, 0.25–60), ``order`` (a speaking order) or ``form`` (the id of a work form). The loader
    checks the value by it, the JSON Schema describes it by it, and the step keeps it: in the
    :class:`~copsession.worksheet.Step` field of the same name, or else in ``Step.values``."""

    name: str
    value: str
    description: str


STEP_KEYS: dict[str, StepKey] = {}
"""Every key a kind of step may accept besides :data:`COMMON_KEYS`, by name."""


def step_key(name: str, value: str, description: str) -> StepKey:
    """Register a key that kinds of step may accept (see :class:`StepKey`)."""
    if value not in ("text", "texts", "minutes", "order", "form"):
        raise ValueError(f"unknown kind of value {value!r}")
    key = STEP_KEYS[name] = StepKey(name, value, description)
    return key


step_key("prompt", "text", "The question each person answers.")
step_key("prompts", "texts", "Your own bank of prompts to draw from.")
step_key("expert_prompt", "text", "What experts are asked (without it, experts are not in the check-in round).")
step_key("order", "order", "Speaking order (random is shuffled once).")
step_key("turn_minutes", "minutes", "Speaking time per person.")
step_key("questions", "texts", "The questions to explore.")
step_key("provocations", "texts", "Provocative questions to draw from.")
step_key("form", "form", "A built-in work form or the id of a [forms.<id>] table.")


class StepKind:
    """How one kind of step behaves; subclasses override what differs."""

    name: ClassVar[str] = ""
    screen: ClassVar[str] = ""
    """``module:Class`` of the screen that shows this kind."""
    keys: ClassVar[tuple[str, ...]] = ()
    """Worksheet keys this kind accepts besides :data:`COMMON_KEYS`."""
    required: ClassVar[tuple[str, ...]] = ()
    """Keys a step of this kind must have."""
    is_round: ClassVar[bool] = False
    """Each present participant takes a turn."""
    plain_kind: ClassVar[str] = "note"
    """What a plain line in the capture box becomes."""
    show_authors: ClassVar[bool] = True
    minutes_layout: ClassVar[str] = "plain"
    """How the minutes show the step's notes: ``rounds`` (per person), ``topics`` (per question or
    form step), ``plain`` (a list) or ``none`` (nothing, as for a break)."""

    def topics(self, step: Step) -> tuple[str, ...]:
        """The questions or form steps the step's cursor moves through (empty: no cursor)."""
        return ()

    def first_visit(self, record: SessionRecord, index: int) -> dict[str, object]:
        """Step-state fields to set the first time the step opens (the turn order, the prompt)."""
        step = record.worksheet.steps[index]
        return {"prompt": step.prompt} if step.prompt else {}

    def capture_kind(self, record: SessionRecord, index: int, kind: str) -> str:
        """The note kind a parsed line is stored as (``note`` means a plain line)."""
        return self.plain_kind if kind == "note" else kind

    def author(self, record: SessionRecord, index: int, kind: str) -> str:
        """Who a new note of ``kind`` is attributed to."""
        return ""

    def topic(self, record: SessionRecord, index: int) -> int | None:
        """The question or form step a new note belongs to."""
        if self.topics(record.worksheet.steps[index]):
            return record.steps[index].cursor
        return None

    def prepare_line(self, record: SessionRecord, index: int, line: str) -> str:
        """The typed line as the capture parser should read it."""
        return line

    def listed_notes(self, record: SessionRecord, index: int) -> list[Note]:
        """The notes the step's list shows (private remarks included; the screen hides them)."""
        return record.notes_in(index)

    def focus(self, record: SessionRecord, index: int, tr) -> str:
        """What the group looks at in the presenter view."""
        return record.worksheet.steps[index].title


KINDS: dict[str, StepKind] = {}
"""Every registered step kind by name, in registration order (a typical meeting's order)."""


def kind(cls: type[StepKind]) -> type[StepKind]:
    """Register a step kind (a class decorator); every key it accepts must be registered too."""
    unknown = [key for key in cls.keys if key not in STEP_KEYS]
    if unknown:
        raise ValueError(f"step kind {cls.name!r} accepts keys nobody registered: {', '.join(unknown)}")
    KINDS[cls.name] = cls()
    return cls


def kind_of(step: Step) -> StepKind:
    """The registered behaviour of ``step``."""
    return KINDS[step.kind]


class RoundKind(StepKind):
    """A step in which each present participant takes a turn."""

    is_round = True
    keys: ClassVar[tuple[str, ...]] = ("prompt", "turn_minutes", "order")
    minutes_layout = "rounds"

    def first_visit(self, record: SessionRecord, index: int) -> dict[str, object]:
        fields = super().first_visit(record, index)
        fields["order"] = record.round_order(index)
        return fields

    def author(self, record: SessionRecord, index: int, kind: str) -> str:
        return (record.speaker(index) or "") if kind in ("note", "concern", "takeback") else ""

    def focus(self, record: SessionRecord, index: int, tr) -> str:
        step = record.worksheet.steps[index]
        return self.prompt_for(record, index, record.speaker(index)) or step.title

    def prompt_for(self, record: SessionRecord, index: int, name: str | None) -> str:
        """The prompt ``name`` answers in round ``index``."""
        return record.steps[index].prompt or record.worksheet.steps[index].prompt


@kind
class CheckIn(RoundKind):
    """The opening round: each person answers a prompt (the worksheet's, or one drawn from a bank)."""

    name = "check-in"
    screen = "copsession.ui.screens.check_in:CheckInScreen"
    keys = RoundKind.keys + ("prompts", "expert_prompt")

    def first_visit(self, record: SessionRecord, index: int) -> dict[str, object]:
        fields = super().first_visit(record, index)
        step = record.worksheet.steps[index]
        if not step.expert_prompt:  # the check-in's prompt is meant for members: experts are not asked it
            experts = {p.name for p in record.worksheet.participants if p.role == "expert"}
            order = fields["order"]
            assert isinstance(order, list)
            fields["order"] = [name for name in order if name not in experts]
        if not fields.get("prompt"):
            fields["prompt"] = record.draw(index, record.prompt_pool(index))
        return fields

    def prompt_for(self, record: SessionRecord, index: int, name: str | None) -> str:
        """The prompt ``name`` answers: an expert's own, when the step has one."""
        step = record.worksheet.steps[index]
        person = record.worksheet.participant(name) if name else None
        if person is not None and person.role == "expert" and step.expert_prompt:
            return step.expert_prompt
        return record.steps[index].prompt or step.prompt


@kind
class Exploration(StepKind):
    """The central question and its sub-questions, one at a time; provocative questions."""

    name = "exploration"
    screen = "copsession.ui.screens.exploration:ExplorationScreen"
    keys = ("questions", "provocations")
    show_authors = False
    minutes_layout = "topics"

    def topics(self, step: Step) -> tuple[str, ...]:
        return step.questions

    def listed_notes(self, record: SessionRecord, index: int) -> list[Note]:
        topic = self.topic(record, index)
        return [n for n in record.notes_in(index) if topic is None or n.topic == topic]

    def focus(self, record: SessionRecord, index: int, tr) -> str:
        step, state = record.worksheet.steps[index], record.steps[index]
        if step.questions:
            cursor = min(state.cursor, len(step.questions) - 1)
            return f"{cursor + 1}. {step.questions[cursor]}"
        return record.worksheet.central_question


@kind
class WorkFormKind(StepKind):
    """A creative work form with its own steps; what the group makes is captured per form step."""

    name = "work-form"
    screen = "copsession.ui.screens.work_form:WorkFormScreen"
    keys = ("form",)
    required = ("form",)
    show_authors = False
    minutes_layout = "topics"

    def topics(self, step: Step) -> tuple[str, ...]:
        return tuple(s.text for s in step.form.steps) if step.form is not None else ()

    def focus(self, record: SessionRecord, index: int, tr) -> str:
        step = record.worksheet.steps[index]
        form = step.form
        if form is None or not form.steps:
            return step.title
        cursor = min(record.steps[index].cursor, len(form.steps) - 1)
        return f"{form.name}\n\n{cursor + 1}. {form.steps[cursor].text}"


@kind
class ConcernRound(RoundKind):
    """Each person names what worries them; a plain line is a concern of the person speaking."""

    name = "concern-round"
    screen = "copsession.ui.screens.concern_round:ConcernRoundScreen"
    plain_kind = "concern"


RESULT_LISTS = ("result", "action", "takeback")
"""The three lists of the results step, in the order Ctrl+N moves through them."""


@kind
class Results(StepKind):
    """Results, actions (what, who, when) and what each participant takes back to their organisation.

    The step's ``cursor`` says which list plain lines go to; ``turn`` whose take-back is typed.
    """

    name = "results"
    screen = "copsession.ui.screens.results:ResultsScreen"
    minutes_layout = "none"  # its lists are the minutes' own Results, Actions and Take-back sections

    def mode(self, record: SessionRecord, index: int) -> str:
        return RESULT_LISTS[record.steps[index].cursor % len(RESULT_LISTS)]

    def person(self, record: SessionRecord, index: int) -> str | None:
        names = record.present_names
        return names[record.steps[index].turn % len(names)] if names else None

    def capture_kind(self, record: SessionRecord, index: int, kind: str) -> str:
        return self.mode(record, index) if kind == "note" else kind

    def author(self, record: SessionRecord, index: int, kind: str) -> str:
        return (self.person(record, index) or "") if kind == "takeback" else ""

    def prepare_line(self, record: SessionRecord, index: int, line: str) -> str:
        stripped = line.strip()
        if self.mode(record, index) == "action" and stripped and not stripped.startswith("/"):
            return "/action " + stripped  # in the action list, every line is an action
        return line

    def listed_notes(self, record: SessionRecord, index: int) -> list[Note]:
        # results and take-backs named anywhere in the meeting are shown here, so the group sees them all;
        # with the results, whatever else was typed in this step (a /decision, a /goal, a /question)
        mode = self.mode(record, index)
        if mode != "result":
            return record.of_kind(mode)
        here = [n for n in record.notes_in(index) if n.kind not in RESULT_LISTS]
        return sorted(record.of_kind("result") + here, key=lambda n: n.id)

    def focus(self, record: SessionRecord, index: int, tr) -> str:
        return tr(
            {"result": "ui.list_results", "action": "ui.list_actions", "takeback": "ui.list_takeback"}[
                self.mode(record, index)
            ]
        )


@kind
class Break(StepKind):
    """A break: a countdown and the time the meeting continues."""

    name = "break"
    screen = "copsession.ui.screens.break_screen:BreakScreen"
    minutes_layout = "none"

    def focus(self, record: SessionRecord, index: int, tr) -> str:
        return tr("ui.break_title")


def step_kinds() -> tuple[str, ...]:
    """The kinds of step a worksheet may use, in the order of a typical meeting (all registered)."""
    return tuple(KINDS)


def accepting(key: str) -> list[str]:
    """The kinds of step that accept ``key``."""
    return [name for name, k in KINDS.items() if key in k.keys]


def round_kinds() -> tuple[str, ...]:
    """The kinds of step in which each participant takes a turn (what is said there is personal)."""
    return tuple(name for name, k in KINDS.items() if k.is_round)
