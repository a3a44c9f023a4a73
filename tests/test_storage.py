"""File names and writes: safe slugs, no overwrites, atomic replacement."""

import os
from datetime import date

import pytest

from copsession.storage import StorageError, atomic_write, ensure_folder, minutes_path, slugify


@pytest.mark.parametrize(("title", "slug"), [
    ("Positive youth policy", "positive-youth-policy"),
    ("Jeugd & beleid: één aanpak!", "jeugd-beleid-een-aanpak"),
    ("../../etc/passwd", "etc-passwd"),
    ("con", "meeting"),
    ("", "meeting"),
    ("\x1b[31m", "31m"),
    ("Молодёжная политика", "молодежная-политика"),
])
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
