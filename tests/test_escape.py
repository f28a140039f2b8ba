import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.escape import md_text

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "{: #evil onclick=alert(1) }",
    '!!! danger "Admonition"',
    '--8<-- "/etc/passwd"',
    "{{ config }} {% include 'x' %}",
    "# Heading\n| a | b |\n|---|---|",
    "*emph* _under_ `code` [^1] :smile: $x$",
    "line\u2028break\x00nul",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_the_same_visible_text_and_no_markup(text):
    html = markdown.markdown(
        f'<p markdown="span">{md_text(text)}</p>', extensions=["md_in_html", "attr_list", "admonition", "tables"]
    )
    assert "<script" not in html and "onerror=" not in html and "<a " not in html and "<img" not in html
    assert "<h1" not in html and "<table" not in html and "<em>" not in html and "admonition" not in html
    import html as html_lib

    visible = html_lib.unescape(html.removeprefix("<p>").removesuffix("</p>"))
    expected = text.replace("\u2028", " ").replace("\n", " ").replace("\x00", "")
    assert visible == expected


def _reference_md_text(value: str) -> str:
    """md_text as first written (str.translate over every character): the fast one must agree."""
    import re

    table = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+-!|~=^:$%@<>&\"'/;?"}
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", "", re.sub(r"[\r\n\u2028\u2029\x85\x0b\x0c]+", " ", value))
    return text.translate(table)


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\r\n\x0b\x0c\x85\u2028\u2029\x00\x1f\t<&*")))
def test_fast_escape_equals_the_per_character_table(text):
    assert str(md_text(text)) == _reference_md_text(text)
