"""JUnit XML, which CI dashboards read: one test case per file, one failure per finding, an
error for a file that could not be checked."""
from __future__ import annotations

import xml.etree.ElementTree as ET


def render(report, options) -> str:
    failures = len(report.findings)
    errors = len(report.errors)
    suites = ET.Element("testsuites", name="claimlint", tests=str(len(report.files) + len(report.problems)),
                        failures=str(failures), errors=str(errors))
    suite = ET.SubElement(suites, "testsuite", name="claimlint", tests=str(len(report.files) + len(report.problems)),
                          failures=str(failures), errors=str(errors))
    for result in report.files:
        case = ET.SubElement(suite, "testcase", classname="claimlint", name=result.path, file=result.path)
        if result.error is not None:
            ET.SubElement(case, "error", message=result.error, type="unreadable").text = result.error
        for f in result.findings:
            failure = ET.SubElement(case, "failure", message=f"{f.code} {f.rule}: {f.message}", type=f.severity)
            failure.text = f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} [{f.rule}] {f.message}"
    for problem in report.problems:
        case = ET.SubElement(suite, "testcase", classname="claimlint", name=problem)
        ET.SubElement(case, "error", message=problem, type="path").text = problem
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
