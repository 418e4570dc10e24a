#!/usr/bin/env python3
"""Reads sales records (CSV) on standard input and prints a Markdown report.

The grouping, the metric and the title come from a YAML configuration file; the report is
rendered with a Jinja2 template. Libraries: Debian's python3-yaml and python3-jinja2.
"""
import argparse
import csv
import sys
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader

from summarize import summarize


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", default="config.yaml")
    parser.add_argument("--template", default="report.md.j2")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parent
    config = yaml.safe_load((here / args.config).read_text())
    rows = list(csv.DictReader(sys.stdin))
    groups = summarize(rows, config["group_by"], config["metric"])
    env = Environment(loader=FileSystemLoader(here / "templates"), trim_blocks=True, lstrip_blocks=True)
    sys.stdout.write(env.get_template(args.template).render(config=config, groups=groups, rows=len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
