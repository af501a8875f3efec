"""Report renderers: ``text`` for people, ``json`` as a stable contract."""
