"""Reading TimeML files: the raw text of ``<TEXT>``, its DCT, its gold TIMEX3 and EVENT spans and its TLINKs.

Offsets are character offsets into the text with every tag removed, which is
the text the temporal stage sees, so system and gold spans compare directly.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from curation.errors import Errors, EvaluationError


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One TIMEX3 annotation of a TimeML file."""

    start: int
    end: int
    text: str
    timex_type: str
    value: str
    mod: str | None
    tid: str = ""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One EVENT annotation: its span, its class and its instances' ids (MAKEINSTANCE eiid)."""

    eid: str
    start: int
    end: int
    text: str
    event_class: str
    instances: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TLink:
    """One TLINK: ``source`` (an event instance or a timex id) stands in ``rel_type`` to ``target``."""

    rel_type: str
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """The parts of a TimeML file the temporal evaluation needs."""

    path: str
    doc_id: str
    dct: date | None
    dct_value: str
    text: str
    timexes: tuple[GoldTimex, ...]
    events: tuple[GoldEvent, ...] = ()
    tlinks: tuple[TLink, ...] = ()
    dct_tid: str = ""


def _dct(root: ET.Element) -> tuple[date | None, str, str]:
    node = root.find("DCT/TIMEX3")
    if node is None:
        return None, "", ""
    value = node.get("value", "")
    try:
        return date.fromisoformat(value[:10]), value, node.get("tid", "")
    except ValueError:
        return None, value, node.get("tid", "")


def _flatten(elem: ET.Element, parts: list[str], gold: list[GoldTimex], offset: int,
             events: list[GoldEvent] | None = None) -> int:
    """Append the text under ``elem`` to ``parts``; record TIMEX3 spans; return the new offset."""
    if elem.text:
        parts.append(elem.text)
        offset += len(elem.text)
    for child in elem:
        start = offset
        offset = _flatten(child, parts, gold, offset, events)
        if child.tag == "TIMEX3":
            text = "".join(child.itertext())
            gold.append(GoldTimex(start=start, end=offset, text=text, timex_type=child.get("type", ""),
                                  value=child.get("value", ""), mod=child.get("mod"), tid=child.get("tid", "")))
        elif child.tag == "EVENT" and events is not None:
            events.append(GoldEvent(eid=child.get("eid", ""), start=start, end=offset,
                                    text="".join(child.itertext()), event_class=child.get("class", "")))
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Parse one TimeML file; raise :class:`EvaluationError` (E050) when it cannot be read."""
    p = Path(path)
    try:
        root = ET.parse(p).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvaluationError(Errors.E050.format(path=p, detail=exc)) from exc
    text_node = root.find("TEXT")
    if text_node is None:
        raise EvaluationError(Errors.E050.format(path=p, detail="no <TEXT> element"))
    parts: list[str] = []
    gold: list[GoldTimex] = []
    events: list[GoldEvent] = []
    _flatten(text_node, parts, gold, 0, events)
    dct, dct_value, dct_tid = _dct(root)
    doc_id = (root.findtext("DOCID") or p.stem).strip()
    instances: dict[str, list[str]] = {}
    for mi in root.iter("MAKEINSTANCE"):
        instances.setdefault(mi.get("eventID", ""), []).append(mi.get("eiid", ""))
    events = [GoldEvent(eid=e.eid, start=e.start, end=e.end, text=e.text, event_class=e.event_class,
                        instances=tuple(instances.get(e.eid, ()))) for e in events]
    tlinks = []
    for tl in root.iter("TLINK"):
        src = tl.get("eventInstanceID") or tl.get("timeID") or ""
        tgt = tl.get("relatedToEventInstance") or tl.get("relatedToTime") or ""
        if src and tgt:
            tlinks.append(TLink(rel_type=tl.get("relType", ""), source=src, target=tgt))
    return TimeMLDoc(path=str(p), doc_id=doc_id, dct=dct, dct_value=dct_value, text="".join(parts),
                     timexes=tuple(sorted(gold, key=lambda g: (g.start, g.end))),
                     events=tuple(sorted(events, key=lambda e: (e.start, e.end))), tlinks=tuple(tlinks),
                     dct_tid=dct_tid)


def timeml_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every ``.tml`` file named or found (recursively) under ``paths``, sorted."""
    out: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.update(f for f in p.rglob("*.tml") if f.is_file())
        elif p.is_file():
            out.add(p)
        else:
            raise EvaluationError(Errors.E050.format(path=p, detail="no such file or folder"))
    return sorted(out)


def iter_corpus(paths: Iterable[str | Path]) -> Iterator[TimeMLDoc]:
    """Read every TimeML file under ``paths`` in sorted order."""
    for f in timeml_files(paths):
        yield read_timeml(f)


def corpus_hash(root: str | Path) -> str:
    """sha256 over the sorted relative names and contents of the ``.tml`` files under ``root``."""
    base = Path(root)
    h = hashlib.sha256()
    for f in timeml_files([base]):
        h.update(f.relative_to(base).as_posix().encode("utf-8") + b"\0")
        h.update(f.read_bytes() + b"\0")
    return h.hexdigest()
