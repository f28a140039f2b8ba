import pytest

from generator.ids import assign_ids, base_id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000_827722a80c1387b6.txt", "000-827722a80c1387b6"),
        # NFKD keeps "Ä" as "A" + a combining mark, which is outside [a-z0-9]: the contract says "-".
        ("Ärger über Kim.md", "a-rger-u-ber-kim"),
        ("  --Über__Kursk!!.txt", "u-ber-kursk"),
        ("ﬁle Nº1.txt", "file-no1"),
        ("Северная Корея.txt", ""),
        ("noext", "noext"),
    ],
)
def test_base_id(name, expected):
    assert base_id(name) == expected


def test_ids_that_collide_get_suffixes_in_sorted_order():
    ids = assign_ids(["b c.txt", "b-c.txt", "b_c.md", "index.txt"])
    assert ids == {"b c.txt": "b-c", "b-c.txt": "b-c-2", "b_c.md": "b-c-3", "index.txt": "index-2"}


def test_names_without_ascii_letters_still_get_distinct_ids():
    ids = assign_ids(["Корея.txt", "Россия.txt"])
    assert len(set(ids.values())) == 2


def test_names_of_ledger_month_pages_are_reserved():
    ids = assign_ids(["2024-10.txt", "undated.md", "2024-10-28.txt", "2024.txt"])
    assert ids == {"2024-10.txt": "2024-10-2", "undated.md": "undated-2", "2024-10-28.txt": "2024-10-28",
                   "2024.txt": "2024"}
