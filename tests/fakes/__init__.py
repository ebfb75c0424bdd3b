"""Fakes of the edges govdigest does not own (the Bot API server)."""
