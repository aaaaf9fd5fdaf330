"""careerguide: a career written once as YAML, printed as a polished PDF and HTML handout."""

__version__ = "0.1.0"
