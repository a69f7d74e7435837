"""Strip site boilerplate from scraped text documents with the rules of ``clean``.

The same compiled rules and cleaning core as the ``clean`` command line, so a document cleaned
here is byte for byte what ``clean IN OUT`` writes for it::

    from clean_rules import Cleaner
    cleaner = Cleaner()                       # the built-in rules
    cleaner.clean(text)                       # -> cleaned text
    cleaner.clean_batch(texts)                # -> list, cleaned in parallel without the GIL
    cleaner.explain(text)["removals"]         # -> which rule removed which line

``clean_rules.ray.CleanBatch`` cleans a text column in ``Dataset.map_batches``.
"""

from clean_rules._core import Cleaner, RuleError, __version__

__all__ = ["Cleaner", "RuleError", "__version__"]
