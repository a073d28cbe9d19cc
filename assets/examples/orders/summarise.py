"""Totals the day's orders by region and writes them as a report, the busiest region first."""

import csv

import reprise


def by_region(rows):
    if not rows:
        raise ValueError("no orders to summarise")
    totals = {}
    for row in rows:
        totals[row["region"]] = totals.get(row["region"], 0) + row["amount"]
    ranked = sorted(totals.items(), key=lambda item: item[1], reverse=True)
    with open("by_region.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["region", "total"])
        for region, total in ranked:
            writer.writerow([region, f"{total:.2f}"])
            print(f"{region:>6}  {total:12,.2f}")
    reprise.output_file("report", "by_region.csv")
    return {"total": round(sum(totals.values()), 2), "busiest": ranked[0][0],
            "by_region": {region: round(total, 2) for region, total in ranked}}
