"""The plan model is the contract: rules read it and the catalogs, never the parser, and each concept has one home."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import plan_from_file, plan_from_text, run
from plan_docx import PlanLayout, build_docx

from kclint.catalog import accreditation_circulars, find_document, load_versions
from kclint.citations import citation_roles, document_type, find_citations, number_key, types_compatible
from kclint.model import Header, SchoolLevel
from kclint.plantext import level_group
from kclint.rules._catalog_helpers import same_number_documents, segments, signal_levels

# The source tree, not the installed copy: CI installs kclint into a venv, where rules/ sits at kclint/rules.
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kclint"
RULES = ROOT / "rules"
# What sits above the report: the renderers themselves, the CLI, the desk and the annotated copy.
ABOVE_THE_REPORT = ("report/", "serve/", "cli.py", "__main__.py", "annotate.py")


def _imported(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def _reaches(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


def test_the_import_check_sees_every_kind_of_import(tmp_path: Path) -> None:
    for line in ("from kclint.parse.items import x", "import kclint.parse", "from kclint import parse",
                 "def f():\n    from kclint.parse import build_plan"):
        (tmp_path / "m.py").write_text(line + "\n", encoding="utf-8")
        assert _reaches(_imported(tmp_path / "m.py"), "kclint.parse"), line
    (tmp_path / "m.py").write_text("from kclint.parser_notes import x\n", encoding="utf-8")
    assert not _reaches(_imported(tmp_path / "m.py"), "kclint.parse")


def test_no_rule_module_imports_the_parser() -> None:
    rule_modules = sorted(RULES.glob("*.py"))
    assert len(rule_modules) > 10
    assert [p.name for p in rule_modules if _reaches(_imported(p), "kclint.parse")] == []


def test_no_lower_layer_imports_the_report_or_the_cli() -> None:
    lower = [p for p in [*PACKAGE.rglob("*.py"), *RULES.glob("*.py")]
             if not str(p.relative_to(p.parent.parent if p.parent == RULES else PACKAGE)).startswith(ABOVE_THE_REPORT)]
    assert len(lower) > 30
    bad = [str(p) for p in lower
           if _reaches(_imported(p), "kclint.report") or _reaches(_imported(p), "kclint.cli")]
    assert bad == []


# --- level groups --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "levels"), [
    ("Mức 2", (2,)), ("MỨC 1, 2, 3", (1, 2, 3)), ("Mức độ 3:", (3,)), ("Mức 2 và 3", (2, 3)), ("**Mức 2**", (2,)),
    ("mức 1; 2", (1, 2)), ("Mức 2 cần đạt", None), ("Mức", None), ("Đạt Mức 2", None), ("Mức 12", None),
])
def test_level_group_is_one_definition(text: str, levels: tuple[int, ...] | None) -> None:
    assert level_group(text) == levels


_TABLE_HEAD = ("TT\tTiêu chuẩn, tiêu chí\tKết quả cần đạt\tCông việc/giải pháp cần thực hiện\t"
               "Chủ trì và phối hợp thực hiện\tThời gian thực hiện và hoàn thành\n")


def test_level_groups_are_in_the_model_in_both_layouts() -> None:
    table = plan_from_text("KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\nII. NỘI DUNG\n\n" + _TABLE_HEAD
                           + "\tMỨC 2 VÀ 3\t\t\t\t\n"
                           "\tTiêu chí 2.2\tGiáo viên còn ít kinh nghiệm\tDự giờ\tTổ trưởng\tTháng 3/2026\n"
                           "\tMức 3\t\t\t\t\n"
                           "\tTiêu chí 2.3\tBồi dưỡng thêm\tBồi dưỡng\tHiệu trưởng\tTháng 4/2026\n")
    assert [(g.levels, g.span.loc.table is not None) for g in table.level_groups] == [([2, 3], True), ([3], True)]
    # The parser reads the same rows: a multi-level group gives no level to inherit, a single one does.
    assert [(i.criterion, i.target_level, i.target_inherited) for i in table.items] == [
        ("2.2", None, False), ("2.3", 3, True)]
    assert [segments(table).of_item[k] for k in range(2)] == [("II", None, (2, 3)), ("II", None, (3,))]
    paragraphs = plan_from_text("KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\nII. NỘI DUNG\n\nMức độ 2:\n\n"
                                "Tiêu chí 2.2: Đối với giáo viên\n\nMục tiêu cần đạt: Đạt Mức 2\n")
    [group] = paragraphs.level_groups
    assert group.levels == [2] and group.span.loc.section == "II" and group.span.loc.table is None


# --- citations -----------------------------------------------------------------------------------------

_AMENDING = ("Căn cứ Thông tư số 22/2024/TT-BGDĐT ngày 10/12/2024 của Bộ Giáo dục và Đào tạo sửa đổi, bổ sung "
             "một số điều của Quy định ban hành kèm theo Thông tư số 17/2018/TT-BGDĐT, Thông tư số "
             "18/2018/TT-BGDĐT và Thông tư số 19/2018/TT-BGDĐT;")


def _roles(text: str) -> list[tuple[str, str, tuple[int, ...]]]:
    found = find_citations(text)
    return [(c.number or "", role, named) for c, (role, named) in zip(found, citation_roles(text, found),
                                                                         strict=True)]


@pytest.mark.parametrize(("text", "expected"), [
    (_AMENDING, [("22", "basis", (1, 2, 3)), ("17", "mentioned", ()), ("18", "mentioned", ()),
                 ("19", "mentioned", ())]),
    # Two bases in one line: a title that names no other document does not swallow the next citation.
    ("Căn cứ Thông tư số 18/2018/TT-BGDĐT ban hành Quy định về kiểm định chất lượng giáo dục và Thông tư số "
     "22/2024/TT-BGDĐT về sửa đổi, bổ sung một số điều của quy định ban hành kèm theo Thông tư số 18/2018/TT-BGDĐT.",
     [("18", "basis", ()), ("22", "basis", (2,)), ("18", "mentioned", ())]),
    ("Căn cứ Thông tư 17/2018/TT-BGDĐT; Thông tư 22/2024/TT-BGDĐT.", [("17", "basis", ()), ("22", "basis", ())]),
    ("Căn cứ Thông tư 19/2018, Thông tư 13/2020 và Công văn 5942/BGDĐT-QLCL;",
     [("19", "basis", ()), ("13", "basis", ()), ("5942", "basis", ())]),
    ("Thông tư số 13/2020/TT-BGDĐT quy định tiêu chuẩn cơ sở vật chất, được sửa đổi, bổ sung bởi Thông tư số "
     "23/2024/TT-BGDĐT.", [("13", "basis", (1,)), ("23", "mentioned", ())]),
    ("Trước đây trường thực hiện theo Thông tư 36/2017/TT-BGDĐT; nay căn cứ Thông tư 09/2024/TT-BGDĐT.",
     [("36", "history", ()), ("09", "basis", ())]),
    ("Thông tư 58/2011/TT-BGDĐT (đã hết hiệu lực) và Thông tư 22/2021/TT-BGDĐT", [("58", "history", ()),
                                                                                  ("22", "basis", ())]),
])
def test_citation_roles(text: str, expected: list[tuple[str, str, tuple[int, ...]]]) -> None:
    assert _roles(text) == expected


def test_citations_are_recorded_once_with_what_the_finder_read(tmp_path: Path) -> None:
    body = ("Căn cứ Luật Giáo dục năm 2019;\n\n" + _AMENDING + "\n\nI. MỤC ĐÍCH\n\n1. Nâng cao chất lượng.\n")
    text = plan_from_text("TRƯỜNG TIỂU HỌC AN LẠC\n\nSố: 12/KH-THAL\n\nKẾ HOẠCH\nCải tiến chất lượng năm học "
                          "2025-2026\n\n" + body)
    path = build_docx(tmp_path / "c.docx", PlanLayout(left=["TRƯỜNG TIỂU HỌC AN LẠC"], number="Số: 12/KH-THAL",
                                                      title=["KẾ HOẠCH", "Cải tiến chất lượng năm học 2025-2026"],
                                                      body=body))
    for plan in (text, plan_from_file(path)):
        law, amending, *named = plan.citations
        assert (law.doc_type, law.name, law.year, law.role) == ("Luật", "Giáo dục", 2019, "basis")
        assert amending.reference_text == "22/2024/TT-BGDĐT" and amending.issuer_text == "của Bộ Giáo dục và Đào tạo"
        assert amending.head == "Thông tư số 22/2024/TT-BGDĐT" and amending.effective_year == 2024
        assert amending.title_mentions == [2, 3, 4]
        assert [(c.number, c.role) for c in named] == [("17", "mentioned"), ("18", "mentioned"), ("19", "mentioned")]


# --- the plan's own number -----------------------------------------------------------------------------


@pytest.mark.parametrize(("number_text", "symbol", "compact", "abbreviation", "key"), [
    ("05", "KH-MNAB", "KH-MNAB", "KH", (5, "")),
    ("47b", "KH - THCSAL", "KH-THCSAL", "KH", (47, "b")),
    ("", "KH-MNAB", "KH-MNAB", "KH", None),
    ("…", "QĐ-THAL", "QĐ-THAL", "QĐ", None),
    ("12", "KHMNAB", "KHMNAB", None, (12, "")),
])
def test_own_number_is_parsed_once(number_text: str, symbol: str, compact: str, abbreviation: str | None,
                                   key: tuple[int, str] | None) -> None:
    plan = plan_from_text(f"TRƯỜNG MẦM NON AN LẠC\n\nSố: {number_text}/{symbol}\n\nKẾ HOẠCH\nCải tiến chất lượng\n")
    h = plan.header
    assert (h.number_text, h.symbol) == (number_text, symbol)
    assert (h.compact_symbol, h.type_abbreviation, h.number_key) == (compact, abbreviation, key)
    assert Header().number_key is None and Header().compact_symbol is None


def test_the_plan_naming_itself_is_neither_later_nor_a_restatement_error() -> None:
    # KC150 and KC505 read the same number: '05' in the header is '5' in the appendix line.
    plan = plan_from_text("TRƯỜNG MẦM NON AN LẠC\n\nSố: 05/KH-MNAL\n\nAn Lạc, ngày 14 tháng 10 năm 2025\n\n"
                          "KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\nPHỤ LỤC\n\n"
                          "(Kèm theo Kế hoạch số 5/KH-MNAL ngày 14 tháng 10 năm 2025)\n")
    assert run(plan, ["KC150", "KC505"]) == []


# --- one key for a document number, one table of document types ----------------------------------------


def test_number_key() -> None:
    assert number_key("09") == number_key("9") == (9, "")
    assert number_key("047B") == (47, "b") and number_key("47") < number_key("47b") < number_key("100")


@pytest.mark.parametrize(("written", "canonical"), [
    ("TT", "Thông tư"), ("thông tư liên tịch", "Thông tư"), ("Thông  tư", "Thông tư"), ("NĐ", "Nghị định"),
    ("nd", "Nghị định"), ("QĐ.", "Quyết định"), ("văn bản hợp nhất", "Văn bản"), ("Bộ luật", "Luật"),
    ("KH", "Kế hoạch"), ("Tờ trình", "Tờ trình"),
])
def test_document_type_is_one_table(written: str, canonical: str) -> None:
    assert document_type(written) == canonical


def test_the_catalog_and_the_rules_share_types_and_number_keys() -> None:
    assert types_compatible("Công văn", "Hướng dẫn") and types_compatible("Thông tư", None)
    assert not types_compatible("Thông tư", "Nghị định")
    by_abbreviation = find_document("TT", "019", 2018, "TT-BGDĐT")
    assert by_abbreviation is not None and by_abbreviation == find_document("Thông tư", "19", 2018, None)
    [cited] = plan_from_text("Căn cứ Thông tư số 019/2018/TT-BGDĐT;\n").citations
    assert by_abbreviation in same_number_documents(cited, [by_abbreviation])


# --- circular -> school level --------------------------------------------------------------------------


def test_the_circular_map_comes_from_the_criteria_catalog() -> None:
    governs = accreditation_circulars()
    for v in load_versions():
        number, year = v.circular.split("/")[:2]
        assert set(v.school_levels) <= set(governs[(int(number), int(year))])
    assert governs[(19, 2018)][0] == "mam_non" and governs[(18, 2018)] == ("thcs", "thpt", "nhieu_cap")


@pytest.mark.parametrize(("number", "level"), [("19", SchoolLevel.MAM_NON), ("17", SchoolLevel.TIEU_HOC),
                                               ("18", SchoolLevel.THCS)])
def test_the_parser_and_the_rules_read_a_circular_alike(number: str, level: SchoolLevel) -> None:
    plan = plan_from_text(f"KẾ HOẠCH\nCải tiến chất lượng\n\nCăn cứ Thông tư số {number}/2018/TT-BGDĐT;\n")
    assert plan.level_signals["circular"] == level.value and plan.school_level == level
    assert level.value in signal_levels("circular", plan.level_signals["circular"])
    assert signal_levels("circular", "thcs") == {"thcs", "thpt", "nhieu_cap"}
    assert signal_levels("circular", "tieu_hoc") == {"tieu_hoc", "nhieu_cap"}


def test_table_items_carry_their_declared_columns() -> None:
    plan = plan_from_text("KẾ HOẠCH\nCải tiến chất lượng năm học 2025-2026\n\n" + _TABLE_HEAD
                          + "\tTiêu chí 2.2\tĐạt Mức 2\tDự giờ\tTổ trưởng\tTháng 3/2026\n")
    [item] = plan.items
    assert item.columns == {0: "tt", 1: "criterion", 2: "target", 3: "tasks", 4: "responsible", 5: "timing"}
