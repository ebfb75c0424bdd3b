"""/search слова [регион:…] [с:ДД.ММ.ГГГГ] [по:ДД.ММ.ГГГГ]: ranked posts with snippets and
page buttons. The query is lemmatised (nothing else is analysed on a reader's request); the
snippets are cut from the stored text by the lemma stream the index holds."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from govdigest.bot.editing import edit_in_place
from govdigest.bot.reader import reader_zone
from govdigest.bot.texts import search as texts
from govdigest.config import Settings
from govdigest.extraction.language.lemmas import Lemmatiser, snippet
from govdigest.ingest import Ingestor
from govdigest.queries import MAX_QUERY_CHARS, ParsedSearch, hit_lemmas, parse_search
from govdigest.storage import Repos

PAGE_SIZE = 5


class SearchPageCb(CallbackData, prefix="search"):
    search_id: int
    offset: int


async def render(
    repos: Repos,
    lemmatiser: Lemmatiser,
    query: str,
    offset: int,
    tz: tzinfo,
    search_id: int | None,
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of results (or the reason there are none) and its buttons."""
    parsed = parse_search(query, lemmatiser)
    if not isinstance(parsed, ParsedSearch):
        return texts.problem_text(parsed), None
    page = await repos.search.search(parsed.query, offset=offset, limit=PAGE_SIZE)
    if not page.hits and page.total:
        # A button from before posts were deleted: the last page there is now.
        offset = (page.total - 1) // PAGE_SIZE * PAGE_SIZE
        page = await repos.search.search(parsed.query, offset=offset, limit=PAGE_SIZE)
    if not page.hits:
        return texts.nothing_found(query), None
    lemmas = hit_lemmas(parsed)
    hits = [(hit, texts.snippet_html(*snippet(hit.text, hit.stream, lemmas))) for hit in page.hits]
    text = texts.results_page(
        parsed, hits, total=page.total, offset=offset, page_size=PAGE_SIZE, tz=tz
    )
    if search_id is None or page.total <= PAGE_SIZE:
        return text, None
    kb = InlineKeyboardBuilder()
    if offset > 0:
        kb.button(
            text=texts.BTN_PREV,
            callback_data=SearchPageCb(search_id=search_id, offset=max(0, offset - PAGE_SIZE)),
        )
    if offset + PAGE_SIZE < page.total:
        kb.button(
            text=texts.BTN_NEXT,
            callback_data=SearchPageCb(search_id=search_id, offset=offset + PAGE_SIZE),
        )
    return text, kb.as_markup()


async def cmd_search(
    message: Message,
    command: CommandObject,
    repos: Repos,
    settings: Settings,
    ingestor: Ingestor,
) -> None:
    query = " ".join((command.args or "")[:MAX_QUERY_CHARS].split())
    if not query:
        await message.answer(texts.USAGE)
        return
    if await repos.posts.count() == 0:
        await message.answer(texts.NO_POSTS)
        return
    parsed = parse_search(query, ingestor.indexer.lemmatiser)
    if not isinstance(parsed, ParsedSearch):
        await message.answer(texts.problem_text(parsed))  # nothing to save for page buttons
        return
    async with repos.db.transaction():
        search_id = await repos.search.save_query(message.chat.id, query)
    tz = await reader_zone(repos, settings, message.chat.id)
    text, markup = await render(repos, ingestor.indexer.lemmatiser, query, 0, tz, search_id)
    await message.answer(text, reply_markup=markup)


async def on_search_page(
    query: CallbackQuery,
    callback_data: SearchPageCb,
    repos: Repos,
    settings: Settings,
    ingestor: Ingestor,
) -> None:
    chat_id = query.message.chat.id if query.message else query.from_user.id
    saved = await repos.search.saved_query(callback_data.search_id, chat_id)
    if saved is None or not isinstance(query.message, Message):
        await query.answer(texts.SEARCH_GONE, show_alert=True)
        return
    tz = await reader_zone(repos, settings, chat_id)
    text, markup = await render(
        repos,
        ingestor.indexer.lemmatiser,
        saved,
        callback_data.offset,
        tz,
        callback_data.search_id,
    )
    # Answer first: the spinner stops even if the edit below is refused.
    await query.answer()
    await edit_in_place(query.message, text, markup)


def create_router() -> Router:
    """A fresh router per dispatcher: aiogram lets a router have one parent only."""
    router = Router(name=__name__)
    router.message.register(cmd_search, Command("search"))
    router.callback_query.register(
        on_search_page, SearchPageCb.filter((F.offset >= 0) & (F.search_id > 0))
    )
    return router
