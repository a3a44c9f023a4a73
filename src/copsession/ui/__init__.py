"""The Textual user interface: app, screens, dialogs and widgets on top of the pure core."""
