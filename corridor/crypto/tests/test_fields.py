from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from corridor.crypto import services
from corridor.crypto.errors import DecryptionError
from corridor.crypto.fields import read_encrypted, set_encrypted
from corridor.people.models import PersonRecord

pytestmark = pytest.mark.django_db


def _person(state: str = "KGZ") -> PersonRecord:
    return PersonRecord(state_id=state, family_name="Test", given_name="Person", citizenship_id="UZB")


def test_round_trip_sets_ciphertext_and_blind_index():
    person = _person()
    set_encrypted(person, "document_number", "AB 123-456")
    assert person.document_number_ciphertext.startswith("c1.")
    assert "123" not in person.document_number_ciphertext
    assert person.document_number_index == services.blind_index(
        state="KGZ", field="document_number", value="ab123456"
    )
    assert read_encrypted(person, "document_number") == "AB 123-456"


def test_empty_stays_empty():
    person = _person()
    set_encrypted(person, "document_number", "")
    assert (person.document_number_ciphertext, person.document_number_index) == ("", "")
    assert read_encrypted(person, "document_number") == ""


def test_a_token_moved_to_another_record_fails():
    first, second = _person(), _person()
    set_encrypted(first, "document_number", "X1234567")
    second.document_number_ciphertext = first.document_number_ciphertext
    with pytest.raises(DecryptionError):
        read_encrypted(second, "document_number")


def test_unregistered_fields_are_refused():
    with pytest.raises(ImproperlyConfigured):
        set_encrypted(_person(), "family_name", "x")
    with pytest.raises(ImproperlyConfigured):
        read_encrypted(_person(), "given_name")
