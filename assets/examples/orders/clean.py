"""Reads the day's orders and gives them back as rows whose amounts are numbers."""

import csv

import reprise


def amount(text):
    return float(text)


given = reprise.inputs()
rows = []
with open(given["orders"], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        rows.append({"order_id": row["order_id"], "region": row["region"], "amount": amount(row["amount"])})
print(f"{len(rows)} orders cleaned")
reprise.output("rows", rows)
