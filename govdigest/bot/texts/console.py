"""Wording of the command line and the console chat."""

from __future__ import annotations

from typing import Any

CLI_DESCRIPTION = "Дайджест телеграм-каналов губернаторов"
NO_TOKEN = (
    "BOT_TOKEN не задан: запускаю локальный чат в консоли (команды — /help, выход — Ctrl+D)."
)
CONSOLE_BANNER = "govdigest: локальный чат. Команды — /help, выход — Ctrl+D."
CONSOLE_USER_NAME = "Вы"
CONSOLE_LOADING = "Кэш пуст: загружаю публикации из {seeds}, затем читаю команды…"
FILE_SENT = "[файл {name}, {size} байт: в Telegram он пришёл бы документом или фото]"

MISSION_LABELS = (
    ("leader", "Кто"),
    ("leader_role", "Должность"),
    ("delegation_region", "Делегация"),
    ("destination", "Куда"),
    ("event", "Событие"),
    ("date", "Когда"),
)


def plain_record(record: dict[str, Any]) -> str:
    """One ``extract`` record (the JSON contract) as plain text for a terminal."""
    lines = [
        f"== {record['source']}",
        f"Заголовок: {record['title'] or '—'}",
        f"Кратко: {record['summary']}",
    ]
    mission = record["mission"]
    lines += [f"{label}: {mission[key]}" for key, label in MISSION_LABELS if mission.get(key)]
    lines += [f"Подписано: {agreement}" for agreement in mission.get("agreements") or []]
    if mission.get("directions"):
        lines.append("Направления: " + ", ".join(mission["directions"]))
    lines += [f"{i}. {c['name']}" for i, c in enumerate(record["companies"], 1)]
    for quote in record["quotes"]:
        mark = "" if quote["kind"] == "direct" else " (косвенно)"
        lines.append(f"— {quote['speaker'] or 'неизвестно'}{mark}: {quote['text']}")
    return "\n".join(lines) + "\n"
