#!/usr/bin/env python3
"""End-to-end throughput benchmark of `clean` against `cp -r` and a plain Python cleaner.

    cargo build --release && python3 benches/e2e.py --preset small [--rounds 5] [--jobs N]
        [--clean PATH] [--scaling] [--keep-going] [--json PATH]

It builds (or reuses) a deterministic corpus with ../shared/bench/make_corpus.py under a cache
folder (default .cache/perf/ at the repo root), then times, on a warm page cache, one untimed
warm-up of each tool followed by R rounds in which the tools take turns (round robin, the first
tool rotating each round):

    cp -r CORPUS OUT
    clean CORPUS OUT --quiet --jobs N         (and, with --scaling, --jobs 1)
    python3 benches/py_clean.py CORPUS OUT --jobs N

Every run writes to a fresh OUT, which is deleted (untimed) before the next run. Per run it
records the wall time (time.perf_counter around the child), the user and system CPU of the
child and every descendant it reaped (os.wait4), and the peak RSS (ru_maxrss; see
benches/README.md for what that number means for a multi-process tool). The report (Markdown,
stdout) gives the medians over the rounds; progress goes to stderr; --json writes everything.

Python 3.11 standard library only. GNU time (/usr/bin/time), when present, is used as a thin
launcher so that ru_maxrss is not polluted by this script's own memory (see README).
"""
import argparse
import datetime
import importlib.util
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time

BENCHES = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCHES)
DEFAULT_MAKE_CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py"))
CORPUS_DIRS = {"tiny": "corpus-tiny", "small": "corpus-100m", "1g": "corpus-1g"}
PAGE = os.sysconf("SC_PAGE_SIZE")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg):
    log(f"e2e: error: {msg}")
    sys.exit(2)


# --------------------------------------------------------------------------- corpus

def load_make_corpus(path):
    """Imports make_corpus.py as a module (its main() only runs as a script), for PRESETS."""
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    mod = importlib.util.module_from_spec(spec)
    before, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ beside it
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.dont_write_bytecode = before
    return mod


def tree_stats(root):
    """(files, bytes) of the regular files under root, symlinks not followed."""
    files = size = 0
    stack = [root]
    while stack:
        d = stack.pop()
        with os.scandir(d) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    stack.append(e.path)
                elif e.is_file(follow_symlinks=False):
                    files += 1
                    size += e.stat(follow_symlinks=False).st_size
    return files, size


def corpus_problem(path, summary, preset_params):
    """None when the folder is a complete build of the preset described by summary, else why not."""
    if summary is None:
        return "no summary (never built, or the build did not finish)"
    params = summary.get("params", {})
    for k, v in preset_params.items():
        if params.get(k) != v:
            return f"summary has {k}={params.get(k)!r}, the preset wants {v!r}"
    if params.get("seed") != 1:
        return f"summary has seed={params.get('seed')!r}, the harness uses seed 1"
    if not os.path.isdir(path):
        return "folder missing"
    files, size = tree_stats(path)
    if (files, size) != (summary.get("files"), summary.get("bytes")):
        return f"folder holds {files} files / {size} bytes, summary says {summary.get('files')} / {summary.get('bytes')}"
    return None


def ensure_corpus(a):
    mc = load_make_corpus(a.make_corpus)
    if a.preset not in mc.PRESETS:
        die(f"{a.make_corpus} has no preset {a.preset!r} (it has {sorted(mc.PRESETS)})")
    path = os.path.join(a.cache_dir, CORPUS_DIRS[a.preset])
    spath = path + ".summary.json"
    summary = None
    if os.path.exists(spath):
        with open(spath, encoding="utf-8") as f:
            summary = json.load(f)
    problem = "--rebuild given" if a.rebuild else corpus_problem(path, summary, mc.PRESETS[a.preset])
    if problem is None:
        log(f"corpus: reusing {path} ({summary['files']} files, {summary['bytes']} bytes)")
        return path, summary, False
    log(f"corpus: building {path}: {problem}")
    os.makedirs(a.cache_dir, exist_ok=True)
    for stale in (spath, path + ".manifest.tsv"):
        if os.path.exists(stale):
            os.remove(stale)
    cmd = [sys.executable, a.make_corpus, "--preset", a.preset, "--out", path,
           "--jobs", str(a.gen_jobs or a.jobs), "--force"]
    log("  $ " + shlex.join(cmd))
    t0 = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL)
    if r.returncode != 0:
        die(f"make_corpus.py exited {r.returncode}")
    with open(spath, encoding="utf-8") as f:
        summary = json.load(f)
    problem = corpus_problem(path, summary, mc.PRESETS[a.preset])
    if problem:
        die(f"corpus incomplete after the build: {problem}")
    log(f"corpus: built in {time.perf_counter() - t0:.1f} s")
    return path, summary, True


# --------------------------------------------------------------------------- machine

def read_first(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def mount_of(path):
    best = ("", "?", "?")
    try:
        with open("/proc/mounts") as f:
            for line in f:
                dev, mnt, fstype = line.split()[:3]
                mnt = mnt.replace("\\040", " ")
                if (path == mnt or path.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best[0]):
                    best = (mnt, fstype, dev)
    except OSError:
        pass
    return best


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def is_busy(load, nproc):
    """True when a 1-minute load average (as "a b c") is high enough to disturb a timing."""
    try:
        return float(load.split()[0]) > max(1.0, 0.5 * nproc)
    except (ValueError, IndexError):
        return False


def git_describe():
    try:
        rev = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10)
        if rev.returncode != 0:
            return None
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return rev.stdout.strip() + ("+dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def machine_info(a):
    mem = read_first("/proc/meminfo", "MemTotal")
    mnt, fstype, dev = mount_of(a.cache_dir)
    u = os.uname()
    return dict(
        nproc=len(os.sched_getaffinity(0)), cpu_count=os.cpu_count(),
        cpu_model=read_first("/proc/cpuinfo", "model name") or platform.processor() or "?",
        kernel=f"{u.sysname} {u.release} {u.version} {u.machine}",
        mem_total=f"{int(mem.split()[0]) / (1 << 20):.1f} GiB" if mem and mem.endswith("kB") else mem,
        python=platform.python_version(),
        cache_fs=f"{fstype} on {dev} (mounted at {mnt})",
        loadavg_start=loadavg(), git=git_describe(),
        date=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
    )


def binary_info(path):
    st = os.stat(path)
    info = dict(path=path, bytes=st.st_size,
                mtime=datetime.datetime.fromtimestamp(st.st_mtime).astimezone().isoformat(timespec="seconds"))
    try:
        r = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
        if r.returncode == 0 and r.stdout.strip():
            info["version"] = r.stdout.strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError):
        pass
    return info


# --------------------------------------------------------------------------- running

class Tool:
    """One command under test. argv(out) gives its command line for an output folder."""

    def __init__(self, key, label, argv, ok_codes, reported_codes=()):
        self.key, self.label, self.argv = key, label, argv
        self.ok_codes = set(ok_codes)              # exit statuses that count as a completed run
        self.reported_codes = set(reported_codes)  # ... of which: "ran, some documents reported"
        self.runs = []           # completed timed runs
        self.warmup = None
        self.failed = None       # why the tool was dropped, if it was
        self.failed_run = None


def proc_children():
    """{ppid: [pid, ...]} for every process now visible in /proc."""
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def proc_pss_kb(pid):
    """Proportional set size of pid in KiB (shared pages split among sharers), RSS if no smaps."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE // 1024
    except OSError:
        return 0


class TreeSampler(threading.Thread):
    """Polls the summed PSS of a process tree until stopped; keeps the largest sum seen."""

    def __init__(self, root_pid, skip_root, period=0.05):
        super().__init__(daemon=True)
        self.root, self.skip_root, self.period = root_pid, skip_root, period
        self.peak_kb = 0
        self.peak_procs = 0
        self.samples = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            kids = proc_children()
            tree, todo = [], [self.root]
            while todo:
                p = todo.pop()
                tree.append(p)
                todo.extend(kids.get(p, ()))
            if self.skip_root:
                tree = tree[1:]
            total = sum(proc_pss_kb(p) for p in tree)
            self.samples += 1
            if total > self.peak_kb:
                self.peak_kb, self.peak_procs = total, len(tree)
            self.stop.wait(self.period)


def parse_time_file(path):
    """maxrss KiB and exit info written by GNU time -f 'e2e-maxrss-kb=%M e2e-exit=%x'."""
    maxrss = signal = None
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("e2e-maxrss-kb="):
                    maxrss = int(line.split()[0].split("=")[1])
                elif line.startswith("Command terminated by signal"):
                    signal = int(line.split()[-1])
    except (OSError, ValueError):
        pass
    return maxrss, signal


def run_once(a, tool, outdir, logpath, sample=False):
    """Runs tool once into outdir (which must not exist); returns a record of the run."""
    if os.path.exists(outdir):
        shutil.rmtree(outdir)
    argv = tool.argv(outdir)
    timefile = logpath + ".time"
    wrapped = a.time_bin is not None
    if wrapped:
        argv = [a.time_bin, "-o", timefile, "-f", "e2e-maxrss-kb=%M e2e-exit=%x", "--"] + argv
    sampler = None
    with open(logpath, "wb") as lf:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=lf, stderr=subprocess.STDOUT, cwd=ROOT)
        if sample:
            sampler = TreeSampler(p.pid, skip_root=wrapped)
            sampler.start()
        _, status, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
    p.returncode = os.waitstatus_to_exitcode(status)
    rec = dict(wall_s=t1 - t0, user_s=ru.ru_utime, sys_s=ru.ru_stime, exit=p.returncode,
               wait4_maxrss_kb=ru.ru_maxrss)
    if wrapped:
        maxrss, sig = parse_time_file(timefile)
        rec["maxrss_kb"] = maxrss
        if sig is not None:
            rec["exit"] = -sig
    else:
        rec["maxrss_kb"] = ru.ru_maxrss
    if sampler is not None:
        sampler.stop.set()
        sampler.join()
        rec["tree_pss_peak_kb"] = sampler.peak_kb
        rec["tree_pss_procs"] = sampler.peak_procs
        rec["tree_pss_samples"] = sampler.samples
    return rec


def log_tail(path, n=15):
    try:
        with open(path, "rb") as f:
            lines = f.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-n:])


def remove_output(outdir):
    if os.path.exists(outdir):
        shutil.rmtree(outdir)
    os.sync()  # let no write-back of one run's output spill into the next run


RUSAGE_CHECK = r"""
import sys, time
from multiprocessing import Pool
def burn(i):
    t = time.process_time()
    if i == 0:
        b = bytearray(96 << 20)
        for k in range(0, len(b), 4096):
            b[k] = 1
    while time.process_time() - t < 0.15:
        pass
    return time.process_time() - t
if __name__ == "__main__":
    pool = Pool(2)
    worker_cpu = sum(pool.imap_unordered(burn, range(6)))
    pool.close()
    pool.join()
    print(f"{worker_cpu:.4f} {time.process_time():.4f}")
"""


def rusage_check(a, workdir):
    """Shows that os.wait4 on the top process counts the CPU and RSS of Pool workers it reaped.

    A Pool of 2 burns CPU in 6 tasks, one of which touches 96 MiB; the workers time themselves.
    wait4's user+sys must cover the workers' own count plus the parent's, and the peak RSS must
    be at least the 96 MiB that only a worker held."""
    tool = Tool("check", "rusage check", lambda out: [a.python, "-c", RUSAGE_CHECK], {0})
    logpath = os.path.join(workdir, "rusage-check.log")
    rec = run_once(a, tool, os.path.join(workdir, "rusage-check-out"), logpath)
    try:
        worker_cpu, parent_cpu = map(float, log_tail(logpath, 1).split())
    except ValueError:
        return dict(ok=False, note="the check program failed:\n" + log_tail(logpath))
    seen = rec["user_s"] + rec["sys_s"]
    expected = worker_cpu + parent_cpu
    cpu_ok = seen >= 0.95 * expected
    rss_ok = (rec["maxrss_kb"] or 0) >= 96 * 1024
    note = (f"Pool(2) workers timed {worker_cpu:.2f} s CPU themselves, the parent {parent_cpu:.2f} s; "
            f"wait4 on the top process saw {seen:.2f} s user+sys "
            f"({'covers' if cpu_ok else 'does NOT cover'} them) and a peak RSS of "
            f"{(rec['maxrss_kb'] or 0) / 1024:.0f} MiB "
            f"({'includes' if rss_ok else 'does NOT include'} the 96 MiB a worker touched)")
    return dict(ok=cpu_ok and rss_ok, note=note, worker_cpu_s=worker_cpu, parent_cpu_s=parent_cpu,
                wait4_cpu_s=seen, maxrss_kb=rec["maxrss_kb"])


# --------------------------------------------------------------------------- report

def median(xs):
    return statistics.median(xs) if xs else None


def summarize(tool):
    runs = tool.runs
    if not runs:
        return None
    rss = [r["maxrss_kb"] for r in runs if r["maxrss_kb"] is not None]
    return dict(wall_s=median([r["wall_s"] for r in runs]), user_s=median([r["user_s"] for r in runs]),
                sys_s=median([r["sys_s"] for r in runs]), maxrss_kb=median(rss) if rss else None,
                wall_min_s=min(r["wall_s"] for r in runs), wall_max_s=max(r["wall_s"] for r in runs),
                rounds=len(runs), exits=sorted({r["exit"] for r in runs}))


def fmt(x, nd=2):
    return "—" if x is None else f"{x:.{nd}f}"


def ratio(x, y, nd=2):
    return None if x is None or not y else round(x / y, nd)


def build_report(a, machine, corpus_path, summary, built, tools, check, results):
    L = []
    w = L.append
    nbytes = summary["bytes"]
    w(f"# clean end-to-end benchmark: preset `{a.preset}`")
    w("")
    w("## Machine")
    w(f"- nproc: {machine['nproc']} (os.cpu_count: {machine['cpu_count']}); CPU: {machine['cpu_model']}")
    w(f"- kernel: {machine['kernel']}")
    w(f"- memory: {machine['mem_total']}; Python {machine['python']}; output and corpus on {machine['cache_fs']}")
    w(f"- load average at start: {machine['loadavg_start']}, at end: {machine.get('loadavg_end', '?')}; "
      f"date: {machine['date']}; repo: {machine['git'] or 'no commit'}")
    if machine.get("busy"):
        w(f"- **warning: the machine was busy** ({machine['busy']}); the times are not trustworthy")
    if "clean_binary" in machine:
        b = machine["clean_binary"]
        w(f"- clean binary: `{b['path']}` ({b['bytes']} bytes, built {b['mtime']}"
          + (f", `{b['version']}`" if "version" in b else "") + ")")
    w("")
    w("## Corpus")
    p = summary.get("params", {})
    w(f"- preset `{a.preset}` at `{corpus_path}` ({'built now' if built else 'reused from the cache'})")
    w(f"- {summary['files']} files in {summary.get('dirs', '?')} folders, {nbytes} bytes "
      f"({nbytes / 1e6:.1f} MB, {nbytes / (1 << 20):.1f} MiB); median file {summary.get('median_file_bytes')} B, "
      f"largest {summary.get('max_file_bytes')} B")
    w(f"- generator: seed {p.get('seed')}, {p.get('big')} big files of {p.get('big_mb')} MiB, "
      f"{p.get('empty')} empty, invalid-UTF-8 share {p.get('bad_utf8_frac')}; digest {summary.get('digest')}")
    w(f"- kinds and flags: " + ", ".join(f"{k} {v}" for k, v in sorted(summary.get("counts", {}).items())))
    w("")
    w("## Commands")
    w(f"Warm page cache: one untimed warm-up run of each tool, then {a.rounds} rounds, the tools taking "
      f"turns (the first tool rotates each round). OUT is a fresh folder on the same file system, "
      f"deleted (untimed, then `sync`) after every run.")
    w("")
    w("```")
    for t in tools:
        w("$ " + shlex.join(t.argv("OUT")))
    w("```")
    if a.time_bin:
        w(f"Each command is started through `{a.time_bin} -o FILE -f %M --` (only to read its peak RSS; "
          f"see README).")
    else:
        w(f"GNU time was not used: every peak RSS below is at least this script's own peak RSS, "
          f"{machine['harness_maxrss_kb'] * 1024 / 1e6:.1f} MB, which a child inherits through fork + exec "
          f"(see README).")
    w("")
    w(f"## Results (median of {a.rounds} rounds)")
    w("")
    w("| tool | wall s | user CPU s | sys CPU s | MB/s | × cp -r (wall) | user CPU ÷ clean | peak RSS MB | tree PSS MB (warm-up, sampled) |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    cp = results.get("cp")
    cl = results.get("clean")
    for t in tools:
        s = results.get(t.key)
        pss = t.warmup.get("tree_pss_peak_kb") if t.warmup else None
        if s is None:
            w(f"| {t.label} | FAILED: {t.failed} | | | | | | | |")
            continue
        mbps = nbytes / 1e6 / s["wall_s"]
        rss = None if s["maxrss_kb"] is None else s["maxrss_kb"] * 1024 / 1e6
        w(f"| {t.label} | {fmt(s['wall_s'], 3)} | {fmt(s['user_s'])} | {fmt(s['sys_s'])} | {mbps:.1f} | "
          f"{fmt(ratio(s['wall_s'], cp and cp['wall_s']))} | "
          f"{fmt(ratio(s['user_s'], cl and cl['user_s']))} | {fmt(rss, 1)} | "
          f"{fmt(None if pss is None else pss * 1024 / 1e6, 1)} |")
    w("")
    py = results.get("py")
    if py and cl:
        w(f"- user CPU python ÷ clean: **{fmt(ratio(py['user_s'], cl['user_s']))}**; "
          f"wall python ÷ clean: **{fmt(ratio(py['wall_s'], cl['wall_s']))}**")
    j1 = results.get("clean-j1")
    if j1 and cl:
        w(f"- clean speed-up from --jobs 1 to --jobs {a.jobs}: **{fmt(ratio(j1['wall_s'], cl['wall_s']))}×** "
          f"(wall {fmt(j1['wall_s'], 3)} s → {fmt(cl['wall_s'], 3)} s)")
    if cl and cp:
        w(f"- clean wall ÷ cp -r wall: **{fmt(ratio(cl['wall_s'], cp['wall_s']))}**")
    for t in tools:
        s = results.get(t.key)
        if s and s["exits"] != [0]:
            codes = ", ".join(str(c) for c in s["exits"])
            why = (" (1 = ran to the end, some documents reported, e.g. invalid UTF-8: expected)"
                   if set(s["exits"]) <= t.reported_codes | {0} else "")
            w(f"- {t.label}: exit status {codes} in the timed runs{why}")
        if t.warmup and "out_files" in t.warmup:
            w(f"- {t.label} warm-up wrote {t.warmup['out_files']} files, {t.warmup['out_bytes']} bytes")
    w(f"- CPU accounting check: {check['note']}" if check else "- CPU accounting check: skipped")
    w("")
    w("Wall time of every round, s:")
    w("")
    w("| tool | " + " | ".join(f"r{i + 1}" for i in range(a.rounds)) + " | min | max |")
    w("|---|" + "---:|" * (a.rounds + 2))
    for t in tools:
        s = results.get(t.key)
        walls = [fmt(r["wall_s"], 3) for r in t.runs] + [""] * (a.rounds - len(t.runs))
        w(f"| {t.label} | " + " | ".join(walls) + f" | {fmt(s and s['wall_min_s'], 3)} | {fmt(s and s['wall_max_s'], 3)} |")
    w("")
    # User CPU moves from round to round on a shared machine as much as wall time does; the
    # spread shows how far a ratio of medians can be trusted.
    w("User CPU of every round, s:")
    w("")
    w("| tool | " + " | ".join(f"r{i + 1}" for i in range(a.rounds)) + " | min | max |")
    w("|---|" + "---:|" * (a.rounds + 2))
    for t in tools:
        users = [r["user_s"] for r in t.runs]
        cells = [fmt(u, 2) for u in users] + [""] * (a.rounds - len(users))
        low, high = (min(users), max(users)) if users else (None, None)
        w(f"| {t.label} | " + " | ".join(cells) + f" | {fmt(low, 2)} | {fmt(high, 2)} |")
    w("")
    w("MB = 10^6 bytes. MB/s = corpus bytes ÷ median wall. Peak RSS: ru_maxrss from wait4, the largest "
      "single process (for python: the parent or one worker, not their sum). Tree PSS: the largest summed "
      "proportional set size of all the tool's processes, polled every 50 ms during the warm-up. "
      "See benches/README.md.")
    return "\n".join(L) + "\n"


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", choices=sorted(CORPUS_DIRS), default="small",
                    help="corpus size: tiny (~3 MiB, 300 files), small (~100 MiB, 10k files), 1g (~1 GiB, 100k files)")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds (default 5)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="--jobs passed to clean and py_clean.py (default os.cpu_count())")
    ap.add_argument("--clean", default=os.path.join(ROOT, "target", "release", "clean"),
                    help="path of the clean binary (default target/release/clean)")
    ap.add_argument("--clean-args", default="",
                    help="extra arguments appended to both clean commands, e.g. '--rules rules/vi-news.toml'")
    ap.add_argument("--py-args", default="",
                    help="extra arguments appended to the py_clean.py command, e.g. '--lossy'")
    ap.add_argument("--scaling", action="store_true", help="also time clean --jobs 1 and report the speed-up")
    ap.add_argument("--keep-going", action="store_true",
                    help="when a tool fails, report it and go on with the others (default: stop)")
    ap.add_argument("--json", metavar="PATH", help="write every measurement as JSON to PATH")
    ap.add_argument("--tools", default="cp,clean,py",
                    help="comma list among cp, clean, py (default all three)")
    ap.add_argument("--cache-dir", default=os.path.join(ROOT, ".cache", "perf"),
                    help="where the corpus and the output folders go (default .cache/perf at the repo root)")
    ap.add_argument("--make-corpus", default=DEFAULT_MAKE_CORPUS,
                    help="path of make_corpus.py (default ../shared/bench/make_corpus.py from the repo root)")
    ap.add_argument("--gen-jobs", type=int, help="processes for building the corpus (default --jobs)")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the corpus even if a complete one is cached")
    ap.add_argument("--python", default=sys.executable, help="interpreter for py_clean.py (default this one)")
    ap.add_argument("--time-bin", default="/usr/bin/time",
                    help="GNU time used as launcher for an exact peak RSS; 'none' to use wait4's ru_maxrss")
    ap.add_argument("--no-check", action="store_true", help="skip the CPU/RSS accounting self-check")
    a = ap.parse_args()

    if a.rounds < 1:
        die("--rounds must be at least 1")
    if a.jobs < 1:
        die("--jobs must be at least 1")
    a.cache_dir = os.path.abspath(a.cache_dir)
    a.make_corpus = os.path.abspath(a.make_corpus)
    keys = [k.strip() for k in a.tools.split(",") if k.strip()]
    unknown = set(keys) - {"cp", "clean", "py"}
    if unknown or not keys:
        die(f"--tools: unknown {sorted(unknown)}; choose among cp, clean, py")
    if not os.path.isfile(a.make_corpus):
        die(f"{a.make_corpus}: not found (use --make-corpus PATH)")
    if a.time_bin.lower() == "none":
        a.time_bin = None
    elif not (os.path.isfile(a.time_bin) and os.access(a.time_bin, os.X_OK)) or \
            subprocess.run([a.time_bin, "-f", "%M", "true"], capture_output=True).returncode != 0:
        log(f"e2e: {a.time_bin} (GNU time) not usable; peak RSS falls back to wait4's ru_maxrss, which is "
            f"at least this script's own peak RSS (apt-get install time)")
        a.time_bin = None
    clean_bin = None
    if "clean" in keys:
        clean_bin = os.path.abspath(a.clean)
        if not (os.path.isfile(clean_bin) and os.access(clean_bin, os.X_OK)):
            die(f"{clean_bin}: no executable (run `cargo build --release`, or pass --clean PATH)")
    extra = shlex.split(a.clean_args)
    if a.scaling and a.jobs == 1:
        log("e2e: warning: --scaling with --jobs 1 times the same command twice")
    py_extra = shlex.split(a.py_args)

    machine = machine_info(a)
    if is_busy(machine["loadavg_start"], machine["nproc"]):
        log(f"e2e: warning: load average {machine['loadavg_start']} on {machine['nproc']} CPUs: "
            f"other work is running, the times will be noisy")
    if clean_bin:
        machine["clean_binary"] = binary_info(clean_bin)
    corpus, summary, built = ensure_corpus(a)

    tools = []
    if "cp" in keys:
        tools.append(Tool("cp", "cp -r", lambda out: ["cp", "-r", corpus, out], {0}))
    if "clean" in keys:
        tools.append(Tool("clean", f"clean --jobs {a.jobs}",
                          lambda out: [clean_bin, corpus, out, "--quiet", "--jobs", str(a.jobs)] + extra,
                          {0, 1}, {1}))
        if a.scaling:
            tools.append(Tool("clean-j1", "clean --jobs 1",
                              lambda out: [clean_bin, corpus, out, "--quiet", "--jobs", "1"] + extra,
                              {0, 1}, {1}))
    if "py" in keys:
        py_clean = os.path.join(BENCHES, "py_clean.py")
        tools.append(Tool("py", f"python py_clean.py --jobs {a.jobs}",
                          lambda out: [a.python, py_clean, corpus, out, "--jobs", str(a.jobs)] + py_extra,
                          {0, 1}, {1}))

    work = os.path.join(a.cache_dir, "e2e-run")
    os.makedirs(work, exist_ok=True)
    outdir = {t.key: os.path.join(work, f"out-{t.key}") for t in tools}
    logs = {t.key: os.path.join(work, f"{t.key}.log") for t in tools}

    check = None
    if not a.no_check:
        check = rusage_check(a, work)
        log(("rusage check: " if check["ok"] else "rusage check FAILED: ") + check["note"])

    def failed(t, rec, phase):
        t.failed = f"exit {rec['exit']} ({phase})"
        log(f"e2e: {t.label} failed in the {phase}: exit status {rec['exit']}; last lines of {logs[t.key]}:")
        log(log_tail(logs[t.key]))
        if not a.keep_going:
            remove_output(outdir[t.key])
            die(f"{t.label} failed (use --keep-going to go on with the other tools)")

    log(f"warm-up: {', '.join(t.label for t in tools)}")
    for t in tools:
        rec = run_once(a, t, outdir[t.key], logs[t.key], sample=True)
        if rec["exit"] in t.ok_codes:
            rec["out_files"], rec["out_bytes"] = tree_stats(outdir[t.key]) if os.path.isdir(outdir[t.key]) else (0, 0)
        t.warmup = rec
        log(f"  {t.label}: {rec['wall_s']:.3f} s wall, exit {rec['exit']}")
        remove_output(outdir[t.key])
        if rec["exit"] not in t.ok_codes:
            failed(t, rec, "warm-up")

    for r in range(a.rounds):
        k = r % len(tools)
        order = tools[k:] + tools[:k]
        for t in order:
            if t.failed:
                continue
            rec = run_once(a, t, outdir[t.key], logs[t.key])
            rec["round"] = r + 1
            remove_output(outdir[t.key])
            log(f"round {r + 1}/{a.rounds} {t.label}: {rec['wall_s']:.3f} s wall, {rec['user_s']:.2f} user, "
                f"{rec['sys_s']:.2f} sys, maxrss {(rec['maxrss_kb'] or 0) / 1024:.0f} MiB, exit {rec['exit']}")
            if rec["exit"] in t.ok_codes:
                t.runs.append(rec)
            else:
                t.failed_run = rec
                failed(t, rec, f"round {r + 1}")

    machine["loadavg_end"] = loadavg()
    machine["harness_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    busy = [x for x in (machine["loadavg_start"], machine["loadavg_end"]) if is_busy(x, machine["nproc"])]
    if busy:
        machine["busy"] = "1-minute load average " + " / ".join(b.split()[0] for b in busy) + \
                          f" on {machine['nproc']} CPUs (start / end)"
    results = {t.key: summarize(t) for t in tools if not t.failed}
    report = build_report(a, machine, corpus, summary, built, tools, check, results)
    sys.stdout.write(report)
    sys.stdout.flush()

    if a.json:
        doc = dict(
            preset=a.preset, rounds=a.rounds, jobs=a.jobs, machine=machine,
            corpus=dict(path=corpus, built_now=built, files=summary["files"], bytes=summary["bytes"],
                        dirs=summary.get("dirs"), digest=summary.get("digest"), params=summary.get("params"),
                        counts=summary.get("counts")),
            time_wrapper=a.time_bin, rusage_check=check,
            tools=[dict(key=t.key, label=t.label, command=t.argv("OUT"), failed=t.failed,
                        warmup=t.warmup, runs=t.runs, failed_run=t.failed_run, median=results.get(t.key))
                   for t in tools],
            ratios=dict(
                wall_vs_cp={t.key: ratio(results[t.key]["wall_s"], results["cp"]["wall_s"], 4)
                            for t in tools if t.key in results and "cp" in results},
                user_cpu_py_over_clean=ratio(results["py"]["user_s"], results["clean"]["user_s"], 4)
                if "py" in results and "clean" in results else None,
                clean_scaling_j1_over_jn=ratio(results["clean-j1"]["wall_s"], results["clean"]["wall_s"], 4)
                if "clean-j1" in results and "clean" in results else None,
            ),
            mb_per_s={k: round(summary["bytes"] / 1e6 / v["wall_s"], 2) for k, v in results.items()},
            report_markdown=report,
        )
        os.makedirs(os.path.dirname(os.path.abspath(a.json)), exist_ok=True)
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
        log(f"json: {a.json}")
    return 1 if any(t.failed for t in tools) or (check and not check["ok"]) else 0


if __name__ == "__main__":
    sys.exit(main())
