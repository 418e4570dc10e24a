#!/usr/bin/env python3
"""Render bench/images/results.json (written by bench/images/run) as RESULTS.md.

usage: report.py RESULTS_JSON RESULTS_MD
"""
import json
import statistics
import sys

MB = 1_000_000


def mb(n):
    return "—" if n is None else f"{n / MB:.1f} MB"


def secs(s):
    return "—" if s is None else f"{s:.1f} s"


def pct(before, after):
    if before in (None, 0) or after is None:
        return None
    return 100.0 * (after - before) / before


def fmt_pct(p):
    return "—" if p is None else f"{p:+.0f}%"


def status(v):
    """Build and smoke status of one variant, in words."""
    if not v.get("build_ok"):
        return "**build FAILED**"
    s = v.get("smoke")
    out = "pass" if s == "pass" else "**smoke FAILED**"
    if v.get("healthcheck") not in (None, "none"):
        out += f", healthcheck {v['healthcheck']}" if v["healthcheck"] == "pass" else ", **healthcheck FAILED**"
    if v.get("rebuild_ok") is False:
        out += ", **rebuild FAILED**"
    return out


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def good(v):
    return v.get("build_ok") and v.get("smoke") == "pass"


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src) as f:
        r = json.load(f)
    apps = r["apps"]
    L = []
    w = L.append
    w("# Image benchmark results")
    w("")
    w("Real images built before and after `dfopt --fix --unsafe-fixes`, by `bench/images/run`")
    w("(see [README.md](README.md) for what is measured and how).")
    w("")
    w(f"- command: `{r['command']}`")
    w(f"- date: {r['date']}; total run time {r['total_seconds'] / 60:.0f} min")
    w(f"- dfopt: commit {r['dfopt_commit']}; binary {r['dfopt_binary']} built {r['dfopt_binary_mtime']} (sha256 {r.get('dfopt_binary_sha256', '?')}…)")
    w(f"- machine: {r['machine']}")
    w(f"- builder: {r['builder']}")
    loads = [v.get("load_before_build") for a in apps
             for v in [a["naive"], a["optimized"]] + list(a.get("attribution") or [])
             if v.get("load_before_build") is not None]
    if loads:
        w(f"- 1-minute load average before each cold build: median {statistics.median(loads):.1f}, "
          f"range {min(loads):.1f}–{max(loads):.1f} (other work on the machine makes build times noisy)")
    if not r.get("complete", True):
        w("- **incomplete run** (interrupted): only the applications below were measured")
    bases = r.get("base_image_bytes", {})
    w("- base images (made by `bench/images/make-bases`): "
      + ", ".join(f"{k} {mb(v)}" for k, v in bases.items()))
    w("")

    # -- summary -----------------------------------------------------------------------------
    both = [a for a in apps if good(a["naive"]) and good(a["optimized"])]
    failed_opt = [a for a in apps if good(a["naive"]) and not good(a["optimized"])]
    failed_naive = [a for a in apps if not good(a["naive"])]
    w("## Summary")
    w("")
    w(f"{len(apps)} applications; naive image builds and passes its smoke test: "
      f"{len(apps) - len(failed_naive)}/{len(apps)}; optimized image builds and passes: "
      f"{sum(1 for a in apps if good(a['optimized']))}/{len(apps)}.")
    w("")
    if failed_opt or failed_naive:
        w("**Failures** (each one of an optimized image is a dfopt bug to fix):")
        w("")
        for a in failed_naive:
            w(f"- `{a['app']}` naive: {status(a['naive'])} — {one_line(a['naive'].get('error'))}")
        for a in failed_opt:
            w(f"- `{a['app']}` optimized: {status(a['optimized'])} — {one_line(a['optimized'].get('error'))}")
        w("")
    w(f"Medians over the {len(both)} applications whose naive and optimized images both build "
      "and pass their smoke tests (change = median of the per-application changes):")
    w("")
    w("| | naive | optimized | change | target |")
    w("|---|---:|---:|---:|---:|")

    def row(label, key, fmt, target=""):
        nb = median([a["naive"][key] for a in both])
        na = median([a["optimized"][key] for a in both])
        ch = median([pct(a["naive"][key], a["optimized"][key]) for a in both])
        w(f"| {label} | {fmt(nb)} | {fmt(na)} | {fmt_pct(ch)} | {target} |")

    row("image size (uncompressed)", "size_bytes", mb, "−60%")
    row("image size (gzip, as pushed)", "compressed_bytes", mb)
    row("layers", "layers", lambda x: "—" if x is None else f"{x:g}")
    row("cold build", "build_seconds", secs)
    row("rebuild after a source edit", "rebuild_seconds", secs, "−50%")
    w("")

    # -- per app -------------------------------------------------------------------------------
    w("## Per application")
    w("")
    w("Size: uncompressed (`podman image inspect .Size`) / gzip-compressed layers. Cold build: "
      "`--no-cache`. Rebuild: after appending a comment line to the named source file, with the "
      "layer cache of the cold build and one settling build (README.md).")
    w("")
    w("| app | variant | size | gzip | layers | cold build | rebuild | status |")
    w("|---|---|---:|---:|---:|---:|---:|---|")
    for a in apps:
        n, o = a["naive"], a["optimized"]
        w(f"| `{a['app']}` | naive | {mb(n.get('size_bytes'))} | {mb(n.get('compressed_bytes'))} | "
          f"{n.get('layers') or '—'} | {secs(n.get('build_seconds'))} | {secs(n.get('rebuild_seconds'))} | {status(n)} |")
        w(f"| | optimized | {mb(o.get('size_bytes'))} | {mb(o.get('compressed_bytes'))} | "
          f"{o.get('layers') or '—'} | {secs(o.get('build_seconds'))} | {secs(o.get('rebuild_seconds'))} | {status(o)} |")
        w(f"| | change | {fmt_pct(pct(n.get('size_bytes'), o.get('size_bytes')))} | "
          f"{fmt_pct(pct(n.get('compressed_bytes'), o.get('compressed_bytes')))} | "
          f"{fmt_pct(pct(n.get('layers'), o.get('layers')))} | "
          f"{fmt_pct(pct(n.get('build_seconds'), o.get('build_seconds')))} | "
          f"{fmt_pct(pct(n.get('rebuild_seconds'), o.get('rebuild_seconds')))} | "
          f"dfopt exit {o.get('dfopt_exit')}; edit `{a['change_file']}` |")
    w("")
    w("Rules dfopt reported on each naive Dockerfile, and the files `--fix --unsafe-fixes` changed "
      "(diffs: `results/<app>/dfopt.diff`):")
    w("")
    for a in apps:
        o = a["optimized"]
        rules = ", ".join(o.get("rules_reported") or []) or "none"
        files = ", ".join(f"`{x}`" for x in (o.get("changed_files") or [])) or "none"
        w(f"- `{a['app']}`: changed {files}; rules: {rules}")
    w("")

    # -- errors ----------------------------------------------------------------------------------
    errs = [(a["app"], v, a[k]) for a in apps for k, v in (("naive", "naive"), ("optimized", "optimized"))
            if a[k].get("error")]
    if errs:
        w("## Errors")
        w("")
        for app, variant, v in errs:
            w(f"### `{app}` {variant}")
            w("")
            w("```")
            w(v["error"].rstrip())
            w("```")
            w("")

    # -- attribution -----------------------------------------------------------------------------
    if r.get("attribution"):
        w("## Attribution to single transforms")
        w("")
        w("Each rule that changes an application on its own "
          "(`dfopt --fix --unsafe-fixes --select RULE`): a cold build, the smoke test and the "
          "rebuild after the same source edit, as for the naive and optimized images. "
          "Changes are relative to the naive image; they do not add up to the combined result "
          "(transforms interact: e.g. cleaning apt lists saves nothing while they sit in an "
          "earlier layer).")
        w("")
        w("| app | rule | size | change | gzip change | layers | cold build | rebuild | change | status |")
        w("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
        per_rule = {}
        for a in apps:
            n = a["naive"]
            for t in a.get("attribution") or []:
                ds = pct(n.get("size_bytes"), t.get("size_bytes"))
                dc = pct(n.get("compressed_bytes"), t.get("compressed_bytes"))
                dr = pct(n.get("rebuild_seconds"), t.get("rebuild_seconds"))
                w(f"| `{a['app']}` | `{t['rule']}` | {mb(t.get('size_bytes'))} | {fmt_pct(ds)} | {fmt_pct(dc)} | "
                  f"{t.get('layers') or '—'} | {secs(t.get('build_seconds'))} | {secs(t.get('rebuild_seconds'))} | "
                  f"{fmt_pct(dr)} | {status(t)} |")
                e = per_rule.setdefault(t["rule"], {"apps": 0, "size": [], "bytes": [], "rebuild": [], "broken": []})
                e["apps"] += 1
                if good(t) and good(n):
                    e["size"].append(ds)
                    e["bytes"].append((n["size_bytes"] or 0) - (t["size_bytes"] or 0))
                    e["rebuild"].append(dr)
                else:
                    e["broken"].append(a["app"])
        w("")
        w("Per rule, over the applications it changes:")
        w("")
        w("| rule | apps changed | median size change | total bytes saved | median rebuild change | broke |")
        w("|---|---:|---:|---:|---:|---|")
        for rule, e in sorted(per_rule.items(), key=lambda kv: -sum(kv[1]["bytes"])):
            broke = ", ".join(f"`{x}`" for x in e["broken"]) or "—"
            w(f"| `{rule}` | {e['apps']} | {fmt_pct(median(e['size']))} | {mb(sum(e['bytes']))} | "
              f"{fmt_pct(median(e['rebuild']))} | {broke} |")
        w("")
    with open(dst, "w") as f:
        f.write("\n".join(L))


def one_line(s):
    if not s:
        return ""
    s = " ".join(s.split())
    return s if len(s) < 300 else s[:297] + "…"


if __name__ == "__main__":
    main()
