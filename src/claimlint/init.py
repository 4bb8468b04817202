"""`claimlint init`: write a commented starter configuration file."""
from __future__ import annotations

import os
import sys

import click

STARTER = """\
# claimlint configuration (https://claimlint.dev/configuration).
# claimlint reads the closest .claimlint.yaml, claimlint.yaml or pyproject.toml [tool.claimlint]
# in an article's folder or above it. `claimlint --show-settings ARTICLE` prints what applies to
# one article and where each value came from. Paths below are relative to this file.

# Which rules run: codes (CL201), code prefixes (CL2), names (uncited-statistic) or ALL.
# select: [ALL]
# extend-select: []
ignore: []

# Exit with status 1 when a finding has at least this severity: error, warning or info.
fail-on: error

# A severity for every finding of a rule.
# severity:
#   missing-disclaimer: info

# Options per rule (see `claimlint --explain CL301` for a rule's options).
# rules:
#   CL301:
#     max_age_months: 12

# Extra rule packs (YAML files or folders of them).
# rule-packs: [style/claims-extra.yaml]

# Paths not to check, besides hidden folders, node_modules, venv and __pycache__
# (gitignore-style globs; .gitignore is respected too unless respect-gitignore is false).
extend-exclude: []

# The format of other extensions: markdown, html or text.
# formats:
#   mdx: markdown

# The metadata keys (front matter, meta tags, JSON-LD) that hold the reviewer, date or disclaimer.
# metadata:
#   reviewer: [medical_reviewer]

# What the site's page template adds to every page, so it need not be in the file.
# provided: [disclaimer]

# HTML page chrome that is not article text.
# html:
#   boilerplate-selectors: [nav, footer, .related, "#comments"]

# Settings for some paths only; later sections win.
# overrides:
#   - paths: ["news/**"]
#     rules:
#       CL301: {max_age_months: 36}
"""


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing .claimlint.yaml.")
def init(folder, force):
    """Write a commented starter .claimlint.yaml in FOLDER (default: the current folder)."""
    target = os.path.join(folder, ".claimlint.yaml")
    if os.path.exists(target) and not force:
        click.echo(f"claimlint: {target} already exists (use --force to replace it)", err=True)
        sys.exit(2)
    try:
        os.makedirs(folder, exist_ok=True)
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(STARTER)
    except OSError as exc:
        click.echo(f"claimlint: cannot write {target}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    click.echo(f"Wrote {target}")
