"""Stands in for the shop's export of a day of orders: seeded by the day, so every run of one day writes the same
file. Amounts are written as the export writes them, with a thousands separator (1,234.50)."""

import csv
import random

import reprise

REGIONS = ["north", "south", "east", "west"]


def orders(day, count):
    rng = random.Random(day)
    with open("orders.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["order_id", "region", "amount"])
        for n in range(1, count + 1):
            cents = rng.randint(500, 250_000)
            writer.writerow([f"{day}-{n:05d}", rng.choice(REGIONS), f"{cents / 100:,.2f}"])
    print(f"{count} orders of {day}")
    reprise.output_file("file", "orders.csv")
    return {"orders": count}
