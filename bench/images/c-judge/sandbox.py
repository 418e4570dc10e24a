"""Compiling and running one submission in a temporary directory."""
import os
import subprocess
import tempfile

CC = os.environ.get("CC", "gcc")
TIME_LIMIT = float(os.environ.get("TIME_LIMIT", "2"))


def compile_and_run(source, stdin):
    with tempfile.TemporaryDirectory(prefix="judge-") as tmp:
        src = os.path.join(tmp, "main.c")
        exe = os.path.join(tmp, "main")
        with open(src, "w") as f:
            f.write(source)
        cc = subprocess.run([CC, "-O2", "-std=c11", "-o", exe, src, "-lm"],
                            capture_output=True, text=True, timeout=30)
        if cc.returncode != 0:
            return {"verdict": "compile-error", "log": cc.stderr[-4000:]}
        try:
            run = subprocess.run([exe], input=stdin, capture_output=True, text=True, timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            return {"verdict": "time-limit"}
        verdict = "ok" if run.returncode == 0 else "runtime-error"
        return {"verdict": verdict, "exit": run.returncode, "stdout": run.stdout[-4000:]}
