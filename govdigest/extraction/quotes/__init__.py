"""Quotes: quoted spans, layouts of unmarked speech, indirect speech and speaker resolution."""
