"""The destination state sees aggregates only: agreement in force, consent, minimum cell size."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.access.models import AgreementScope, AgreementStatus
from corridor.core.errors import Forbidden
from corridor.people.tests.factories import make_agreement
from corridor.registration.aggregates import Block, Cell, Table, destination_aggregates, protect
from corridor.registration.choices import ConsentPurpose
from corridor.registration.tests.factories import register

pytestmark = pytest.mark.django_db
STATS = (ConsentPurpose.STATISTICS,)
AGGREGATES = AgreementScope.AGGREGATES


def _aggregates_agreement(grantor: str, grantees: list[str], *, k: int = 5, **kwargs):
    agreement = make_agreement(grantor, grantees, scope=AGGREGATES, **kwargs)
    agreement.min_cell_size = k
    agreement.save(update_fields=["min_cell_size"])
    return agreement


@pytest.fixture
def kgz_people(kgz_consul):
    """Seven KGZ citizens bound for Türkiye who agreed to statistics: five men, two women."""
    men = [register(kgz_consul, consents=STATS, sex="M", purpose="work") for _ in range(5)]
    women = [register(kgz_consul, consents=STATS, sex="F", purpose="study") for _ in range(2)]
    return men + women


def _cells(blocks: list[Block]) -> dict[tuple[str, str], int | None]:
    return {(t.dimension, c.code): c.count for b in blocks for t in b.tables for c in t.cells}


def test_owner_data_reaches_the_grantee_only_with_an_aggregates_agreement_in_force(kgz_people, tur_consul):
    tur = actor_for(tur_consul)
    # given no agreement, then a records-scope, an expired and a draft aggregates agreement
    assert destination_aggregates(actor=tur) == []
    make_agreement("KGZ", ["TUR"])
    _aggregates_agreement("KGZ", ["TUR"], valid_to=dt.date(2021, 1, 1))
    _aggregates_agreement("KGZ", ["TUR"], status=AgreementStatus.DRAFT)
    assert destination_aggregates(actor=tur) == []
    # when KGZ grants Türkiye aggregates in force
    _aggregates_agreement("KGZ", ["TUR"])
    blocks = destination_aggregates(actor=tur)
    # then Türkiye sees KGZ's counts; the two women are hidden, and so are the five men,
    # who would otherwise give the women away through the total
    assert [(b.citizenship, b.total, b.min_cell_size) for b in blocks] == [("KGZ", 7, 5)]
    cells = _cells(blocks)
    assert (cells[("sex", "M")], cells[("sex", "F")]) == (None, None)
    assert cells[("month", "2026-03")] == 7


def test_only_active_statistics_consent_and_this_destination_are_counted(kgz_consul, tur_consul):
    # given five counted people, one without consent, one revoked, one bound for Russia
    from corridor.registration.services import consents

    for _ in range(5):
        register(kgz_consul, consents=STATS)
    register(kgz_consul)
    revoked = register(kgz_consul, consents=STATS)
    consents.consent_set(
        actor=actor_for(kgz_consul),
        registration=revoked,
        purpose="statistics",
        granted=False,
        channel="officer",
    )
    register(kgz_consul, consents=STATS, destination_country="RUS", destination_city="Moscow")
    _aggregates_agreement("KGZ", ["TUR", "RUS"])
    # when Türkiye looks
    [block] = destination_aggregates(actor=actor_for(tur_consul))
    # then exactly the five are counted
    assert block.total == 5
    assert _cells([block])[("purpose", "work")] == 5


def test_no_shown_cell_is_under_the_minimum_and_hidden_cells_are_protected(kgz_consul, tur_consul):
    # given 9 men and 1 woman, k = 5: the woman's cell would follow from the total
    for _ in range(9):
        register(kgz_consul, consents=STATS, sex="M")
    register(kgz_consul, consents=STATS, sex="F")
    _aggregates_agreement("KGZ", ["TUR"], k=5)
    # when
    [block] = destination_aggregates(actor=actor_for(tur_consul))
    # then the total is shown, so both sex cells are hidden; no shown cell is below 5
    cells = _cells([block])
    assert block.total == 10
    assert (cells[("sex", "M")], cells[("sex", "F")]) == (None, None)
    assert all(n is None or n >= 5 for n in cells.values())


def test_fewer_people_than_the_minimum_show_no_breakdown(kgz_consul, tur_consul):
    for _ in range(4):
        register(kgz_consul, consents=STATS)
    _aggregates_agreement("KGZ", ["TUR"], k=5)
    [block] = destination_aggregates(actor=actor_for(tur_consul))
    assert (block.total, block.tables) == (None, [])


def test_an_officer_of_a_state_without_agreement_sees_an_empty_table(kgz_people, user_factory, client):
    # given KGZ grants Türkiye only; an officer of Kazakhstan looks
    _aggregates_agreement("KGZ", ["TUR"])
    kaz = user_factory("KAZ", roles.CONSULAR_OFFICER)
    assert destination_aggregates(actor=actor_for(kaz)) == []
    client.force_login(kaz)
    page = client.get(reverse("registration:aggregates"))
    assert page.status_code == 200
    assert "No state has granted us aggregated registration data" in page.content.decode()
    assert client.get("/api/v1/registration/aggregates/").json() == {"count": 0, "results": []}


def test_the_owner_state_does_not_see_its_own_citizens_here(kgz_people, kgz_consul):
    _aggregates_agreement("KGZ", ["TUR", "KGZ"])
    assert destination_aggregates(actor=actor_for(kgz_consul)) == []


def test_the_selector_never_returns_a_row_level_record(kgz_people, tur_consul):
    _aggregates_agreement("KGZ", ["TUR"])
    blocks = destination_aggregates(actor=actor_for(tur_consul))
    # then only blocks, tables and cells of plain values come back
    for block in blocks:
        assert type(block) is Block
        for table in block.tables:
            assert type(table) is Table and all(type(c) is Cell for c in table.cells)
            for cell in table.cells:
                assert {type(v) for v in dataclasses.asdict(cell).values()} <= {str, int, type(None)}
    text = json.dumps([dataclasses.asdict(b) for b in blocks], default=str)
    for registration in kgz_people:
        assert str(registration.uuid) not in text and registration.reference not in text
        assert registration.family_name not in text and registration.passport_family_name not in text


def test_page_and_api_show_the_aggregates(kgz_people, tur_consul, client):
    _aggregates_agreement("KGZ", ["TUR"])
    client.force_login(tur_consul)
    page = client.get(reverse("registration:aggregates")).content.decode()
    assert "Citizens of" in page and "&lt;5" in page
    body = client.get("/api/v1/registration/aggregates/").json()
    assert body["count"] == 1
    assert body["results"][0]["citizenship"] == "KGZ" and body["results"][0]["total"] == 7
    sex = next(t for t in body["results"][0]["tables"] if t["dimension"] == "sex")
    assert {c["code"]: c["count"] for c in sex["cells"]} == {"F": None, "M": None}
    assert kgz_people[0].family_name not in page


def test_outsiders_get_nothing(kgz_people, user_factory, client):
    _aggregates_agreement("KGZ", ["TUR"])
    # anonymous: sent to sign in / refused
    page = client.get(reverse("registration:aggregates"))
    assert page.status_code == 302
    assert client.get("/api/v1/registration/aggregates/").status_code in (401, 403)
    # a Turkish user without registration.view: 404 on both, and the selector refuses
    outsider = user_factory("TUR", roles.STATISTICIAN)
    client.force_login(outsider)
    assert client.get(reverse("registration:aggregates")).status_code == 404
    assert client.get("/api/v1/registration/aggregates/").status_code == 404
    with pytest.raises(Forbidden):
        destination_aggregates(actor=actor_for(outsider))


@given(
    counts=st.dictionaries(st.text("abcdefgh", min_size=1, max_size=2), st.integers(1, 40), max_size=8),
    k=st.integers(2, 11),
)
def test_protect_hides_every_small_cell_and_leaves_no_hidden_cell_determined(counts, k):
    shown = protect(counts, k)
    hidden = [code for code, n in shown.items() if n is None]
    # no shown cell is below k, shown cells are exact
    assert all(n is None or n >= k for n in shown.values())
    assert all(shown[c] == counts[c] for c in counts if c not in hidden)
    # the hidden cells together hold at least k people (or everything is hidden), and a
    # single hidden cell never stands alone when the total is known
    if hidden and len(hidden) < len(counts):
        assert sum(counts[c] for c in hidden) >= k and len(hidden) >= 2


def test_the_page_speaks_turkish(kgz_people, tur_consul, client):
    _aggregates_agreement("KGZ", ["TUR"])
    client.force_login(tur_consul)
    page = client.get("/tr/registration/aggregates/").content.decode()
    assert "Ülkemize yönelik kayıtlar: toplu veriler" in page and "Yaş grubu" in page
