import codecs

from generator.ingest import decode, read_article, read_folder, split_lines
from generator.knowledge import load_knowledge

MONTHS = load_knowledge().calendar
TEXT = "Nordkoreanische Soldaten in Kursk, sagte Rutte. Größe: ß, æ, ø, å."


def test_lines_split_on_crlf_cr_lf_only():
    assert split_lines("a\r\nb\rc\nd\x0ce\u2028f") == ("a", "b", "c", "d\x0ce\u2028f")


def test_decodes_utf8_bom_and_utf16():
    assert decode(codecs.BOM_UTF8 + TEXT.encode())[:2] == (TEXT, "utf-8-sig")
    assert decode(TEXT.encode("utf-16"))[0] == TEXT
    assert decode(TEXT.encode("utf-8"))[:2] == (TEXT, "utf-8")


def test_detects_legacy_single_byte_encoding():
    raw = ("Der NATO-Generalsekretär bestätigte die Präsenz nordkoreanischer Truppen in der "
           "Russischen Föderation. Die Soldaten kämpfen für Moskau, äußerte der Sprecher.").encode("cp1252")
    text, encoding, reason = decode(raw)
    assert reason is None
    assert "Generalsekretär" in text and "äußerte" in text


def test_binary_is_rejected_with_reason(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    source = read_article(tmp_path / "photo.txt", "photo", tmp_path, 1_000_000, MONTHS)
    assert source.rejected and ("binary" in source.rejected or "decoded" in source.rejected)
    assert source.problems and "photo.txt" in str(source.problems[0])


def test_front_matter_is_read_and_lines_keep_counting(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Kim in Moskau\ndate: 2024-10-28\noutlet: Example\n---\nText line.\n")
    source = read_article(path, "a", tmp_path, 1_000_000, MONTHS)
    assert source.front_matter.title == "Kim in Moskau"
    assert source.front_matter.date == "2024-10-28"
    assert source.body_start == 6 and source.lines[5] == "Text line."
    assert source.markdown


def test_malformed_front_matter_warns_with_line_and_keeps_the_article(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("---\ntitle: [unclosed\ndate: 2024-02-30\n---\nText.\n")
    source = read_article(path, "b", tmp_path, 1_000_000, MONTHS)
    assert not source.rejected
    assert any("front matter" in p.message and p.line for p in source.problems)


def test_folder_listing_rejects_what_it_cannot_read_and_counts_hidden(tmp_path):
    (tmp_path / "ok.txt").write_text("Ein Satz.")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "big.txt").write_text("x" * 200)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub").mkdir()
    sources, hidden = read_folder(tmp_path, tmp_path, 100, MONTHS)
    status = {s.name: s.rejected for s in sources}
    assert hidden == 1
    assert status["ok.txt"] is None
    assert "empty" in status["empty.txt"]
    assert "size limit" in status["big.txt"]
    assert ".pdf" in status["notes.pdf"]
    assert "folder" in status["sub"]
