"""Fuzzing ingestion (issue 14): any post file or Telegram Desktop export is either stored
whole or rejected with a reason — never an exception out of ``Ingestor.refresh``, never some
of a file's posts stored and the others not.

Each example is written to a fresh folder and ingested into a fresh SQLite file by the real
ingestor and the real extractor.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdigest.extraction.pipeline import Extractor, NlpModels
from govdigest.ingest import Ingestor
from govdigest.sources.files import read_paths
from govdigest.storage import Database, Repos

# Strings that broke ingestion before, mixed with arbitrary ones (lone surrogates included).
NASTY = (
    "\ud800",
    "текст \udfff",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31T23:59:59-14:00",
    "2024-02-30",
    "edited " * 300,
    "Показать еще 1 фото",
    "https://t.me/" + "x" * 5000,
    "#Губернатор #Область",
    "\u200b\u00ad",
    "\r\n\r\n",
    "[" * 50,
)
any_text = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=80),
    st.sampled_from(NASTY),
    st.text(alphabet="Губернатор провёл встречу «Ромашка» 2024.\n", max_size=200),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    any_text,
)
json_value = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)
entity = st.fixed_dictionaries(
    {"type": st.sampled_from(["plain", "hashtag", "link", "bold", "mention"]), "text": any_text}
)
post_object = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(any_text, st.lists(st.one_of(any_text, entity), max_size=4), json_value),
        "title": st.one_of(any_text, json_value),
        "date": st.one_of(any_text, json_value),
        "url": st.one_of(any_text, st.just("https://example.org/a")),
        "channel": any_text,
        "author": any_text,
        "id": st.one_of(st.integers(), any_text, json_value),
    },
)
message = st.fixed_dictionaries(
    {
        "id": st.one_of(st.integers(min_value=-5, max_value=5), any_text, st.none()),
        "type": st.sampled_from(["message", "service", 3]),
        "text": st.one_of(any_text, st.lists(st.one_of(any_text, entity), max_size=4)),
    },
    optional={
        "date": st.one_of(any_text, json_value),
        "date_unixtime": st.one_of(
            st.integers(min_value=-(2**64), max_value=2**64).map(str), any_text
        ),
        "from": any_text,
        "author": any_text,
    },
)
export = st.fixed_dictionaries(
    {"messages": st.lists(st.one_of(message, json_value), max_size=6)},
    optional={
        "name": any_text,
        "type": st.sampled_from(["public_channel", "private_channel", "personal_chat"]),
        "id": st.one_of(st.integers(), any_text, st.booleans()),
        "username": any_text,
    },
)


def as_json(value: Any, ensure_ascii: bool) -> bytes:
    # ensure_ascii spells lone surrogates as \ud800 escapes, the way they reach real files.
    return json.dumps(value, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")


post_file = st.one_of(
    st.tuples(st.just("post.txt"), st.binary(max_size=300)),
    st.tuples(
        st.just("post.md"),
        any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    st.tuples(st.just("post.json"), st.builds(as_json, post_object, st.booleans())),
    st.tuples(
        st.just("list.json"), st.builds(as_json, st.lists(post_object, max_size=4), st.booleans())
    ),
    st.tuples(st.just("result.json"), st.builds(as_json, export, st.booleans())),
    st.tuples(st.just("junk.json"), st.builds(as_json, json_value, st.booleans())),
    st.tuples(st.just("raw.json"), st.binary(max_size=200)),
)


async def ingest_one(models: NlpModels, name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "seeds"
        root.mkdir()
        (root / name).write_bytes(content)
        db = await Database.open(Path(tmp) / "db.sqlite3")
        try:
            ingestor = Ingestor(Repos.over(db), Extractor(models), root=root)
            report = await ingestor.refresh([root], trigger="fuzz")
            expected = read_paths([root], root=root)
            stored = await db.conn.execute_fetchall("SELECT source, source_id FROM posts")
            ids = {(row[0], row[1]) for row in stored}
            if expected.rejected:
                (bad,) = expected.rejected
                assert bad.reason
                assert [(r.path, r.reason) for r in report.rejected][:1] == [
                    (bad.path, bad.reason)
                ]
                assert ids == set()  # nothing of a rejected file
            else:
                (batch,) = expected.batches
                # Every post of the file, each once.
                assert ids == {(p.source, p.source_id) for p in batch.posts}
                assert report.new == len(ids)
                stored_paths = [r.path for r in report.rejected if not r.path.startswith("post ")]
                assert stored_paths == []
        finally:
            await db.close()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(post_file)
def test_any_file_is_stored_whole_or_rejected_with_a_reason(
    nlp_models: NlpModels, case: tuple[str, bytes]
) -> None:
    name, content = case
    asyncio.run(ingest_one(nlp_models, name, content))
