"""The command line on PostgreSQL: ``DATABASE_URL`` set, everything goes to the server.

Real processes (the installed ``govdigest`` script), a real PostgreSQL server (``pg_server``).
"""

from __future__ import annotations

from pathlib import Path

from govdigest.storage import Database, Repos
from tests.conftest import SEEDS_DIR
from tests.test_processes_hardening import free_port, govdigest


async def test_ingest_stores_the_seeds_in_postgresql_not_in_a_file(
    tmp_path: Path, pg_url: str
) -> None:
    sqlite_path = tmp_path / "unused.sqlite3"
    done = govdigest(
        tmp_path, "ingest", str(SEEDS_DIR), DATABASE_URL=pg_url, DATABASE_PATH=str(sqlite_path)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not sqlite_path.exists()
    db = await Database.open(pg_url)
    try:
        repos = Repos.over(db)
        assert await repos.posts.count() > 0
        assert await repos.cache.mission_count() > 0
        assert await repos.cache.quote_count() > 0
        assert (await repos.ops.last_refresh()) is not None
    finally:
        await db.close()
    again = govdigest(tmp_path, "ingest", str(SEEDS_DIR), DATABASE_URL=pg_url)
    assert again.returncode == 0, again.stdout + again.stderr


def test_an_unreachable_database_server_exits_non_zero_without_the_password(
    tmp_path: Path,
) -> None:
    url = f"postgresql://govdigest:SECRETpw@127.0.0.1:{free_port()}/govdigest"
    done = govdigest(tmp_path, "ingest", str(SEEDS_DIR), DATABASE_URL=url)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "govdigest stopped" in output
    assert "SECRETpw" not in output
