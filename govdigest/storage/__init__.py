"""aiosqlite persistence: schema, migrations, repositories. No aiogram."""

from __future__ import annotations

from dataclasses import dataclass

from govdigest.storage.cache import CacheRepo
from govdigest.storage.coordination import CoordinationRepo
from govdigest.storage.db import Database
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
    """All repositories over one connection, built once in the composition root."""

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
        conn = db.conn
        return cls(
            db=db,
            posts=PostsRepo(conn),
            cache=CacheRepo(conn),
            subscribers=SubscribersRepo(conn),
            deliveries=DeliveriesRepo(conn),
            ops=OpsRepo(conn),
            sources=SourcesRepo(conn),
            channels=ChannelsRepo(conn),
            follows=FollowsRepo(conn),
            search=SearchRepo(conn),
            dossiers=DossiersRepo(conn),
            exports=ExportsRepo(conn),
            coordination=CoordinationRepo(conn),
        )


__all__ = ["Database", "Repos"]
