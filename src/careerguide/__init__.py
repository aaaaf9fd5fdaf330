"""careerguide: a career written once as YAML, printed as a polished PDF and HTML handout."""


def __getattr__(name: str) -> str:
    """`__version__`: the version in pyproject.toml (its one source), as installed.

    Read on first use, so `careerguide --help` does not pay for importlib.metadata.
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("careerguide")
    except PackageNotFoundError:  # a source tree put on the path by hand, not installed
        return "0+unknown"
