"""The one catalog: every text in English and Dutch."""


def test_catalog_has_both_languages_with_the_same_placeholders():
    import string

    from copsession.i18n import MESSAGES

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, (en, nl) in MESSAGES.items():
        assert en.strip() and nl.strip(), key
        assert fields(en) == fields(nl), key
