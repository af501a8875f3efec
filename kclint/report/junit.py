"""JUnit XML for CI dashboards (GitLab, Jenkins, Azure): one test case per finding (a contract).

Each file is a ``<testsuite>``; an error or warning is a ``<failure>``, an info a
passing case with its text in ``<system-out>``; a clean file is one passing case
``kclint``; an unreadable file is one case with an ``<error>``. Written with
``xml.etree``; text is stripped of the control characters XML 1.0 forbids.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from kclint.model import Finding
from kclint.report import DEFAULT_OPTIONS, ReportOptions
from kclint.report import words as w
from kclint.results import FileResult
from kclint.safetext import xml_text


def _details(f: Finding, lang: str) -> str:
    lines = [f"{f.code} {f.rule} ({f.severity.value}): {f.message.get(lang)}"]
    if f.evidence:
        lines.append(f"{w.word('quote', lang)}: “{f.evidence}”")
    where = f.location.describe(lang)
    if where:
        lines.append(f"{w.word('at', lang)}: {where}")
    if f.suggestion:
        lines.append(f"{w.word('fix', lang)}: {f.suggestion.get(lang)}")
    return xml_text("\n".join(lines))


def render(results: Sequence[FileResult], options: ReportOptions = DEFAULT_OPTIONS) -> str:
    lang = options.lang
    root = ET.Element("testsuites", name="kclint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=xml_text(r.path))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if r.error:
            case = ET.SubElement(suite, "testcase", classname=xml_text(r.path), name="read", file=xml_text(r.path))
            err = ET.SubElement(case, "error", type=r.error.code, message=xml_text(r.error.message(lang)))
            err.text = xml_text(r.error.message(lang))
            counts["tests"] += 1
            counts["errors"] += 1
        elif not r.findings:
            ET.SubElement(suite, "testcase", classname=xml_text(r.path), name="kclint", file=xml_text(r.path))
            counts["tests"] += 1
        for f in r.findings:
            where = f.location.describe(lang)
            attrs = {"classname": xml_text(r.path), "file": xml_text(r.path),
                     "name": xml_text(f"{f.code} {f.rule}" + (f" — {where}" if where else ""))}
            if f.location.line is not None:
                attrs["line"] = str(f.location.line)
            case = ET.SubElement(suite, "testcase", attrs)
            counts["tests"] += 1
            if f.severity.value in ("error", "warning"):
                failure = ET.SubElement(case, "failure", type=f.severity.value,
                                        message=xml_text(f.message.get(lang)))
                failure.text = _details(f, lang)
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = _details(f, lang)
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
