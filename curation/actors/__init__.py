"""Actors stage: recognise actor mentions and link them to the actor dictionary."""

from curation.actors.link import find_mentions

__all__ = ["find_mentions"]
