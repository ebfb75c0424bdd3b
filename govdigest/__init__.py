"""govdigest: digests of Russian regional governors' Telegram channel posts."""

__version__ = "0.1.0"
