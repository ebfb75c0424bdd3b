"""The corpus scorer itself: matching rules, metrics, and the soundness of the annotations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govdigest.extraction.models import Company, Extraction, Mission, PostInput, Quote
from tests.corpus import scoring
from tests.corpus.scoring import Case, ExpectedMission, ExpectedPerson, ExpectedQuote

POST = (
    "Делегация Пермского края в Оренбурге\n"
    "Губернатор Дмитрий Ковригин возглавил делегацию. В её составе ООО «Ромашка» и завод "
    "«Камские насосы».\n"
    "«Мы привезли лучшие предприятия», — сказал губернатор.\n"
    "Сергей Лапшин отметил, что регионы давно дружат.\n"
)


def make_case(**overrides: object) -> Case:
    fields: dict[str, object] = {
        "case_id": "t01",
        "split": "dev",
        "post_path": Path("t01.txt"),
        "text": POST,
        "published": date(2024, 3, 14),
        "author": None,
        "styles": (),
        "mission": ExpectedMission(
            leader=("Дмитрий Ковригин",),
            leader_role=("губернатор Пермского края",),
            delegation_region=("Пермский край",),
            destination=("Оренбургская область", "Оренбург"),
            event=None,
            date=date(2024, 3, 14),
            agreements_min=0,
            directions=("промышленность",),
        ),
        "companies": (("ООО «Ромашка»",), ("завод «Камские насосы»", "Камские насосы")),
        "quotes": (
            ExpectedQuote(("Дмитрий Ковригин",), "direct", "Мы привезли лучшие"),
            ExpectedQuote(("Сергей Лапшин",), "indirect", "регионы давно дружат"),
        ),
        "people": (ExpectedPerson("Дмитрий Ковригин", None),),
    }
    fields.update(overrides)
    return Case(**fields)  # type: ignore[arg-type]


def perfect() -> Extraction:
    return Extraction(
        mission=Mission(
            leader="Дмитрий Ковригин",
            leader_role="губернатор Пермского края",
            delegation_region="Пермский край",
            destination="Оренбург",
            date=date(2024, 3, 14),
            directions=("промышленность",),
        ),
        companies=(Company("ООО «Ромашка»"), Company("завод «Камские насосы»")),
        quotes=(
            Quote("Дмитрий Ковригин", "Мы привезли лучшие предприятия", "direct"),
            Quote("Сергей Лапшин", "регионы давно дружат", "indirect"),
        ),
        people=(),
    )


def report_of(case: Case, extraction: Extraction) -> scoring.Report:
    return scoring.Report(split="dev", posts=[scoring.score_post(case, extraction)])


def test_perfect_prediction_scores_one() -> None:
    result = scoring.score_post(make_case(people=()), perfect())
    assert result.ok, result.diff()
    report = scoring.Report(split="dev", posts=[result]).to_dict()
    for key in ("companies_f1", "direct_quote_f1", "indirect_quote_f1"):
        assert report[key] == 1.0, key
    assert report["speaker_accuracy"] == 1.0
    assert report["leader_accuracy"] == 1.0
    assert report["mission_detection"]["f1"] == 1.0
    assert report["fields"]["destination"]["accuracy"] == 1.0
    assert report["fields"]["date"]["accuracy"] == 1.0
    assert report["directions"]["f1"] == 1.0
    assert report["perfect_posts"] == 1


def test_missing_company_lowers_recall_only() -> None:
    extraction = perfect()
    extraction = Extraction(
        mission=extraction.mission, companies=extraction.companies[:1], quotes=extraction.quotes
    )
    companies = report_of(make_case(), extraction).companies
    assert (companies.tp, companies.fp, companies.fn) == (1, 0, 1)
    assert companies.precision == 1.0
    assert companies.recall == 0.5


def test_extra_and_duplicate_companies_lower_precision() -> None:
    extraction = Extraction(
        companies=(
            Company("ООО «Ромашка»"),
            Company("Камские насосы"),  # an accepted alternative
            Company("Камских насосов"),  # an inflected leftover is not merged
            Company("ООО Ромашка"),  # unmerged duplicate of a matched company
        )
    )
    result = scoring.score_post(make_case(), extraction)
    assert (result.companies.tp, result.companies.fp, result.companies.fn) == (2, 2, 0)
    assert result.extra_companies == ["Камских насосов", "ООО Ромашка"]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ООО «Ромашка»", 'ООО "Ромашка"'),
        ("Ёлкин-Сервис", "елкин – сервис"),
        ("ЭлМетро‑Инжиниринг", "«ЭлМетро-Инжиниринг»"),
        ("завод «СпецАгрегат»", "Завод СпецАгрегат"),
        ("ООО «Агрокомплекс «Озёрный»", "ООО «Агрокомплекс «Озерный»»"),
    ],
)
def test_name_normalisation_equates_spelling_variants(left: str, right: str) -> None:
    assert scoring.normalize_name(left) == scoring.normalize_name(right)


def test_designator_and_legal_form_are_not_dropped() -> None:
    assert scoring.normalize_name("ООО «Ромашка»") != scoring.normalize_name("Ромашка")
    assert scoring.normalize_name("завод «Урал»") != scoring.normalize_name("«Урал»")


def test_null_speaker_against_expected_name_is_wrong() -> None:
    extraction = Extraction(
        quotes=(
            Quote(None, "Мы привезли лучшие предприятия", "direct"),
            Quote("Сергей Лапшин", "регионы давно дружат", "indirect"),
        )
    )
    result = scoring.score_post(make_case(), extraction)
    assert result.quotes["direct"].tp == 1, "the quote itself is found"
    assert result.speaker["direct"].correct == 0
    assert result.speaker["indirect"].correct == 1
    assert result.quotes_attributed.tp == 1
    assert len(result.speaker_errors) == 1
    assert not result.quotes_ok


def test_guessed_speaker_for_unresolvable_quote_is_wrong() -> None:
    case = make_case(quotes=(ExpectedQuote(None, "direct", "Мы привезли лучшие"),))
    guessed = Extraction(quotes=(Quote("Дмитрий Ковригин", "Мы привезли лучшие", "direct"),))
    honest = Extraction(quotes=(Quote(None, "Мы привезли лучшие", "direct"),))
    assert scoring.score_post(case, guessed).speaker["direct"].correct == 0
    assert scoring.score_post(case, honest).speaker["direct"].correct == 1


def test_quote_matching_allows_lead_in_but_not_late_start() -> None:
    assert scoring.quote_matches("регионы давно дружат", "регионы давно дружат.")
    assert scoring.quote_matches(
        "регионы давно дружат", "Сергей Лапшин отметил, что «регионы» давно — дружат"
    )
    late = "слово " * 20 + "регионы давно дружат"
    assert not scoring.quote_matches("регионы давно дружат", late)
    assert not scoring.quote_matches("регионы давно дружат", "регионы дружат давно")


def test_quote_of_wrong_kind_is_a_miss_and_an_extra() -> None:
    extraction = Extraction(
        quotes=(
            Quote("Дмитрий Ковригин", "Мы привезли лучшие предприятия", "indirect"),
            Quote("Сергей Лапшин", "регионы давно дружат", "indirect"),
        )
    )
    result = scoring.score_post(make_case(), extraction)
    assert (result.quotes["direct"].tp, result.quotes["direct"].fn) == (0, 1)
    assert (result.quotes["indirect"].tp, result.quotes["indirect"].fp) == (1, 1)


def test_one_prediction_cannot_match_two_expected_quotes() -> None:
    case = make_case(
        quotes=(
            ExpectedQuote(("Дмитрий Ковригин",), "direct", "Мы привезли"),
            ExpectedQuote(("Дмитрий Ковригин",), "direct", "Мы привезли лучшие"),
        )
    )
    extraction = Extraction(quotes=(Quote("Дмитрий Ковригин", "Мы привезли лучшие", "direct"),))
    counts = scoring.score_post(case, extraction).quotes["direct"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)


def test_matching_is_maximal_not_greedy() -> None:
    # A greedy pass would give the short start's partner to the first expected quote.
    partner = scoring.max_matching(2, 2, lambda i, j: (i, j) in {(0, 0), (0, 1), (1, 0)})
    assert partner == [1, 0]


def test_leader_on_post_without_mission_must_be_null() -> None:
    case = make_case(mission=None)
    assert scoring.score_post(case, Extraction()).leader.ok
    wrong = scoring.score_post(case, perfect())
    assert not wrong.leader.ok
    assert wrong.mission_predicted and not wrong.mission_expected
    assert not wrong.mission_ok
    report = scoring.Report(split="dev", posts=[wrong])
    assert report.mission_detection.fp == 1


def test_leader_errors_are_counted_by_kind() -> None:
    no_mission = make_case(mission=None)
    posts = [
        scoring.score_post(no_mission, perfect()),  # a leader where none is expected
        scoring.score_post(make_case(), Extraction()),  # none where one is expected
        scoring.score_post(make_case(), Extraction(mission=Mission(leader="Сергей Лапшин"))),
        scoring.score_post(make_case(), perfect()),
        scoring.score_post(no_mission, Extraction()),
    ]
    report = scoring.Report(split="dev", posts=posts)
    assert report.leader_errors == {"spurious": 1, "missed": 1, "wrong": 1}
    assert report.to_dict()["leader_errors"] == report.leader_errors
    assert report.leader.correct == 2


def test_leader_name_is_compared_after_normalisation() -> None:
    extraction = Extraction(mission=Mission(leader="дмитрий  ковригин"))
    assert scoring.score_post(make_case(), extraction).leader.ok
    extraction = Extraction(mission=Mission(leader="Дмитрия Ковригина"))
    assert not scoring.score_post(make_case(), extraction).leader.ok


def test_mission_fields_are_scored_only_where_expected() -> None:
    result = scoring.score_post(make_case(), perfect())
    assert "event" not in result.fields  # expected null: not scored
    wrong_date = Extraction(mission=Mission(leader="Дмитрий Ковригин", date=date(2024, 3, 15)))
    result = scoring.score_post(make_case(), wrong_date)
    assert not result.fields["date"].ok
    assert not result.fields["destination"].ok
    assert not result.mission_ok


def test_loose_leader_role() -> None:
    case = make_case(
        mission=ExpectedMission(
            leader=("Дмитрий Ковригин",),
            leader_role=("губернатор Пермского края", "губернатор Прикамья"),
            delegation_region=None,
            destination=None,
            event=None,
            date=None,
            agreements_min=0,
            directions=(),
        )
    )

    def role_ok(role: str | None) -> bool:
        extraction = Extraction(mission=Mission(leader="Дмитрий Ковригин", leader_role=role))
        return scoring.score_post(case, extraction).fields["leader_role"].ok

    assert role_ok("Губернатор Пермского края")
    assert role_ok("губернатора Пермского края")  # same stems
    assert role_ok("губернатор")  # the office without the region
    assert role_ok("глава Прикамья, губернатор")  # most stems of an alternative
    assert not role_ok("мэр Перми")
    assert not role_ok("глава города")
    assert not role_ok(None)


def test_empty_split_reports_no_scores() -> None:
    report = scoring.Report(split="holdout", posts=[]).to_dict()
    assert report["posts"] == 0
    assert report["companies_f1"] is None
    assert report["speaker_accuracy"] is None


def test_extractor_errors_are_recorded_not_raised() -> None:
    def broken(post: PostInput) -> Extraction:
        raise RuntimeError("boom")

    report = scoring.evaluate([make_case()], broken, split="dev")
    assert report.posts[0].error and "boom" in report.posts[0].error
    assert report.to_dict()["errors"] == 1
    with pytest.raises(RuntimeError):
        scoring.evaluate([make_case()], broken, catch_errors=False)


def test_post_input_carries_title_date_and_author() -> None:
    post = make_case(author="Дмитрий Ковригин").post_input()
    assert post.title == "Делегация Пермского края в Оренбурге"
    assert post.published == date(2024, 3, 14)
    assert post.author == "Дмитрий Ковригин"
    assert post.text == POST


# --------------------------------------------------------------------------- the corpus itself

DEV = scoring.load_cases("dev")
SEED = scoring.load_cases("seed")
# A measurement set: only the soundness of its annotations is checked here, never the extractor.
HOLDOUT2 = scoring.load_cases("holdout2")
HOLDOUT3 = scoring.load_cases("holdout3")
HOLDOUT4 = scoring.load_cases("holdout4")
# Written blind from counted real structures (issue 8); aggregate scores only, so its annotations
# are checked here as a whole, without a test id per post.
HOLDOUT7 = scoring.load_cases("holdout7")
# A blind split (holdout8/STRUCTURES.md): same checks as holdout7, as a whole.
HOLDOUT8 = scoring.load_cases("holdout8")
# The newest blind split (holdout9/STRUCTURES.md): same checks as holdout8, as a whole.
HOLDOUT9 = scoring.load_cases("holdout9")


def test_corpus_size_and_coverage() -> None:
    assert len(DEV) >= 44
    assert len(SEED) == 1
    styles = {s for case in DEV for s in case.styles}
    required = {
        "first-person",
        "third-person",
        "list",
        "running-text-companies",
        "visit-into-region",
        "multi-speaker",
        "pronoun-attribution",
        "role-attribution",
        "dash-dialogue",
        "nested-quote",
        "interrupted-quote",
        "indirect-only",
        "no-mission",
        "no-companies",
        "no-quotes",
        "ui-residue",
        "truncated",
        "press-service-speaker",
        "media-byline",
        "lapki",
        "block-quote",
        "seed-style",
    }
    assert required <= styles, sorted(required - styles)
    long_posts = sum(1 for case in DEV if len(case.text) >= 1500)
    assert long_posts >= len(DEV) // 5


@pytest.mark.parametrize(
    "case", DEV + SEED + HOLDOUT2 + HOLDOUT3 + HOLDOUT4, ids=lambda c: c.case_id
)
def test_annotation_is_consistent(case: Case) -> None:
    problems = scoring.check_case(case)
    assert not problems, problems
    if case.mission is not None:
        assert all(d in scoring.CANONICAL_DIRECTIONS for d in case.mission.directions)
        if case.mission.date is not None:
            assert case.mission.date.year == case.published.year


def test_holdout2_size() -> None:
    assert len(HOLDOUT2) >= 30
    assert all(case.split == "holdout2" for case in HOLDOUT2)


def test_holdout3_size() -> None:
    assert len(HOLDOUT3) >= 30
    assert all(case.split == "holdout3" for case in HOLDOUT3)


def test_holdout4_size() -> None:
    assert len(HOLDOUT4) >= 25
    assert all(case.split == "holdout4" for case in HOLDOUT4)


def test_holdout7_size() -> None:
    assert len(HOLDOUT7) == 45
    assert all(case.split == "holdout7" for case in HOLDOUT7)


def test_holdout7_annotations_are_consistent() -> None:
    problems = {case.case_id: scoring.check_case(case) for case in HOLDOUT7}
    assert not {k: v for k, v in problems.items() if v}
    for case in HOLDOUT7:
        if case.mission is not None and case.mission.date is not None:
            assert case.mission.date.year == case.published.year, case.case_id
    # About 30% of a real feed has no mission (issue 8): the split keeps that share.
    without = sum(1 for case in HOLDOUT7 if case.mission is None)
    assert 11 <= without <= 16, without


def test_holdout8_size() -> None:
    assert len(HOLDOUT8) == 30
    assert all(case.split == "holdout8" for case in HOLDOUT8)


def test_holdout8_annotations_are_consistent() -> None:
    problems = {case.case_id: scoring.check_case(case) for case in HOLDOUT8}
    assert not {k: v for k, v in problems.items() if v}
    for case in HOLDOUT8:
        if case.mission is not None and case.mission.date is not None:
            assert case.mission.date.year == case.published.year, case.case_id
    # About a third of the counted real texts were not missions (holdout8/STRUCTURES.md).
    without = sum(1 for case in HOLDOUT8 if case.mission is None)
    assert 8 <= without <= 12, without


def test_holdout9_size() -> None:
    assert len(HOLDOUT9) == 30
    assert all(case.split == "holdout9" for case in HOLDOUT9)


def test_holdout9_annotations_are_consistent() -> None:
    problems = {case.case_id: scoring.check_case(case) for case in HOLDOUT9}
    assert not {k: v for k, v in problems.items() if v}
    for case in HOLDOUT9:
        if case.mission is not None and case.mission.date is not None:
            assert case.mission.date.year == case.published.year, case.case_id
    # About 40% of the counted real texts were not missions (holdout9/STRUCTURES.md); the split
    # keeps a third, as the queries favoured missions.
    without = sum(1 for case in HOLDOUT9 if case.mission is None)
    assert 8 <= without <= 12, without


def test_seed_expectations_follow_issue() -> None:
    (seed,) = SEED
    assert seed.post_path.parent.name == "seeds"
    assert len(seed.companies) == 12
    direct = [q for q in seed.quotes if q.kind == "direct"]
    assert [q.speaker for q in direct].count(("Алексей Текслер",)) == 3
    assert [q.speaker for q in direct].count(("Наталья Комарова",)) == 1
    assert seed.mission is not None
    assert seed.mission.leader == ("Алексей Текслер",)
    assert seed.mission.date == date(2022, 8, 9)


def test_load_rejects_non_canonical_direction(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "expected").mkdir()
    (tmp_path / "posts" / "x.txt").write_text("Заголовок\nТекст", encoding="utf-8")
    (tmp_path / "expected" / "x.json").write_text(
        '{"published": "2024-01-01", "mission": {"leader": "А Б", "directions": ["ИТ"]}}',
        encoding="utf-8",
    )
    with pytest.raises(scoring.CorpusError, match="non-canonical"):
        scoring.load_cases("dev", corpus_dir=tmp_path)
