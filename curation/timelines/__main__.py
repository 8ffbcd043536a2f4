"""``python -m curation.timelines``: print the timeline column dictionary (docs/timelines.md)."""

from curation.timelines.build import column_dictionary

print(column_dictionary(), end="")
