"""Summary of a leadership evaluation with 360° answers (issue 18): self, manager, peers and
direct reports per dimension and per expectation; a group too small is not shown at all."""

from __future__ import annotations

from statistics import mean

import pytest
from pilot_helpers import settle, until
from textual.widgets import Static

from pipeline_tui import services
from pipeline_tui.core.profile import BLIND_SPOT, HIDDEN_STRENGTH
from pipeline_tui.records import NewAnswer
from pipeline_tui.tui.screens.conversation import ConversationScreen
from pipeline_tui.tui.steps.summary import SummaryPane
from pipeline_tui.tui.widgets.profile_bars import ProfileBars

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
PEERS = ((4, 3, 4), (4, 4, 5), (3, 4, 4))  # (first expectation, second, the rest) per rater
REPORTS = ((2, 5, 3), (1, 5, 4), (2, 4, 3), (2, 5, 4))


def evaluation(ui_repo, packs, org, *, others: int = 2, comments: bool = True) -> dict:
    """A revealed leadership evaluation at the summary step: the leader rates the first
    expectation 5 (reports see 1.75: a blind spot) and the second 2 (reports 4.75: a hidden
    strength), the manager 3 throughout; three peers, four reports, and `others` others."""
    record = services.start_conversation(ui_repo, packs.default, org.leader.id, kind="evaluation")
    content = services.conversation_content(ui_repo.conversations.detail(record.id))
    ids = [e.id for e in content.ordered_expectations()]
    for index, expectation in enumerate(ids):
        own = {0: 5, 1: 2}.get(index, 3)
        ui_repo.conversations.set_rating(record.id, expectation, "self", score=own)
        ui_repo.conversations.set_rating(record.id, expectation, "manager", score=3)
    answers = []
    for group, raters in (("peer", PEERS), ("report", REPORTS), ("other", PEERS[:others])):
        for number, scores in enumerate(raters):
            for index, expectation in enumerate(ids):
                comment = f"{group} {number} siger noget" if comments and index == 0 else ""
                score = scores[min(index, 2)]
                answers.append(
                    NewAnswer(record.id, group, f"{group}-{number}", expectation, score, comment)
                )
    ui_repo.feedback.import_answers(answers)
    ui_repo.conversations.update(record.id, revealed=True, step="summary")
    return {"id": record.id, "content": content, "ids": ids}


async def open_summary(app, pilot, conversation_id: int) -> SummaryPane:
    await settle(app, pilot)
    app.open_conversation(conversation_id)
    await settle(app, pilot)
    assert isinstance(app.screen, ConversationScreen)
    return app.screen.query_one(SummaryPane)


async def test_four_series_per_dimension(make_app, org, ui_repo, packs) -> None:
    made = evaluation(ui_repo, packs, org)
    content, ids = made["content"], made["ids"]
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_summary(app, pilot, made["id"])
        bars = pane.query_one(ProfileBars)
        assert [group for group, _means in bars.groups] == ["peer", "report"]  # not "other"
        means = dict(bars.groups)
        for dimension, items in content.by_dimension():
            positions = [min(ids.index(e.id), 2) for e in items]
            assert means["peer"][dimension.id] == pytest.approx(
                mean(mean(r[p] for r in PEERS) for p in positions), abs=0.01
            )
            assert means["report"][dimension.id] == pytest.approx(
                mean(mean(r[p] for r in REPORTS) for p in positions), abs=0.01
            )
        drawn = str(bars.render())
        assert "▓ Peers" in drawn and "░ Direct reports" in drawn and "Others" not in drawn


async def test_per_expectation_marks_and_what_is_withheld(make_app, org, ui_repo, packs) -> None:
    made = evaluation(ui_repo, packs, org)
    content, ids = made["content"], made["ids"]
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_summary(app, pilot, made["id"])
        text = str(pane.query_one("#summary-feedback", Static).content)
        lines = text.splitlines()
        assert "Peers: 3 answered – averages only, no single answers" in lines[0]
        assert "Direct reports: 4 answered" in lines[1]
        assert "Others: shown once at least 3 have answered (anonymity)" in lines[2]
        first = next(
            line for line in lines if content.expectation(ids[0]).title.get("en")[:20] in line
        )
        cells = first.split("▲")[0].split("▼")[0].split()  # the figures before the mark
        # self and manager one rating each, whole as on paper ("5.0" read as a mean);
        # peers and reports their means
        assert cells[-4:] == ["5", "3", "3.7", "1.8"] and "blind" in first
        second = next(
            line for line in lines if content.expectation(ids[1]).title.get("en")[:20] in line
        )
        assert "4.8" in second.split() and "hidden strength" in second
        assert "other 0 siger noget" not in text  # a group too small: no comment either
        peer_comments = [line for line in lines if "peer " in line and "siger noget" in line]
        assert len(peer_comments) == 3
        assert "peer-0" not in text and "report-1" not in text  # never a rater's id


async def test_a_group_of_two_is_not_drawn(make_app, org, ui_repo, packs) -> None:
    made = evaluation(ui_repo, packs, org, others=2)
    ui_repo.feedback.import_answers([])
    app = make_app("da")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_summary(app, pilot, made["id"])
        bars = pane.query_one(ProfileBars)
        assert "other" not in dict(bars.groups)
        flags = set(bars.flags.values())
        assert flags <= {BLIND_SPOT, HIDDEN_STRENGTH}
        text = str(pane.query_one("#summary-feedback", Static).content)
        assert "Andre: vises først, når mindst 3 har svaret" in text
        assert "Andre" not in str(bars.render())


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ("da", "en"))
def test_profile_with_four_series(snap_compare, make_app, ui_repo, packs, org, lang, size) -> None:
    """The summary of an evaluation with peers and reports shown: four bars per dimension."""
    made = evaluation(ui_repo, packs, org, comments=False)
    app = make_app(lang)

    async def run_before(pilot) -> None:
        await open_summary(app, pilot, made["id"])
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


async def test_overview_shows_the_response_rate(make_app, org, ui_repo, packs) -> None:
    from pipeline_tui.tui.screens.overview import OverviewScreen

    made = evaluation(ui_repo, packs, org, others=2)
    ui_repo.feedback.invite(made["id"], "report", "asked-but-silent")
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert isinstance(app.screen, OverviewScreen)
        line = str(app.screen.query_one("#ov-responses", Static).render())
        # 3 peers, 4 reports and 2 others answered; one more report was asked
        assert "9 of 10 (90%) in 1 evaluation" in line
        # Revealed: held, its links take no more answers, so nobody's raters to chase
        assert "lowest" not in line and "Anna Berg" not in line


async def test_overview_points_only_at_an_evaluation_still_taking_answers(
    make_app, org, ui_repo, packs
) -> None:
    """ "lowest" names the evaluation with the fewest answers among those whose links
    still take answers: a held one (revealed, or its day passed) has a lower rate, but
    reminding its raters is no use ("invite --group peer" refuses it)."""
    from pipeline_tui import clock
    from pipeline_tui.tui.screens.overview import OverviewScreen

    held = evaluation(ui_repo, packs, org, others=0)
    for number in range(10):  # 7 of 17 answered (41%): the lowest rate, but held
        ui_repo.feedback.invite(held["id"], "report", f"silent-{number}")
    record = services.start_conversation(ui_repo, packs.default, org.director.id, kind="evaluation")
    ui_repo.conversations.update(record.id, held_on=clock.today())  # today: still open
    first = services.conversation_content(ui_repo.conversations.detail(record.id))
    ui_repo.feedback.invite(record.id, "peer", "still-asked")
    expectation = first.ordered_expectations()[0].id
    ui_repo.feedback.import_answers([NewAnswer(record.id, "peer", "answered", expectation, 4, "")])
    words = {
        "en": "lowest still taking answers: ",
        "da": "lavest af dem, der stadig tager imod svar: ",
    }
    for lang, word in words.items():
        app = make_app(lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+o")
            await settle(app, pilot)
            assert isinstance(app.screen, OverviewScreen)
            line = str(app.screen.query_one("#ov-responses", Static).render())
            assert f"{word}{org.director.name} 1 " in line, line
            assert "Anna Berg" not in line


async def test_answers_coming_in_while_open_are_shown(make_app, org, ui_repo, packs) -> None:
    """A third peer answers (an import, or an invitation's form) while the summary is open:
    the conversation screen notices within its usual check and the peers appear."""
    made = evaluation(ui_repo, packs, org, others=0)
    ids = made["ids"]
    app = make_app("en")
    async with app.run_test(size=(120, 40)) as pilot:
        pane = await open_summary(app, pilot, made["id"])
        ui_repo.feedback.import_answers(
            [NewAnswer(made["id"], "other", f"late-{n}", ids[0], 4) for n in range(2)]
        )
        await pilot.pause(3)
        await settle(app, pilot)
        assert "other" not in dict(pane.query_one(ProfileBars).groups)  # two: still withheld
        ui_repo.feedback.import_answers([NewAnswer(made["id"], "other", "late-2", ids[0], 5)])
        await until(
            pilot,
            lambda: "other" in dict(app.screen.query_one(ProfileBars).groups),
            "the others' bars",
            tries=120,
        )


@pytest.mark.parametrize(("size", "whole"), [((120, 40), True), ((80, 24), False)])
async def test_the_expectations_are_named_whole_where_the_screen_has_room(
    make_app, org, ui_repo, packs, size, whole
) -> None:
    """The table per expectation cut every title at 40 characters, however wide the screen
    ("Står til ansvar for funktionens result…" with half of 120 columns empty)."""
    made = evaluation(ui_repo, packs, org)
    content = made["content"]
    titles = [e.title.get("da") for e in content.ordered_expectations()]
    assert max(len(title) for title in titles) > 39  # the default pack has such titles
    app = make_app("da")
    async with app.run_test(size=size) as pilot:
        pane = await open_summary(app, pilot, made["id"])
        text = str(pane.query_one("#summary-feedback", Static).content)
        whole_titles = [title for title in titles if f"{title} " in text]
        assert (whole_titles == titles) is whole, text
        assert ("…" in text) is not whole


async def test_a_comment_that_wraps_goes_on_under_its_text(make_app, org, ui_repo, packs) -> None:
    """At 80 columns a peer's long comment wrapped under its bullet ("• Træffer
    beslutninger ...: Forandringerne ..." / "bliver sjældent spurgt undervejs."), so the
    comments ran together; each now goes on under its own text, as bullets do elsewhere."""
    from pilot_helpers import screen_text

    made = evaluation(ui_repo, packs, org, comments=False)
    long = "Forandringerne bliver gennemført, men vi andre bliver sjældent spurgt undervejs."
    first = made["ids"][0]
    ui_repo.feedback.import_answers(
        [
            NewAnswer(made["id"], "peer", f"peer-{n}", first, PEERS[n][0], long if n else "Kort")
            for n in range(3)
        ]
    )
    app = make_app("da")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_summary(app, pilot, made["id"])
        body = pane.query_one("#summary-feedback", Static)
        pane.query_one("#summary-page").scroll_to_widget(body, top=True, animate=False)
        page = pane.query_one("#summary-page")
        for _ in range(40):  # down to the comments
            lines = screen_text(app).splitlines()
            if any("• " in line and "Forandringerne" in line for line in lines):
                break
            page.scroll_relative(y=5, animate=False)
            await settle(app, pilot)
        lines = screen_text(app).splitlines()
        number = next(n for n, line in enumerate(lines) if "• " in line and "Forandr" in line)
        bullet = lines[number].index("• ")
        after = lines[number + 1]
        assert after[bullet : bullet + 2] == "  " and after[bullet + 2] != " ", (
            lines[number],
            after,
        )
