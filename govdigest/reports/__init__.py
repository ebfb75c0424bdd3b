"""What leaves the chat as files: exports (XLSX, CSV) and charts (PNG), built from the cache.

No aiogram here: the bot and the CLI pass in the wording (sheet names, headers, chart titles)
from ``govdigest.bot.texts.reports``.
"""
