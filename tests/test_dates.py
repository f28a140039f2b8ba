import pytest

from generator.dates import normalise_date, parse_date
from generator.knowledge import load_knowledge

MONTHS = load_knowledge().calendar


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28-10-2024", "2024-10-28"),
        ("28.10.2024", "2024-10-28"),
        ("2024-10-28", "2024-10-28"),
        ("28 november 2024", "2024-11-28"),
        ("28. Oktober 2024", "2024-10-28"),
        ("13 июня 2024", "2024-06-13"),
        ("October 28, 2024", "2024-10-28"),
        ("28 okt. 2024", "2024-10-28"),
        ("32-10-2024", None),
        ("29. Februar 2023", None),
        ("am Montag", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, MONTHS) == expected


def test_front_matter_dates():
    import datetime as dt

    assert normalise_date(dt.date(2024, 10, 28), MONTHS) == "2024-10-28"
    assert normalise_date("2024-10", MONTHS) == "2024-10"
    assert normalise_date("2024-13", MONTHS) is None
    assert normalise_date(["x"], MONTHS) is None
