"""The ``govdigest`` console script in a subprocess, the way a user runs it.

Each run has a clean environment (no ``BOT_TOKEN`` or other setting inherited), works in
``tmp_path`` (so no ``.env`` of the repository is read) and gets ``SEEDS_DIR`` explicitly.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from govdigest.cli import NO_TOKEN
from tests.conftest import DATA_DIR, SEEDS_DIR, SETTING_ENV_NAMES

# Each run starts Python, imports aiogram and loads the NLP models: generous limits on a busy
# machine (a safety net against a hang, not a speed assertion).
pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]

SCRIPT = Path(sys.executable).parent / "govdigest"
CONTRACT_KEYS = {"source", "date", "title", "summary", "mission", "companies", "quotes", "people"}
MISSION_KEYS = {
    "leader",
    "leader_role",
    "delegation_region",
    "destination",
    "event",
    "date",
    "date_text",
    "agreements",
    "directions",
}
SEED_COMPANIES = (
    "Челябинский завод электрооборудования",
    "Южноуральский арматурно-изоляторный завод",
)


def govdigest(
    tmp_path: Path, *args: str, stdin: str = "", seeds: Path = SEEDS_DIR
) -> subprocess.CompletedProcess[str]:
    assert SCRIPT.exists(), f"{SCRIPT} is missing: install the project into the venv"
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTING_ENV_NAMES}
    env.update(
        DATABASE_PATH=str(tmp_path / "data" / "db.sqlite3"),
        SEEDS_DIR=str(seeds),
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run(
        [str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=env,
        timeout=180,
        check=False,
    )


def numbered(text: str) -> list[str]:
    return re.findall(r"^\d+\. (.+)$", text, re.MULTILINE)


def test_chat_in_a_pipe_answers_mission_companies_and_quotes(tmp_path: Path) -> None:
    done = govdigest(tmp_path, "chat", stdin="/mission\n/companies\n/quotes\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Миссия" in out and "Текслер" in out and "«Утро»" in out
    companies = numbered(out)
    assert len(companies) == 12
    for company in SEED_COMPANIES:
        assert company in companies
    assert "Алексей Текслер" in out and "Наталья Комарова" in out
    assert "<b>" not in out and "&quot;" not in out  # plain text, not HTML
    assert (tmp_path / "data" / "db.sqlite3").exists()


def test_run_without_a_token_says_so_in_one_line_and_chats(tmp_path: Path) -> None:
    done = govdigest(tmp_path, "run", stdin="/help\n")
    assert done.returncode == 0, done.stderr
    mentions = [line for line in done.stderr.splitlines() if "BOT_TOKEN" in line]
    assert mentions == [NO_TOKEN]
    assert "/mission — " in done.stdout  # the console chat answered /help


def test_piped_digest_on_a_fresh_database_shows_the_post_without_log_lines(
    tmp_path: Path,
) -> None:
    """Issue 13, finding 9: `printf '/digest\\n' | make run` on a fresh database.

    With a post published just now: the undated seed is not news in a digest (issue 9)."""
    seeds = tmp_path / "fresh_seeds"
    seeds.mkdir()
    post = {
        "text": "Губернатор открыл мост через Уй\nДвижение по мосту открыто сегодня.",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    (seeds / "today.json").write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    done = govdigest(tmp_path, "run", stdin="/digest\n", seeds=seeds)
    assert done.returncode == 0, done.stderr
    assert "новых публикаций нет" not in done.stdout
    assert "1 новая публикация" in done.stdout and "мост через Уй" in done.stdout
    # The answers alone on stdout; the console logs only warnings unless LOG_LEVEL asks.
    assert " INFO " not in done.stdout and " INFO " not in done.stderr


def test_ingest_prints_counts_and_rejected_files(tmp_path: Path) -> None:
    done = govdigest(tmp_path, "ingest", str(DATA_DIR / "posts"), str(DATA_DIR / "bad"))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "new: 5, updated: 0, unchanged: 0, rejected: 4, extracted: 5"
    rejected = {
        Path(m[0]).name: m[1] for m in re.findall(r"^rejected (.+?): (.+)$", done.stdout, re.M)
    }
    assert set(rejected) == {"not_utf8.txt", "broken.json", "empty.txt", "no_text.json"}
    assert "broken JSON" in rejected["broken.json"]

    again = govdigest(tmp_path, "ingest", str(DATA_DIR / "posts"))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        "new: 0, updated: 0, unchanged: 5, rejected: 0, extracted: 0"
    ]


def test_extract_json_follows_the_contract_in_input_order(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(SEEDS_DIR / "000_70c9ae3a1101e023.txt", inputs / "b_seed.txt")
    shutil.copy(DATA_DIR / "export" / "result.json", inputs / "a_export.json")
    done = govdigest(
        tmp_path, "extract", "--json", str(inputs / "b_seed.txt"), str(inputs / "a_export.json")
    )
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert isinstance(records, list)
    # The seed first (as given), then one object per message of the export.
    # Sources are paths from the working directory (the subprocess runs in tmp_path).
    assert [r["source"] for r in records] == [
        "inputs/b_seed.txt",
        "inputs/a_export.json#2",
        "inputs/a_export.json#3",
        "inputs/a_export.json#4",
    ]
    assert [r["date"] for r in records] == [None, "2024-03-04", "2024-03-05", "2024-03-06"]
    for record in records:
        assert set(record) == CONTRACT_KEYS
        assert set(record["mission"]) == MISSION_KEYS
        assert all(set(c) == {"name", "kind", "mentions"} for c in record["companies"])
        assert all(set(q) == {"speaker", "speaker_role", "text", "kind"} for q in record["quotes"])
        assert all(q["kind"] in {"direct", "indirect"} for q in record["quotes"])
        assert all(set(p) == {"name", "role"} for p in record["people"])
    seed = records[0]
    assert len(seed["companies"]) == 12
    assert {q["speaker"] for q in seed["quotes"]} >= {"Алексей Текслер", "Наталья Комарова"}
    assert not (tmp_path / "data").exists()  # no database touched


def test_extract_honours_author_for_first_person_posts(tmp_path: Path) -> None:
    post = str(DATA_DIR / "first_person" / "report.txt")
    without = json.loads(govdigest(tmp_path, "extract", "--json", post).stdout)
    with_author = json.loads(
        govdigest(tmp_path, "extract", "--json", "--author", "Игорь Светлов", post).stdout
    )
    assert without[0]["mission"]["leader"] != "Игорь Светлов"
    assert with_author[0]["mission"]["leader"] == "Игорь Светлов"
    assert [q["speaker"] for q in with_author[0]["quotes"]] == ["Игорь Светлов"]


def test_extract_plain_text_and_rejected_files(tmp_path: Path) -> None:
    done = govdigest(
        tmp_path, "extract", str(DATA_DIR / "posts" / "forum_note.md"), str(DATA_DIR / "bad")
    )
    assert done.returncode == 1
    # The file lies outside the working directory, so its source is its absolute path.
    first, second = done.stdout.splitlines()[:2]
    assert first == f"== {(DATA_DIR / 'posts' / 'forum_note.md').resolve().as_posix()}"
    assert second.startswith("Заголовок: Форум «Речной берег»")
    assert re.search(r"^rejected .*broken\.json: broken JSON", done.stderr, re.MULTILINE)
