"""The sections `careerguide import` drafts from data, one module per section.

Each module turns what the O*NET and BLS files hold into a section of the guide model,
in plain words a student reads without help, every figure citing its source id. The
words are per language (`words.py`); O*NET's own texts (tasks, descriptions) stay as
O*NET publishes them, in English, and a Spanish draft says so.
"""
