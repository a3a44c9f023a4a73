"""Contrast on the shared screen: every text in the projector themes reaches 7:1 (WCAG 2 AAA).

Each screen of the snapshot tests (same worksheet, same keys) is rendered in-process at 80×24,
in English and in Dutch, in both projector themes. The SVG that Textual exports is read back:
every text run has a colour class (``.terminal-…-r3 { fill: #… }``) and sits on the background
``<rect>`` drawn at the same row and column; the WCAG 2 contrast ratio of the two must be 7:1
or more. Runs of spaces, box-drawing and block characters (borders, scroll and time bars) are
not text; labels, hints, placeholders, footers and buttons are.

To stay fast, one app renders several cases: a screen whose keys begin another's is shot on the
way there (``journeys``); each screen is rendered in one projector theme, switched to the other
and rendered again; typed text goes in as one burst instead of key by key.
``test_shortcuts_render_what_the_snapshot_way_renders`` keeps these giving the snapshot way's
picture. The timer's warning, alert and over-time colours and the "Time's up!" toast are
rendered too, on the working and the presenter view.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from textual.widgets import Input

from copsession.ui.themes import PROJECTOR_DARK, PROJECTOR_LIGHT
from copsession.ui.widgets.timer import StepTimer
from mdhelpers import press_quickly as press
from test_snapshots import SCREENS, build

MINIMUM = 7.0
"""WCAG 2 level AAA for normal text (1.4.6 Contrast, Enhanced)."""
THEMES = (PROJECTOR_DARK.name, PROJECTOR_LIGHT.name)
LANGUAGES = ("en", "nl")
SIZE = (80, 24)

# Rich's export_svg: 20 px characters, 0.61 wide, lines 1.22 high; text baselines at row + 20,
# background rects at row + 1.5
CHAR_WIDTH = 20 * 0.61
LINE_HEIGHT = 20 * 1.22
SVG = "{http://www.w3.org/2000/svg}"
FILL_RULE = re.compile(r"\.([\w-]+)\s*\{\s*fill:\s*([^;}\s]+)")
NOT_TEXT = re.compile(r"[\s\u00a0\u2500-\u259f]*")
"""Whitespace, box drawing (U+2500–257F) and block elements (U+2580–259F): borders and bars."""


def keys_for(screen: str, language: str) -> list[str]:
    """The keys of ``SCREENS``, with the Dutch letter for done on the review (as the snapshots)."""
    if screen == "review" and language == "nl":
        return ["f4", "a"]
    return SCREENS[screen]


# -- colours --------------------------------------------------------------- #

RGB = tuple[float, float, float]


def parse_colour(text: str) -> tuple[RGB, float]:
    """``#rrggbb``, ``#rrggbbaa``, ``#rgb``, ``rgb(…)`` or ``rgba(…)`` → (r, g, b) 0–255 and alpha 0–1."""
    text = text.strip().lower()
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits)
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return (r, g, b), alpha
    match = re.fullmatch(r"rgba?\(([^)]*)\)", text)
    if not match:
        raise ValueError(f"not a colour: {text!r}")
    parts = [p.strip() for p in match.group(1).split(",")]
    alpha = float(parts[3]) if len(parts) > 3 else 1.0
    return (float(parts[0]), float(parts[1]), float(parts[2])), alpha


def over(colour: str, background: RGB) -> RGB:
    """``colour`` as it shows on ``background`` (alpha blended)."""
    rgb, alpha = parse_colour(colour)
    return tuple(c * alpha + b * (1 - alpha) for c, b in zip(rgb, background))  # type: ignore[return-value]


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: RGB, background: RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def hex_of(rgb: RGB) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb)


# -- reading the SVG ------------------------------------------------------- #


@dataclass(frozen=True)
class Run:
    """One text run on the screen and the colours it shows in."""

    row: int
    column: int
    text: str
    foreground: RGB
    background: RGB

    @property
    def ratio(self) -> float:
        return ratio(self.foreground, self.background)

    def __str__(self) -> str:
        return (
            f"row {self.row:>2} col {self.column:>2} {self.text.strip()!r}: {hex_of(self.foreground)} on "
            f"{hex_of(self.background)} = {self.ratio:.2f}:1"
        )


def text_runs(svg: str) -> list[Run]:
    """Every text run of a Rich/Textual SVG export with its colour and the colour behind it."""
    root = ET.fromstring(svg)
    style = "".join(node.text or "" for node in root.iter(f"{SVG}style"))
    fills = dict(FILL_RULE.findall(style))
    # the window's own rect (with the stroke) is the terminal background where a cell has none
    window = next(rect for rect in root.iter(f"{SVG}rect") if rect.get("stroke"))
    default_background, _ = parse_colour(window.get("fill", "#000000"))
    terminal = next(g for g in root.iter(f"{SVG}g") if (g.get("clip-path") or "").endswith("clip-terminal)"))

    backgrounds: dict[int, list[tuple[float, float, str]]] = {}
    for rect in terminal.iter(f"{SVG}rect"):
        if rect.get("fill") is None:
            continue
        row = round((float(rect.get("y", 0)) - 1.5) / LINE_HEIGHT)
        x = float(rect.get("x", 0))
        backgrounds.setdefault(row, []).append((x, x + float(rect.get("width", 0)), rect.get("fill")))

    runs = []
    for node in terminal.iter(f"{SVG}text"):
        text = "".join(node.itertext()).replace("\u00a0", " ")
        row = round((float(node.get("y", 0)) - 20) / LINE_HEIGHT)
        x = float(node.get("x", 0))
        behind = default_background
        for start, end, fill in backgrounds.get(row, ()):
            if start - 0.01 <= x < end - 0.01:
                behind = over(fill, default_background)  # later rects are drawn on top
        colour = node.get("fill") or fills.get(node.get("class", "").split()[0], "#000000")
        runs.append(Run(row, round(x / CHAR_WIDTH), text, over(colour, behind), behind))
    return runs


def is_text(run: Run) -> bool:
    return not NOT_TEXT.fullmatch(run.text)


def too_faint(svg: str, minimum: float = MINIMUM) -> list[Run]:
    """The text runs below ``minimum``."""
    return [run for run in text_runs(svg) if is_text(run) and run.ratio < minimum]


# -- rendering ------------------------------------------------------------- #


async def settle(pilot) -> None:
    """As the snapshot tests: no blinking cursor, no notifications (after a wait for the app, which
    ``press`` ends with and ``run_test`` starts with)."""
    for screen in pilot.app.screen_stack:
        for box in screen.query(Input):
            box.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


async def shoot(pilot, themes=THEMES) -> dict[str, str]:
    """Export the screen in each of ``themes``, the one the app shows first."""
    app = pilot.app
    shots = {}
    for theme in sorted(themes, key=lambda name: name != app.theme):
        if app.theme != theme:
            app.theme = theme  # the note list drops the lines it drew in the old colours
            await pilot.pause()
        shots[theme] = app.export_screenshot()
    return shots


async def screenshots(app, keys, themes=THEMES) -> dict[str, str]:
    """Press ``keys`` and export the screen once per theme (the app starts in the first)."""
    app.theme = themes[0]
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, keys)
        await settle(pilot)
        return await shoot(pilot, themes)


def report(label: str, shots: dict[str, str]) -> list[str]:
    return [f"{label} {theme}: {run}" for theme, svg in shots.items() for run in too_faint(svg)]


# -- the tests ------------------------------------------------------------- #


def test_ratio_matches_wcag_examples() -> None:
    white, black = (255, 255, 255), (0, 0, 0)
    assert ratio(white, black) == pytest.approx(21)
    assert ratio(black, black) == pytest.approx(1)
    assert ratio(parse_colour("#727272")[0], parse_colour("#1d1d1d")[0]) == pytest.approx(3.5, abs=0.05)
    assert ratio(parse_colour("#767676")[0], white) == pytest.approx(4.54, abs=0.01)
    assert over("#ffffff80", black) == pytest.approx((128.0, 128.0, 128.0), abs=0.5)
    assert over("rgba(0,0,0,0.5)", white) == pytest.approx((127.5, 127.5, 127.5))


def test_svg_runs_are_read_with_the_background_under_them() -> None:
    svg = """<svg xmlns="http://www.w3.org/2000/svg"><style>
    .t-r1 { fill: #727272 }
    .t-r2 { fill: #ffffff;font-weight: bold }
    </style>
    <rect fill="#292929" stroke="rgba(255,255,255,0.35)" x="1" y="1" width="99" height="99"/>
    <g transform="translate(9, 41)" clip-path="url(#t-clip-terminal)">
    <rect fill="#1d1d1d" x="0" y="25.9" width="122" height="24.65"/>
    <rect fill="#0d47a1" x="122" y="25.9" width="24.4" height="24.65"/>
    <g class="t-matrix">
    <text class="t-r1" x="12.2" y="44.4" textLength="97.6">Type&#160;here</text>
    <text class="t-r2" x="122" y="44.4" textLength="24.4">OK</text>
    <text class="t-r1" x="0" y="20" textLength="36.6">╭─╮</text>
    </g></g></svg>"""
    runs = text_runs(svg)
    assert [(r.row, r.column, r.text) for r in runs] == [(1, 1, "Type here"), (1, 10, "OK"), (0, 0, "╭─╮")]
    assert hex_of(runs[0].background) == "#1d1d1d" and hex_of(runs[1].background) == "#0d47a1"
    assert hex_of(runs[2].background) == "#292929"  # no cell background: the window's
    assert [r.text for r in too_faint(svg)] == ["Type here"]


def journeys(language: str) -> list[list[str]]:
    """The screens of ``SCREENS`` in groups, each passed through in order by one app: a screen whose
    keys begin another's is shot on the way there (the opening and the break on the way to the
    results), which saves starting an app and pressing the same keys again."""
    keys = {screen: keys_for(screen, language) for screen in SCREENS}
    groups: list[list[str]] = []
    for screen in sorted(SCREENS, key=lambda name: -len(keys[name])):
        for group in groups:
            head = keys[group[-1]]
            shortest = keys[group[0]]
            if len(keys[screen]) < len(shortest) and head[: len(keys[screen])] == keys[screen]:
                group.insert(0, screen)
                break
        else:
            groups.append([screen])
    return groups


JOURNEYS = [(language, group) for language in LANGUAGES for group in journeys(language)]


@pytest.mark.parametrize(
    ("language", "screens"), JOURNEYS, ids=[f"{'+'.join(group)}-{language}" for language, group in JOURNEYS]
)
async def test_every_text_reaches_7_to_1(language: str, screens: list[str], tmp_path) -> None:
    app = build(language, tmp_path)
    app.theme = THEMES[0]
    faint: list[str] = []
    pressed: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        for screen in screens:
            keys = keys_for(screen, language)
            await press(pilot, keys[len(pressed) :])
            pressed = keys
            await settle(pilot)
            faint += report(f"{screen}-{language}", await shoot(pilot))
    assert not faint, f"{len(faint)} text run(s) below {MINIMUM}:1\n" + "\n".join(faint)


def test_every_screen_is_on_a_journey() -> None:
    for language in LANGUAGES:
        groups = journeys(language)
        assert sorted(screen for group in groups for screen in group) == sorted(SCREENS)
        for group in groups:
            for shorter, longer in zip(group, group[1:]):
                assert keys_for(longer, language)[: len(keys_for(shorter, language))] == keys_for(shorter, language)


# the check-in has 10 minutes: 20 % left is a warning, 5 % an alert, then over
TIME_STATES = {"warning": 9 * 60, "alert": 9 * 60 + 45, "over": 11 * 60}
TIMES_UP = "Time's up!"


@pytest.mark.parametrize("theme", THEMES)
async def test_time_warnings_reach_7_to_1(theme: str, tmp_path) -> None:
    """The orange and red timer, the presenter's clock and the "Time's up!" toast: text on, and in,
    a warning colour. (Toasts are on here, unlike in the snapshot tests.)"""
    app = build("en", tmp_path)
    app.theme = theme
    faint: list[str] = []
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press(pilot, ["pagedown"])
        app.clear_notifications()
        elapsed = 0
        for state, seconds in TIME_STATES.items():
            app.clock.advance(seconds - elapsed)
            elapsed = seconds
            app.meeting.tick()  # what the app does four times a second: time's up
            for view in ("working", "presenter"):
                app.screen.tick()  # what the screen does every second: the time shown
                for box in app.screen.query(Input):
                    box.cursor_blink = False
                await pilot.pause()
                assert app.screen.query_one(StepTimer).has_class(f"-{state}")
                assert app.presenter == (view == "presenter")
                svg = app.export_screenshot()
                assert (TIMES_UP in "".join(run.text for run in text_runs(svg))) == (state == "over")
                faint += report(f"{view}-{state}", {theme: svg})
                await press(pilot, ["f6"])
    assert not faint, f"{len(faint)} text run(s) below {MINIMUM}:1\n" + "\n".join(faint)


async def test_shortcuts_render_what_the_snapshot_way_renders(tmp_path, monkeypatch) -> None:
    """The two shortcuts above are sound: typed characters sent as a burst and a switch of theme
    draw exactly what key-by-key typing in an app started in that theme draws (a step with a
    note typed in, on the list that keeps its lines)."""
    keys = ["pagedown", *"Glad to be here", "enter", "down"]
    quick = await screenshots(build("en", tmp_path), keys, themes=THEMES)
    (tmp_path / "slow").mkdir()
    monkeypatch.chdir(tmp_path / "slow")
    app = build("en", tmp_path)
    app.theme = THEMES[1]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()  # the snapshot tests' run_before, exactly
        await settle(pilot)
        slow = app.export_screenshot()
    # the text (a bar's length may differ: the presenter's time bar takes its width on a tick)
    assert [run for run in text_runs(quick[THEMES[1]]) if is_text(run)] == [
        run for run in text_runs(slow) if is_text(run)
    ]
