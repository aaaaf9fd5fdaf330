"""The demand word: an occupation's projected change against all occupations' change."""

DEMAND_WORDS = (
    "Much faster than average",
    "Faster than average",
    "About as fast as average",
    "Slower than average",
    "Declining",
)


def demand_word(change: float, total: float) -> str:
    """The change compared with all occupations' change, in points of percent."""
    if change >= total + 5:
        return "Much faster than average"
    if change >= total + 2:
        return "Faster than average"
    if change > total - 2:
        return "About as fast as average"
    if change >= 0:
        return "Slower than average"
    return "Declining"
