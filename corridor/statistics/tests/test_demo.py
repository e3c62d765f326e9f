import pytest

from corridor.statistics.demo import load_demo_statistics

pytestmark = pytest.mark.django_db


def test_demo():
    assert load_demo_statistics() == 7
    assert load_demo_statistics() == 0
