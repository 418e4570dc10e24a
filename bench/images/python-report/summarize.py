"""Grouping and totals for report.py."""
from collections import OrderedDict


def summarize(rows, group_by, metric):
    """Total, count and mean of `metric` per value of `group_by`, largest total first."""
    groups = OrderedDict()
    for row in rows:
        g = groups.setdefault(row[group_by], {"name": row[group_by], "count": 0, "total": 0.0})
        g["count"] += 1
        g["total"] += float(row[metric])
    for g in groups.values():
        g["mean"] = g["total"] / g["count"]
    return sorted(groups.values(), key=lambda g: (-g["total"], g["name"]))
