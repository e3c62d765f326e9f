"""Monthly registration counts flow into the data centre through ``feed_publish``."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from corridor.access import roles
from corridor.access.actor import actor_for
from corridor.audit.models import AuditEvent
from corridor.core.errors import ApplicationError, Forbidden
from corridor.registration.choices import ConsentPurpose
from corridor.registration.services import consents, feeds
from corridor.registration.tests.factories import register
from corridor.statistics import selectors as statistics_selectors

pytestmark = pytest.mark.django_db
STATS = (ConsentPurpose.STATISTICS,)


@pytest.fixture
def kgz_statistician(user_factory):
    return user_factory("KGZ", roles.STATISTICIAN, username="kgz.stat")


def _now() -> tuple[int, int]:
    today = timezone.localdate()
    return today.year, today.month


def _submission(actor, uuid):
    return statistics_selectors.submission_get(actor=actor, uuid=uuid)


def test_published_counts_equal_registrations_with_active_statistics_consent(kgz_consul, kgz_statistician):
    # given three women of 30 and one man of 20 who consent to statistics, one person who
    # does not, and one whose consent is revoked
    on = timezone.localdate()
    for _ in range(3):
        register(
            kgz_consul, consents=STATS, sex="F", birth_date=on.replace(year=on.year - 30) - dt.timedelta(1)
        )
    register(kgz_consul, consents=STATS, sex="M", birth_date=on.replace(year=on.year - 20) - dt.timedelta(1))
    register(kgz_consul, sex="M")
    revoked = register(kgz_consul, consents=STATS, sex="M")
    consents.consent_set(
        actor=actor_for(kgz_consul),
        registration=revoked,
        purpose="statistics",
        granted=False,
        channel="officer",
    )
    year, month = _now()
    # when the month is published
    result = feeds.publish_monthly_counts(actor=actor_for(kgz_statistician), year=year, month=month)
    # then the data centre holds exactly those four people, by sex and age
    assert (result.people, result.cells, result.vintage, result.status) == (4, 2, 1, "validated")
    assert feeds.feed_counts(state="KGZ", year=year, month=month) == {
        ("EMI", "KGZ", "_U", "KGZ", "F", "Y25T34"): 3,
        ("EMI", "KGZ", "_U", "KGZ", "M", "Y18T24"): 1,
    }
    submission = _submission(actor_for(kgz_statistician), result.submission)
    assert (submission.dataflow.flow_id, submission.observation_count) == ("DF_MIGR_POP", 2)
    assert AuditEvent.objects.filter(action="registration.counts_published").count() == 1


def test_a_second_publication_of_the_same_month_is_a_new_vintage(kgz_consul, kgz_statistician):
    # given a month already published
    register(kgz_consul, consents=STATS)
    year, month = _now()
    actor = actor_for(kgz_statistician)
    first = feeds.publish_monthly_counts(actor=actor, year=year, month=month)
    register(kgz_consul, consents=STATS)
    # when it is published again
    second = feeds.publish_monthly_counts(actor=actor, year=year, month=month)
    # then the data centre keeps both, numbered as vintages 1 and 2
    assert (first.vintage, second.vintage) == (1, 2)
    assert (first.people, second.people) == (1, 2)
    assert first.submission != second.submission


def test_a_month_without_counted_registrations_is_refused(kgz_consul, kgz_statistician):
    register(kgz_consul)  # no consent to statistics
    year, month = _now()
    with pytest.raises(ApplicationError) as caught:
        feeds.publish_monthly_counts(actor=actor_for(kgz_statistician), year=year, month=month)
    assert "nothing was sent" in str(caught.value.message)


@pytest.mark.parametrize(
    ("year", "month", "field"), [(2026, 13, "month"), (2026, 0, "month"), (1999, 5, "year")]
)
def test_a_bad_period_is_refused_at_the_field(kgz_statistician, year, month, field):
    with pytest.raises(ApplicationError) as caught:
        feeds.publish_monthly_counts(actor=actor_for(kgz_statistician), year=year, month=month)
    assert list(caught.value.fields) == [field]


def test_a_consular_officer_may_not_publish(kgz_consul):
    with pytest.raises(Forbidden):
        feeds.publish_monthly_counts(actor=actor_for(kgz_consul), year=2026, month=10)


def test_command_publishes_and_reports(kgz_consul, kgz_statistician):
    register(kgz_consul, consents=STATS)
    year, month = _now()
    out = StringIO()
    call_command(
        "registration_feed",
        "--state",
        "kgz",
        "--year",
        str(year),
        "--month",
        str(month),
        "--user",
        "kgz.stat",
        stdout=out,
    )
    assert f"{year:04d}-{month:02d}: 1 people in 1 cells sent to DF_MIGR_POP" in out.getvalue()
    assert "vintage 1: validated" in out.getvalue()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--state", "KGZ", "--year", "2026", "--month", "13", "--user", "kgz.stat"], "month: Enter a month"),
        (["--state", "KGZ", "--year", "2026", "--month", "10", "--user", "nobody"], "No active user"),
        (["--state", "TJK", "--year", "2026", "--month", "10", "--user", "kgz.stat"], "does not act for TJK"),
    ],
)
def test_command_bad_arguments_exit_2(kgz_statistician, arguments, message):
    with pytest.raises(CommandError) as caught:
        call_command("registration_feed", *arguments)
    assert caught.value.returncode == 2
    assert message in str(caught.value)
