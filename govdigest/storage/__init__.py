"""Persistence on SQLite (aiosqlite) or PostgreSQL (asyncpg): schema, migrations,
repositories. No aiogram."""

from __future__ import annotations

from dataclasses import dataclass

from govdigest.storage.cache import CacheRepo
from govdigest.storage.coordination import CoordinationRepo
from govdigest.storage.db import DATABASE_ERRORS, Database
from govdigest.storage.dossiers import DossiersRepo
from govdigest.storage.exports import ExportsRepo
from govdigest.storage.follows import FollowsRepo
from govdigest.storage.ops import OpsRepo
from govdigest.storage.posts import PostsRepo
from govdigest.storage.search import SearchRepo
from govdigest.storage.sources import ChannelsRepo, SourcesRepo
from govdigest.storage.subscriptions import DeliveriesRepo, SubscribersRepo


@dataclass(frozen=True)
class Repos:
    """All repositories over one database (either backend), built once in the composition
    root."""

    db: Database
    posts: PostsRepo
    cache: CacheRepo
    subscribers: SubscribersRepo
    deliveries: DeliveriesRepo
    ops: OpsRepo
    sources: SourcesRepo
    channels: ChannelsRepo
    follows: FollowsRepo
    search: SearchRepo
    dossiers: DossiersRepo
    exports: ExportsRepo
    coordination: CoordinationRepo

    @classmethod
    def over(cls, db: Database) -> Repos:
        return cls(
            db=db,
            posts=PostsRepo(db),
            cache=CacheRepo(db),
            subscribers=SubscribersRepo(db),
            deliveries=DeliveriesRepo(db),
            ops=OpsRepo(db),
            sources=SourcesRepo(db),
            channels=ChannelsRepo(db),
            follows=FollowsRepo(db),
            search=SearchRepo(db),
            dossiers=DossiersRepo(db),
            exports=ExportsRepo(db),
            coordination=CoordinationRepo(db),
        )


__all__ = ["DATABASE_ERRORS", "Database", "Repos"]
