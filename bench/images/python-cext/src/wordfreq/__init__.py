"""Word frequencies of a text; the counting is done by a C extension."""
from wordfreq._count import count_words

__all__ = ["count_words"]
