"""Widgets of the meeting screens."""
