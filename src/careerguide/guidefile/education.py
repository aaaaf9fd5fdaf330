"""A guide's typical entry education as one of BLS's eight categories.

The site's filter offers those eight and no free text, and the booklet's table at a glance
prints the same answer, so a career reads the same wherever a student meets it.
"""

from ..core.words import plain
from .model import Guide

# BLS's typical entry-level education categories (Employment Projections), in order.
BLS_EDUCATION = (
    "No formal educational credential",
    "High school diploma or equivalent",
    "Postsecondary nondegree award",
    "Some college, no degree",
    "Associate's degree",
    "Bachelor's degree",
    "Master's degree",
    "Doctoral or professional degree",
)
# Words of an education route written by hand (folded, English or Spanish) -> its category.
ROUTE_HINTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Doctoral or professional degree", (" phd ", " doctoral ", " doctorate ", " doctorado ")),
    ("Master's degree", (" master", " maestria ", " masters ")),
    (
        "Bachelor's degree",
        (" bachelor", " 4-year ", " four-year ", " licenciatura ", " carrera universitaria "),
    ),
    ("Associate's degree", (" associate", " 2-year ", " two-year ", " community college ")),
    ("Postsecondary nondegree award", (" certificate ", " certificado ", " bootcamp ")),
    ("Some college, no degree", (" some college ",)),
    ("High school diploma or equivalent", (" high school ", " ged ", " preparatoria ")),
)


def entry_education(guide: Guide) -> str:
    """The typical entry-level education as one of BLS's categories: the category `import`
    wrote from BLS's projections (in a route's or a pathway step's detail), else the
    category of the route marked typical or most workers took, read from its words (English
    or Spanish); "" when neither says."""
    details = [route.detail or "" for route in guide.education]
    details += [f"{stage.stage}: {stage.detail or ''}" for stage in guide.pathway]
    for detail in details:
        if "bls" in detail.lower() or "entry" in detail.lower():
            for category in BLS_EDUCATION:
                if category in detail:
                    return category
    if not guide.education:
        return ""
    marked = [route for route in guide.education if route.typical_entry]
    most = marked[0] if marked else max(guide.education, key=lambda route: route.share or 0)
    words = f" {' '.join(plain(most.route).split())} "
    return next(
        (category for category, hints in ROUTE_HINTS if any(hint in words for hint in hints)), ""
    )
