"""Actors stage: recognise actor mentions and link them to the actor dictionary."""

from datetime import date

from curation.actors.dictionary import ActorDictionary, AliasEntry, RoleEntry, load_dictionary
from curation.actors.link import find_mentions


def actor_for_event(dictionary: ActorDictionary | None, actor_id: str, on_date: date | None) -> str:
    """The actor an event is coded with: a person holding an office on ``on_date`` is coded
    as the office's actor (``coded_as`` in roles.csv, e.g. USA-GOV), anyone else as themselves."""
    if dictionary is None:
        return actor_id
    return dictionary.actor_for_event(actor_id, on_date)


__all__ = ["ActorDictionary", "AliasEntry", "RoleEntry", "actor_for_event", "find_mentions", "load_dictionary"]
