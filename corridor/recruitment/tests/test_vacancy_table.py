"""The job order's table on the case kernel, walked for every status × action × role."""

from __future__ import annotations

import pytest

from corridor.access import roles
from corridor.cases.testing import walk_table
from corridor.recruitment.models import Vacancy, VacancyStatus
from corridor.recruitment.services import vacancies
from corridor.recruitment.tests.factories import make_agency, make_vacancy
from corridor.recruitment.vacancy_workflow import VACANCY

pytestmark = pytest.mark.django_db

# The oracle, by hand. Kyrgyzstan's agency posts for Türkiye: Türkiye verifies or rejects,
# Kyrgyzstan publishes, fills and closes, either revokes; the sweep alone expires.
OWNER_MAY = {
    VacancyStatus.VERIFIED: {"publish", "revoke"},
    VacancyStatus.PUBLISHED: {"fill", "close", "revoke"},
}
DESTINATION_MAY = {
    VacancyStatus.SUBMITTED: {"verify", "reject"},
    VacancyStatus.VERIFIED: {"revoke"},
    VacancyStatus.PUBLISHED: {"revoke"},
}


def test_vacancy_table_exhaustively(actor_factory, kgz_labour, tur_labour):
    agency = make_agency(kgz_labour)
    actors = {
        "owner": kgz_labour,
        "destination": tur_labour,
        "outsider": actor_factory("KAZ", roles.LABOUR_OFFICER),
        "statistician": actor_factory("KGZ", roles.STATISTICIAN),
    }

    def make(status: str) -> Vacancy:
        vacancy = make_vacancy(kgz_labour, agency)
        Vacancy.objects.for_state("KGZ").filter(pk=vacancy.pk).update(status=status)
        vacancy.refresh_from_db()
        return vacancy

    def expected(status: str, action: str, who: str) -> bool:
        table = {"owner": OWNER_MAY, "destination": DESTINATION_MAY}.get(who, {})
        return action in table.get(VacancyStatus(status), set())

    report = walk_table(
        workflow=VACANCY, make_record=make, actors=actors, expected=expected, states=tuple(VacancyStatus)
    )
    assert report.total == len(VacancyStatus) * len(VACANCY.actions) * len(actors)
    assert len(report.allowed) == sum(map(len, OWNER_MAY.values())) + sum(map(len, DESTINATION_MAY.values()))


def test_the_decision_offers_only_what_the_kernel_allows(kgz_labour, tur_labour):
    vacancy = make_vacancy(kgz_labour, make_agency(kgz_labour))

    def offered(actor, record):
        return [o.action for o in vacancies.vacancy_actions(actor=actor, vacancy=record)]

    assert (offered(kgz_labour, vacancy), offered(tur_labour, vacancy)) == ([], ["verify", "reject"])
    verified = vacancies.vacancy_verify(actor=tur_labour, vacancy=vacancy, approve=True)
    assert (offered(kgz_labour, verified), offered(tur_labour, verified)) == (
        ["publish", "revoke"],
        ["revoke"],
    )


def test_a_suspended_licence_hides_publish_and_says_why(kgz_labour, tur_labour):
    from corridor.core.errors import Conflict
    from corridor.recruitment.services import agencies

    agency = make_agency(kgz_labour)
    verified = make_vacancy(kgz_labour, agency, tur_labour)
    agencies.licence_transition(actor=kgz_labour, agency=agency, action="suspend", reason="Inspection")
    verified.refresh_from_db()
    assert [o.action for o in vacancies.vacancy_actions(actor=kgz_labour, vacancy=verified)] == ["revoke"]
    with pytest.raises(Conflict) as refused:
        vacancies.vacancy_publish(actor=kgz_labour, vacancy=verified)
    assert "licence is not active" in str(refused.value.message)
    verified.refresh_from_db()
    assert verified.status == VacancyStatus.VERIFIED
