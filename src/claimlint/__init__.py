"""claimlint: a linter for health content.

    import claimlint
    findings = claimlint.lint_text("Zinc cures colds.", path="zinc.md")
    report = claimlint.lint_paths(["articles/"])

See `claimlint.api` for the `Linter`, `Report` and `FileResult`, and `claimlint.config` for
`Settings` and `Config`. The names below are imported when first used, so `import claimlint`
stays cheap.
"""

__version__ = "0.1.0"

_EXPORTS = {
    "lint_text": "claimlint.api", "lint_paths": "claimlint.api", "load_config": "claimlint.api",
    "Linter": "claimlint.api", "Report": "claimlint.api", "FileResult": "claimlint.api",
    "Settings": "claimlint.config", "Config": "claimlint.config", "ConfigError": "claimlint.config",
    "Finding": "claimlint.findings",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'claimlint' has no attribute {name!r}")
    import importlib
    return getattr(importlib.import_module(module), name)
