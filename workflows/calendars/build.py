#!/usr/bin/env python3
"""Builds iran-<year>.json (Solar Hijri years) from iran-holidays-1403-1405.csv beside this script.

The CSV is a copy of ../shared/domain/iran-holidays-1403-1405.csv (checked dates with sources; see
../shared/domain/iran-calendar-notes.md). Run from anywhere:

    python3 workflows/calendars/build.py            # rewrite the JSON files
    python3 workflows/calendars/build.py --check    # exit 1 if a JSON file differs from the CSV

Output is deterministic (CSV row order, UTF-8, two-space indent, trailing newline), so a rerun on an
unchanged CSV changes nothing. The engine tests (HolidayDataFilesTests) check the same agreement.
"""
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV = HERE / "iran-holidays-1403-1405.csv"
SOURCE = (
    "Official public holidays of Iran (one entry per holiday and day). Lunar dates from the "
    "University of Tehran Calendar Center tables, cross-checked with vacanza/holidays and time.ir; "
    "1405 from the Calendar Center's official 1405 calendar (lunar dates may still move by a day "
    "after the moon-sighting announcement). Built by workflows/calendars/build.py from "
    "iran-holidays-1403-1405.csv."
)
TYPES = {"solar", "lunar", "one-off"}


def load():
    years = {}
    with CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["type"] not in TYPES:
                sys.exit(f"{CSV.name}: unknown type {row['type']!r} on {row['jalali']}")
            year = int(row["persian_year"])
            if not row["jalali"].startswith(f"{year}/"):
                sys.exit(f"{CSV.name}: {row['jalali']} is not in year {year}")
            years.setdefault(year, []).append({
                "date": row["jalali"],
                "gregorian": row["gregorian"],
                "type": row["type"],
                "name": row["name_fa"],
                "nameEn": row["name_en"],
            })
    return years


def render(year, holidays):
    doc = {"year": year, "source": SOURCE, "holidays": holidays}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    differs = []
    for year, holidays in sorted(load().items()):
        path = HERE / f"iran-{year}.json"
        text = render(year, holidays)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differs.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.name}: {len(holidays)} holidays")
    if differs:
        sys.exit("out of date (run build.py): " + ", ".join(differs))


if __name__ == "__main__":
    main()
