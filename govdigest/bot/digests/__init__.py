"""Daily digests: the every-minute job, building a digest, sending it within Telegram's limits.

``job`` registers the scheduled runs; ``tick`` is one run (due subscribers → claim → build →
send → record); ``build`` turns a window of cached posts into message parts (``splitting``);
``throttle``, ``pacing`` and ``delivery`` send them; ``schedule`` and ``timezones`` say when a
subscriber's digest is due; ``lease`` keeps an instance's claims alive.
"""
