"""Rule kinds: the only code that judges text. A YAML rule picks a kind and gives it data."""


def reported_span(match) -> tuple[int, int]:
    """The part of a pattern match to report: the first named group `span…` that matched, else all of it."""
    for name in match.re.groupindex:
        if name.startswith("span") and match.group(name) is not None:
            return match.span(name)
    return match.span()
