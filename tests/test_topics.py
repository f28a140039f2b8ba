import pytest

from generator.knowledge import DataError
from generator.topics import load_topics
from tests.conftest import TOPICS


def test_project_topics_load_with_every_seed_language():
    topics = load_topics(TOPICS)
    assert [t.slug for t in topics] == ["troop-deployment", "munitions-transfers", "diplomatic-reactions"]
    for topic in topics:
        for concept in topic.concepts:
            missing = {"de", "da", "nl", "ru", "en", "fr"} - set(concept.terms)
            assert not missing, f"{topic.slug}/{concept.id} lacks {sorted(missing)}"


def test_labels_in_the_site_language(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text("topics:\n  - slug: a\n    title: {en: Troops, de: Truppen}\n"
                    "    concepts:\n      - id: c\n        label: {en: soldiers, de: Soldaten}\n"
                    "        terms: {de: [soldat*]}\n", encoding="utf-8")
    assert load_topics(path, "de")[0].title == "Truppen"
    assert load_topics(path, "de")[0].concepts[0].label == "Soldaten"
    assert load_topics(path, "fr")[0].title == "Troops"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("topics: []\n", "expected a 'topics:' list"),
        ("topics:\n  - slug: Bad Slug\n    concepts: [{id: c, terms: {}}]\n", "slug 'Bad Slug'"),
        ("topics:\n  - slug: a\n", "at least one concept"),
        ("topics: [\n", "topics.yml"),
    ],
)
def test_a_malformed_topics_file_names_file_and_entry(tmp_path, text, message):
    path = tmp_path / "topics.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message.replace("(", r"\(")) as error:
        load_topics(path)
    assert "topics.yml" in str(error.value)
