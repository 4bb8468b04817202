"""`claimlint clean`: empty the results cache, or only what no run has used for a while."""
from __future__ import annotations

import sys

import click


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--cache-dir", metavar="DIR", help="The cache folder (default: $CLAIMLINT_CACHE_DIR, else .claimlint_cache).")
@click.option("--older-than", "days", type=click.FloatRange(min=0), metavar="DAYS",
              help="Only entries no run has used for this many days.")
def clean(cache_dir, days):
    """Remove the results cache (entries are kept until removed; a hit marks an entry used)."""
    from claimlint import cache

    root = cache.cache_dir(cache_dir)
    if not root.exists():
        click.echo(f"Nothing to clean: {root} does not exist")
        return
    try:
        files, freed = cache.clean(root, days)
    except ValueError as exc:
        click.echo(f"claimlint: {exc}: not cleaned", err=True)
        sys.exit(2)
    click.echo(f"Removed {files} file{'s' if files != 1 else ''} ({freed / 2**20:.1f} MB) from {root}")
