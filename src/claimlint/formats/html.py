"""The health report page (see `claimlint.report`), for `claimlint report` and `--format html`."""


def render(report, options) -> str:
    from claimlint import report as health_report
    return health_report.render(report)
