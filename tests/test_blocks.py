from generator.blocks import read_blocks
from generator.ingest import split_lines
from generator.models import SourceFile


def source(text, markdown=False, body_start=1):
    return SourceFile(name="x", id="x", raw=text.encode(), text=text, lines=split_lines(text),
                      markdown=markdown, body_start=body_start)


def test_scraped_text_is_one_paragraph_per_line():
    blocks = read_blocks(source("Titel\nErster Absatz.\n\nZweiter Absatz.\n"))
    assert [b.lines for b in blocks] == [((1, "Titel"),), ((2, "Erster Absatz."),), ((4, "Zweiter Absatz."),)]


def test_a_trailing_newline_does_not_make_a_file_hard_wrapped():
    blocks = read_blocks(source("Kurzer Titel\nErster Satz.\nZweiter Satz.\nDritter Satz.\n\n"))
    assert len(blocks) == 4


def test_hard_wrapped_text_joins_lines_of_a_paragraph():
    text = "Short title\n\nThe first paragraph is\nwrapped over two lines.\n\nThe second one\nas well.\n\nEnd.\n"
    blocks = read_blocks(source(text))
    assert [n for n, _ in blocks[1].lines] == [3, 4]
    assert [n for n, _ in blocks[2].lines] == [6, 7]


def test_markdown_keeps_line_numbers_and_drops_syntax():
    text = "---\ntitle: t\n---\n# Kim in **Moskau**\n\nErster Satz\nmit [Link](http://x).\n\n- Punkt eins\n"
    blocks = read_blocks(source(text, markdown=True, body_start=4))
    assert blocks[0].heading and blocks[0].lines == ((4, "Kim in Moskau"),)
    assert blocks[1].lines == ((6, "Erster Satz"), (7, "mit Link."))
    assert blocks[2].lines == ((9, "Punkt eins"),)


def test_markdown_table_rows_become_lines():
    text = "| Ort | Kursk |\n|---|---|\n| Quelle | TASS |\n"
    blocks = read_blocks(source(text, markdown=True))
    assert [b.lines for b in blocks] == [((1, "Ort | Kursk"),), ((3, "Quelle | TASS"),)]
