"""The fit checklist: "You might enjoy this if you ..." from the interest profile (RIASEC
high points, first first) and the work styles O*NET ranks highest for the job."""

from typing import Any

from ...data.onet import Onet
from .tradeoffs import ranked_styles
from .words import Words

STYLES_SHOWN = 3
MAYBE_NOT = 3


def fit(onet: Onet, code: str, w: Words) -> dict[str, Any] | None:
    """{good_fit, maybe_not, cite}, or None without interests or work styles."""
    interests = onet.interests.get(code, [])
    styles = [
        s.name for s in ranked_styles(onet.work_styles.get(code, [])) if s.name in w["styles"]
    ]
    good = [w["interests"][name][0] for name in interests]
    good += [w["styles"][name][2] for name in styles[:STYLES_SHOWN]]
    maybe = [w["interests"][name][1] for name in interests]
    maybe += [w["styles"][name][3] for name in styles[:STYLES_SHOWN] if w["styles"][name][3]]
    if not good:
        return None
    good_fit = [_sentence(w("fit_item", text=text)) for text in good]
    maybe_not = list(dict.fromkeys(maybe))[:MAYBE_NOT]
    threshold = min(3, len(good_fit))
    return {"threshold": threshold, "good_fit": good_fit, "maybe_not": maybe_not, "cite": ["onet"]}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
