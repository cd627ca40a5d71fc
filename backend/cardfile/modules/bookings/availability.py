"""Free slots: the calendar's working hours in its member's time zone, less what is booked.

Pure functions over plain values (no database), so the time-zone rules are tested alone:
- hours are wall-clock times in the calendar's IANA zone; a window is turned into two UTC
  instants and slots are stepped in real elapsed time, so a day when clocks jump has one
  slot fewer (the missing hour) or more (the repeated hour), never a slot that does not exist
  or two slots at the same instant;
- a window starting in a missing hour starts when the clocks have jumped; one starting in a
  repeated hour starts at its first occurrence, and one ending there ends at its second;
- a booking holds its member from `start - buffer_before` to `end + buffer_after`; a slot is
  free for a member when its own held time overlaps none of theirs (the database's exclusion
  constraint says the same, so what is shown free can be booked).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def minutes_of(hm: str) -> int:
    """ "09:30" -> 570; "24:00" (the end of the day) -> 1440."""
    hours, minutes = hm.split(":")
    return int(hours) * 60 + int(minutes)


def local_instant(day: date, hm: str, zone: ZoneInfo, fold: int) -> datetime:
    """The UTC instant of wall time `hm` on `day` in `zone`. fold=0: a missing time is read
    with the offset before the jump (so it lands after it), a repeated one at its first
    occurrence; fold=1: the other way round."""
    total = minutes_of(hm)
    day = day + timedelta(days=total // 1440)
    wall = datetime.combine(day, time(total % 1440 // 60, total % 60), zone).replace(fold=fold)
    return wall.astimezone(UTC)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime


def day_hours(
    day: date,
    weekly_hours: Sequence[Mapping[str, object]],
    overrides: Mapping[date, Sequence[Mapping[str, str]]],
) -> list[tuple[str, str]]:
    if day in overrides:
        return [(str(h["start"]), str(h["end"])) for h in overrides[day]]
    return [(str(h["start"]), str(h["end"])) for h in weekly_hours if h["weekday"] == day.weekday()]


def working_windows(
    weekly_hours: Sequence[Mapping[str, object]],
    overrides: Mapping[date, Sequence[Mapping[str, str]]],
    zone: ZoneInfo,
    start: datetime,
    end: datetime,
) -> list[Window]:
    """The working windows (UTC) of every local day that touches [start, end)."""
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date()
    windows = []
    day = first
    while day <= last:
        for begin, finish in day_hours(day, weekly_hours, overrides):
            window = Window(local_instant(day, begin, zone, 0), local_instant(day, finish, zone, 1))
            if window.start < window.end and window.end > start and window.start < end:
                windows.append(window)
        day += timedelta(days=1)
    return windows


@dataclass
class Held:
    """One member's held times (sorted, never overlapping: the constraint sees to it), as
    epoch seconds: comparing aware datetimes costs a time-zone lookup each time."""

    starts: list[float] = field(default_factory=list)
    ends: list[float] = field(default_factory=list)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        i = bisect_left(self.starts, end.timestamp())  # the held times starting before `end`
        return i > 0 and self.ends[i - 1] > start.timestamp()


def held_times(rows: Iterable[tuple[int, datetime, datetime]]) -> dict[int, Held]:
    """(user_id, held from, held until) rows, sorted by member and start -> each member's
    Held."""
    held: dict[int, Held] = {}
    for user_id, start, end in rows:
        member = held.get(user_id)
        if member is None:
            member = held[user_id] = Held()
        member.starts.append(start.timestamp())
        member.ends.append(end.timestamp())
    return held


@dataclass(frozen=True)
class Rules:
    duration: timedelta
    buffer_before: timedelta
    buffer_after: timedelta
    earliest: datetime  # now + the minimum notice
    latest: datetime  # now + how far ahead
    max_per_day: int | None


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    user_ids: tuple[int, ...]  # the members free then, in the order to offer them


def free_slots(
    windows: Sequence[Window],
    rules: Rules,
    member_ids: Sequence[int],
    held: Mapping[int, Held],
    booked_per_day: Mapping[tuple[int, date], int],
    zone: ZoneInfo,
    start: datetime,
    end: datetime,
) -> list[Slot]:
    """The slots starting in [start, end) that at least one member can take."""
    slots: dict[datetime, Slot] = {}
    for window in windows:
        at = window.start
        while at + rules.duration <= window.end:
            slot_end = at + rules.duration
            if start <= at < end and rules.earliest <= at <= rules.latest and at not in slots:
                hold_from, hold_until = at - rules.buffer_before, slot_end + rules.buffer_after
                local_day = at.astimezone(zone).date()
                free = tuple(
                    user_id
                    for user_id in member_ids
                    if not (user_id in held and held[user_id].overlaps(hold_from, hold_until))
                    and (
                        rules.max_per_day is None
                        or booked_per_day.get((user_id, local_day), 0) < rules.max_per_day
                    )
                )
                if free:
                    slots[at] = Slot(at, slot_end, free)
            at = slot_end
    return [slots[at] for at in sorted(slots)]


def visitor_day_bounds(first: date, last: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """[first 00:00, the day after last 00:00) in the visitor's zone, as UTC instants."""
    start = datetime.combine(first, time(), zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), zone).astimezone(UTC)
    return start, end
