"""Reading back what the app produced: Markdown sections and table rows, and what a screen shows."""

from __future__ import annotations

from markdown_it import MarkdownIt


def sections(md: MarkdownIt, text: str) -> dict[str, list[str]]:
    """Headings (any level) mapped to the plain text of the blocks under them, from parsed Markdown."""
    tokens = md.parse(text)
    result: dict[str, list[str]] = {}
    current = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            current = tokens[i + 1].content
            result.setdefault(current, [])
            i += 3
            continue
        if token.type == "hr":
            current = ""  # a rule closes the last section
        if token.type == "inline" and current:
            result[current].append(token.content)
        i += 1
    return result


def table_rows(md: MarkdownIt, text: str, header_cell: str) -> list[list[str]]:
    """The rows of the first table whose header has ``header_cell``, as the renderer parsed them."""
    tokens = md.parse(text)
    rows: list[list[str]] = []
    row: list[str] = []
    in_table = False
    found = False
    for token in tokens:
        if token.type == "table_open":
            in_table, rows = True, []
        elif token.type == "table_close":
            in_table = False
            if found:
                return rows
        elif in_table and token.type == "tr_open":
            row = []
        elif in_table and token.type == "tr_close":
            rows.append(row)
        elif in_table and token.type == "inline":
            row.append(token.content)
            if token.content == header_cell:
                found = True
    return []


def unescape(md: MarkdownIt, inline: str) -> str:
    """What a reader sees of an inline Markdown snippet: render it and strip the paragraph.

    A web or mail address the renderer wrote as a link reads as the address itself; any other
    markup stays in the result (so a ``*`` that became emphasis shows up as ``<em>``)."""
    import html
    import re

    rendered = re.sub(r'<a href="[^"]*">|</a>', "", md.renderInline(inline))
    return html.unescape(rendered)


def screen_text(app) -> str:
    """The characters on the app's screen now, line by line, read from its SVG screenshot."""
    return "\n".join(svg_lines(app.export_screenshot()))


def svg_lines(svg: str) -> list[str]:
    """The lines of characters in a Textual SVG screenshot, top to bottom."""
    import html
    import re

    lines: dict[str, list[str]] = {}
    for y, content in re.findall(r'<text[^>]*\by="([0-9.]+)"[^>]*>(.*?)</text>', svg):
        lines.setdefault(y, []).append(html.unescape(re.sub(r"<[^>]+>", "", content)))
    ordered = sorted(lines.items(), key=lambda item: float(item[0]))
    return ["".join(parts).replace("\xa0", " ") for _, parts in ordered]


def shown(widget) -> str:
    """The text a Static-like widget (or a TextLines) shows now."""
    from copsession.ui.widgets.lines import TextLines

    return widget.plain if isinstance(widget, TextLines) else str(widget.render())


async def type_line(pilot, text: str) -> None:
    """Type ``text`` into the focused capture box (as one quick burst, see :func:`press_quickly`)
    and press Enter."""
    await press_quickly(pilot, [*text, "enter"])
    await pilot.pause()


async def save(pilot) -> None:
    """Press Ctrl+S and wait until the minutes are written (that happens in a worker thread)."""
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press_quickly(pilot, keys) -> None:
    """What ``pilot.press(*keys)`` does, with typed characters sent as one burst (as a quick
    typist or a paste over a lagging connection does) and one wait per other key: the same
    picture in a fraction of the time (tests/test_contrast.py proves the two draw the same)."""
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app
    typed = False
    for key in keys:
        if len(key) == 1 and key.isprintable():
            app.post_message(events.Key(_character_to_key(key), key))
            typed = True
            continue
        if typed:
            await pilot.pause()
            typed = False
        app.simulate_key(key)
        await pilot.pause()
    if typed:
        await pilot.pause()


def burst(app, *keys: str) -> None:
    """Keys as a terminal hands them over when they arrive in one read (ssh, tmux, a slow link, a
    text expander): every key is posted to the app at once, none waits for the one before. Each
    argument is a text to type or, in angle brackets, a key: ``burst(app, "quick", "<enter>")``."""
    from textual import events
    from textual.keys import _character_to_key

    for item in keys:
        if item.startswith("<") and item.endswith(">") and len(item) > 2:
            key = item[1:-1]
            app.post_message(events.Key(key, "\r" if key == "enter" else None))
        else:
            for character in item:
                app.post_message(events.Key(_character_to_key(character), character))


async def until(pilot, condition, seconds: float = 15.0) -> bool:
    """Pause until ``condition()`` holds, for at most ``seconds`` of real time (generous: a busy
    machine running four test workers is slow, and the loop ends as soon as it holds). Returns
    whether it held; the caller asserts what it needs."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.05)
    return True
