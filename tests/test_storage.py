"""File names and writes: safe slugs, no overwrites, atomic replacement."""

import os
from datetime import date
from pathlib import Path

import pytest

from copsession.storage import StorageError, atomic_write, ensure_folder, minutes_path, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Positive youth policy", "positive-youth-policy"),
        ("Jeugd & beleid: één aanpak!", "jeugd-beleid-een-aanpak"),
        ("../../etc/passwd", "etc-passwd"),
        ("con", "meeting"),
        ("", "meeting"),
        ("\x1b[31m", "31m"),
        ("Молодёжная политика", "молодежная-политика"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_slug_is_bounded():
    assert len(slugify("x" * 500)) <= 60


def test_minutes_path_never_takes_an_existing_file(tmp_path):
    first = minutes_path(tmp_path, date(2026, 12, 3), "CoP")
    assert first.name == "2026-12-03-cop.md"
    first.write_text("x")
    second = minutes_path(tmp_path, date(2026, 12, 3), "CoP")
    assert second.name == "2026-12-03-cop-2.md"
    second.write_text("x")
    assert minutes_path(tmp_path, date(2026, 12, 3), "CoP").name == "2026-12-03-cop-3.md"


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "m.md"
    atomic_write(target, "one")
    atomic_write(target, "two ✓")
    assert target.read_text(encoding="utf-8") == "two ✓"
    assert os.listdir(tmp_path) == ["m.md"]


@pytest.mark.skipif(os.name != "posix", reason="permissions")
def test_unwritable_folder_gives_a_storage_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(StorageError):
            atomic_write(folder / "m.md", "x")
    finally:
        folder.chmod(0o700)


def test_folder_that_is_a_file_is_refused(tmp_path):
    blocker = tmp_path / "minutes"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="not a folder"):
        ensure_folder(blocker)
    with pytest.raises(StorageError):
        ensure_folder(blocker / "sub")


def test_write_into_a_path_that_cannot_be_a_folder_gives_a_storage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="file"):
        atomic_write(blocker / "m.md", "text")


def test_a_dutch_meeting_writes_verslagen_and_a_samenvatting(tmp_path):
    from copsession.storage import brief_path, default_minutes_folder, minutes_stem, write_documents

    assert default_minutes_folder("nl", tmp_path) == Path("verslagen")
    assert default_minutes_folder("en", tmp_path) == Path("minutes")
    path = write_documents(
        tmp_path / "verslagen", date(2026, 12, 3), "CoP Jeugd", "# Verslag\n", "# Samenvatting\n", None, "nl"
    )
    assert path.name == "2026-12-03-cop-jeugd.md"
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "2026-12-03-cop-jeugd-samenvatting.md",
        "2026-12-03-cop-jeugd.md",
    ]
    assert brief_path(path, "en").name == "2026-12-03-cop-jeugd-brief.md"
    assert minutes_stem(brief_path(path, "nl")) == minutes_stem(brief_path(path, "en")) == "2026-12-03-cop-jeugd"
    # a brief of either naming keeps the next meeting on the same day from taking the name
    (tmp_path / "verslagen" / "2026-12-04-cop-brief.md").write_text("x")
    assert minutes_path(tmp_path / "verslagen", date(2026, 12, 4), "CoP").name == "2026-12-04-cop-2.md"


def test_a_series_keeps_the_folder_it_started_in(tmp_path):
    """A trajectory whose meetings are in ./minutes (an English default, or an older version) keeps
    finding them when a Dutch meeting or a Dutch $LANG looks for ./verslagen, and the reverse."""
    from copsession.storage import RECORDS_DIR, default_minutes_folder

    (tmp_path / "minutes" / RECORDS_DIR).mkdir(parents=True)
    assert default_minutes_folder("nl", tmp_path) == Path("minutes")
    (tmp_path / "verslagen").mkdir()
    assert default_minutes_folder("nl", tmp_path) == Path("verslagen")  # its own folder, once it is there
    other = tmp_path / "other"
    (other / "verslagen" / RECORDS_DIR).mkdir(parents=True)
    assert default_minutes_folder("en", other) == Path("verslagen")


def test_storage_problems_are_told_in_the_meetings_language(tmp_path):
    from copsession.storage import StorageError, atomic_write, ensure_folder, read_regular_file

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError) as caught:
        ensure_folder(blocker)
    assert caught.value.told("nl") == f"{blocker} bestaat al en is geen map"
    assert caught.value.told("en") == f"{blocker} exists and is not a folder"
    with pytest.raises(StorageError) as caught:
        atomic_write(blocker / "minutes.md", "x")  # part of the path is a file
    assert caught.value.told("nl") == f"{blocker}: een deel van het pad is geen map"
    assert "Not a directory" in str(caught.value)  # the English text is the operating system's
    with pytest.raises(StorageError) as caught:
        read_regular_file(tmp_path, 10)
    assert caught.value.told("nl") == f"{tmp_path} is een map, geen bestand"
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(StorageError) as caught:
        read_regular_file(big, 1000)
    assert caught.value.told("nl") == f"{big} is groter dan 1.000 bytes"
    assert caught.value.told("en") == f"{big} is larger than 1,000 bytes"
