"""Hardened Bloom filters: keyed, balanced, transliteration-tolerant."""

from __future__ import annotations

from corridor.matching import pprl

SECRET = b"0123456789abcdef-shared"


def _bits(data: bytes) -> int:
    return int.from_bytes(data, "big").bit_count()


def dice(a: bytes, b: bytes) -> float:
    both = (int.from_bytes(a, "big") & int.from_bytes(b, "big")).bit_count()
    return 2 * both / (_bits(a) + _bits(b))


def bf(value: str, secret: bytes = SECRET) -> bytes:
    result = pprl.bloom_filter(pprl._name_tokens(value), secret=secret, field="name")
    assert result is not None
    return result


def test_balanced_filters_all_have_the_same_weight():
    assert {_bits(bf(v)) for v in ["Асанов", "Mohammad", "Жээнбекова", "Yılmaz"]} == {pprl.FILTER_BITS}


def test_encoding_is_deterministic_under_one_secret_and_differs_under_another():
    assert bf("Асанов") == bf("Асанов")
    assert bf("Асанов") != bf("Асанов", secret=b"another secret of 16+ bytes")


def test_transliterations_are_closer_than_different_names():
    same = dice(bf("Жээнбеков"), bf("CEENBEKOV"))
    other = dice(bf("Жээнбеков"), bf("Рахимов"))
    assert same > 0.9
    assert other < same - 0.1


def test_empty_values_have_no_filter():
    assert pprl.bloom_filter(set(), secret=SECRET, field="name") is None


def test_encoded_record_carries_no_plain_values():
    row = {
        "record_id": "r1",
        "family_name": "Жээнбеков",
        "given_name": "Нурлан",
        "patronymic": "",
        "birth_date": "1990-03-04",
        "sex": "M",
        "citizenship": "KGZ",
        "birth_place": "Бишкек",
        "document_number": "AN1234567",
        "source": "x",
    }
    encoded = pprl.encode_record(row, secret=SECRET)
    text = " ".join(str(v) for v in encoded.values())
    for plain in ("Жээнбеков", "KGZ", "AN1234567", "1990"):
        assert plain not in text
    assert encoded["bf_patronymic"] is None
