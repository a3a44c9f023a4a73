"""copsession: walk a community of practice through one meeting in the terminal.

The package is split in two layers:

* a pure core (``worksheet``, ``forms``, ``record``, ``capture``, ``minutes``,
  ``storage``, ``i18n``, ``clock``) that never imports Textual, and
* a user interface in ``copsession.ui`` built on Textual.
"""

__version__ = "0.1.0"
