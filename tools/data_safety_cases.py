"""Measure the data-safety cases of issue 12 against a checkout (this one by default).

    python tools/data_safety_cases.py [TREE] [--runs N]

Each case drives the command line of TREE in real processes, in a fresh READER_HOME, and
prints one row: what happened, counted (saved vs present, files moved aside, tracebacks).
Cases that need root (tmpfs, read-only bind mounts) say "skipped" elsewhere. The figures
in docs/design/data-safety.md come from running this on the old and the new code.
"""
from __future__ import annotations

import glob
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
TREE = Path(next((a for a in sys.argv[1:] if not a.startswith("-")), HERE)).resolve()
RUNS = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
WORKERS = HERE / "tests" / "faults" / "workers.py"


def env(home: Path) -> dict:  # (code run with -c also gets cwd=home: '' is on its path)
    return dict(os.environ, READER_HOME=str(home), PYTHONPATH=str(TREE),
                QT_QPA_PLATFORM="offscreen")


def cli(home: Path, *argv: str, wait: bool = True):
    args = [sys.executable, str(TREE / "main.py"), *argv]
    if not wait:
        return subprocess.Popen(args, env=env(home), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    return subprocess.run(args, env=env(home), capture_output=True, text=True, timeout=600)


def shape(done) -> str:
    """'ok', 'traceback', or 'N-line error' for a finished command."""
    err = done.stderr if isinstance(done.stderr, str) else done.stderr.decode("utf-8", "replace")
    if "Traceback" in err:
        return "traceback"
    errors = [line for line in err.splitlines() if line.startswith("error")]
    return "ok" if done.returncode == 0 else f"{len(errors)}-line error (exit {done.returncode})"


def home() -> Path:
    path = Path(tempfile.mkdtemp(prefix="safety-"))
    (path / "data").mkdir()
    return path


def moved(h: Path) -> int:
    return len(glob.glob(str(h / "**" / "*.corrupt-*"), recursive=True))


def count(db: Path, sql: str) -> int:
    try:
        con = sqlite3.connect(db)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return -1


def imported(h: Path, n: int) -> list[str]:
    ids = []
    for i in range(n):
        source = h / f"a{i}.txt"
        source.write_text(f"第{i}篇文章\n正文{i}。\n", encoding="utf-8")
        ids.append(cli(h, "import", str(source)).stdout.strip())
    return ids


def listed(h: Path, ids: list[str]) -> int:
    out = cli(h, "library", "list").stdout
    return sum(i in out for i in ids)


def glossary_terms(h: Path) -> int:
    text = (h / "data" / "glossary_user.toml").read_text(encoding="utf-8", errors="replace")
    return text.count("[[term]]")


ADD = ("glossary", "add", "--category", "strategy", "--en", "x", "--zh", "解释", "--")


def case_concurrent_glossary() -> str:
    h = home()
    procs = [subprocess.Popen([sys.executable, str(WORKERS), "glossary-add", "200", p],
                              env=env(h), stdout=subprocess.PIPE, text=True) for p in "AB"]
    saved = sum(json.loads(p.communicate()[0].splitlines()[-1])["saved"] for p in procs)
    return f"{saved} reported saved, {glossary_terms(h)} in the file"


def case_bad_entry() -> str:
    h = home()
    bad = '[[term]]\nterm = "坏条目"\ncategory = "no such"\nen = "x"\nzh = "y"\n'
    (h / "data" / "glossary_user.toml").write_text(bad, encoding="utf-8")
    done = cli(h, *ADD, "新词")
    kept = bad in (h / "data" / "glossary_user.toml").read_text(encoding="utf-8")
    return f"add: {shape(done)}; bad entry {'kept' if kept else 'dropped'}"


def case_gbk_file() -> str:
    h = home()
    data = '[[term]]\nterm = "好"\ncategory = "strategy"\nen = "x"\nzh = "中文"\n'.encode("gbk")
    path = h / "data" / "glossary_user.toml"
    path.write_bytes(data)
    done = cli(h, *ADD, "新词")
    return f"add: {shape(done)}; file {'unchanged' if path.read_bytes() == data else 'replaced'}"


def case_window_outside_edit() -> str:
    """An open window (one Glossary object) edits after the CLI added an entry."""
    h = home()
    fields = "category='strategy', en='x', zh='y'"
    code = ("from reader.core.services import Services as S\n"
            "w = S().glossary\n"
            f"w.save_entry(dict(term='窗口一', {fields}))\n"
            f"S().glossary.save_entry(dict(term='命令行', {fields}))\n"
            f"w.save_entry(dict(term='窗口二', {fields}))\n")
    subprocess.run([sys.executable, "-c", code], env=env(h), capture_output=True, cwd=h)
    text = (h / "data" / "glossary_user.toml").read_text(encoding="utf-8")
    return f"{sum(n in text for n in ('窗口一', '命令行', '窗口二'))} of 3 entries in the file"


def case_first_use() -> str:
    totals = dict(reported=0, present=0, moved=0, errors=0)
    for _ in range(RUNS):
        h = home()
        procs = [subprocess.Popen([sys.executable, str(WORKERS), "first-use", "5", f"p{i}"],
                                  env=env(h), stdout=subprocess.PIPE, text=True)
                 for i in range(8)]
        reports = [json.loads(p.communicate()[0].splitlines()[-1]) for p in procs]
        data = h / "data"
        have = {"cards": ("flashcards.sqlite3", "SELECT simplified FROM notes"),
                "articles": ("library/library.sqlite3", "SELECT id FROM articles"),
                "cached": ("translations.sqlite3", "SELECT source_text FROM translation")}
        for key, (db, sql) in have.items():
            try:
                con = sqlite3.connect(data / db)
                present = {r[0] for r in con.execute(sql)}
                con.close()
            except sqlite3.Error:
                present = set()
            for r in reports:
                totals["reported"] += len(r[key])
                totals["present"] += len(set(r[key]) & present)
        totals["errors"] += sum(len(r["errors"]) for r in reports)
        totals["moved"] += moved(h)
    return (f"{RUNS} runs: {totals['reported']} commits reported, {totals['present']} present, "
            f"{totals['moved']} files moved aside, {totals['errors']} errors")


def _locked(h: Path, db: Path, seconds: float, *argv: str) -> str:
    holder = subprocess.Popen([sys.executable, str(WORKERS), "hold-lock", str(db),
                               str(seconds)], env=env(h), stdout=subprocess.PIPE, text=True)
    holder.stdout.readline()
    done = cli(h, *argv)
    holder.wait()
    return shape(done)


def case_flashcards_locked() -> str:
    h = home()
    source = h / "t.txt"
    source.write_text("腾讯的To B业务和产业互联网。\n", encoding="utf-8")
    cli(h, "glossary", "save", str(source), "--deck", "D")
    db = h / "data" / "flashcards.sqlite3"
    before = count(db, "SELECT COUNT(*) FROM notes")
    other = h / "u.txt"
    other.write_text("阿里云的中台战略和私域流量。\n", encoding="utf-8")
    result = _locked(h, db, 12, "glossary", "save", str(other), "--deck", "E")
    after = count(db, "SELECT COUNT(*) FROM notes")
    return f"save: {result}; {moved(h)} moved aside; notes {before} -> {after}"


def case_library_locked() -> str:
    h = home()
    ids = imported(h, 2)
    cli(h, "library", "rename", ids[0], "我的标题")
    db = h / "data" / "library" / "library.sqlite3"
    result = _locked(h, db, 6, "library", "rename", ids[1], "另一个")
    kept = "我的标题" in cli(h, "library", "list").stdout
    return f"rename: {result}; {moved(h)} moved aside; custom title {'kept' if kept else 'lost'}"


def case_cache_locked() -> str:
    h = home()
    db = h / "data" / "translations.sqlite3"
    code = ("import sys; from reader.core.translate.cache import TranslationCache as C\n"
            "c = C(__import__('pathlib').Path(sys.argv[1])); c.put('google','en','你好','hi')\n")
    subprocess.run([sys.executable, "-c", code, str(db)], env=env(h), cwd=h)
    holder = subprocess.Popen([sys.executable, str(WORKERS), "hold-lock", str(db), "8"],
                              env=env(h), stdout=subprocess.PIPE, text=True)
    holder.stdout.readline()
    done = subprocess.run([sys.executable, "-c", code.replace("你好", "再见"), str(db)],
                          env=env(h), capture_output=True, text=True, cwd=h)
    holder.wait()
    return f"put: {shape(done)}; {moved(h)} moved aside"


def _tmpfs(size: str = "2m") -> Path | None:
    mount = Path(tempfile.mkdtemp(prefix="disk-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
                      capture_output=True).returncode:
        return None
    return mount


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for block in (65536, 1):
            try:
                while True:
                    handle.write(b"\0" * block)
            except OSError:
                pass
    return filler


def case_disk_full() -> str:
    disk = _tmpfs()
    if disk is None:
        return "skipped (no tmpfs)"
    h = disk / "home"
    (h / "data").mkdir(parents=True)
    ids = imported(h, 20)
    filler = _fill(disk)
    shapes = [shape(cli(h, "library", "list")),
              shape(cli(h, *ADD, "满盘")),
              shape(cli(h, "library", "rename", ids[0], "新"))]
    filler.unlink()
    seen = listed(h, ids)
    n_moved = moved(h)
    subprocess.run(["umount", "-l", str(disk)])
    return (f"list/add/rename: {', '.join(shapes)}; {n_moved} moved aside; "
            f"{seen} of {len(ids)} articles listed after space is freed")


def case_zero_byte_index() -> str:
    h = home()
    ids = imported(h, 5)
    db = h / "data" / "library" / "library.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"")
    done = cli(h, "library", "list")
    notice = "notice" in done.stderr or "rebuilt" in done.stderr
    return f"{sum(i in done.stdout for i in ids)} of 5 listed; notice: {'yes' if notice else 'no'}"


def case_nested_settings() -> str:
    h = home()
    (h / "data" / "settings.json").write_text("[" * 100_000, encoding="utf-8")
    return f"library list: {shape(cli(h, 'library', 'list'))}"


def case_same_file_4x() -> str:
    h = home()
    source = h / "same.txt"
    source.write_text("同一篇\n" + "正文。" * 300 + "\n", encoding="utf-8")
    procs = [cli(h, "import", str(source), wait=False) for _ in range(4)]
    results = []
    for p in procs:
        out, err = p.communicate()
        results.append(shape(subprocess.CompletedProcess([], p.returncode, out, err)))
    n = count(h / "data" / "library" / "library.sqlite3", "SELECT COUNT(*) FROM articles")
    return f"{', '.join(sorted(results))}; {n} article(s)"


def case_pdf_bomb() -> str:
    h = home()
    stream = zlib.compress(b" " * 80_000_000, 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
            + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o
                                                         for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    (h / "bomb.pdf").write_bytes(bytes(out))
    return f"import: {shape(cli(h, 'import', str(h / 'bomb.pdf')))}"


def case_csv_field() -> str:
    h = home()
    source = h / "big.csv"
    source.write_text("term,category,en,zh\n大词,strategy,\"" + "x" * 200_000 + "\",解释\n",
                      encoding="utf-8")
    return f"import-user: {shape(cli(h, 'glossary', 'import-user', str(source)))}"


def case_library_is_a_file() -> str:
    h = home()
    (h / "data" / "library").write_text("x", encoding="utf-8")
    return f"library list: {shape(cli(h, 'library', 'list'))}"


def case_remove_prefix() -> str:
    h = home()
    [article] = imported(h, 1)
    done = cli(h, "library", "remove", article[:6])
    return f"remove {article[:6]}: {shape(done)}; article {'kept' if listed(h, [article]) else 'removed'}"


def case_title_escapes() -> str:
    h = home()
    source = h / "t.txt"
    source.write_text("正文。\n", encoding="utf-8")
    cli(h, "import", str(source), "--title", "\x1b[2J红\x1b]0;x\x07色\u202e")
    line = cli(h, "library", "list").stdout.splitlines()[-1]
    return "escapes kept in the title" if "\x1b" in line or "\u202e" in line else "title clean"


def case_export_symlink() -> str:
    h = home()
    cli(h, *ADD, "导出")
    real = h / "real.csv"
    real.write_text("keep", encoding="utf-8")
    link = h / "link.csv"
    link.symlink_to(real)
    done = cli(h, "glossary", "export-user", str(link))
    return (f"export: {shape(done)}; link {'kept' if link.is_symlink() else 'replaced'}, "
            f"target {'unchanged' if real.read_text() == 'keep' else 'changed'}")


def case_translate_xx() -> str:
    done = cli(home(), "translate", "你好", "--to", "xx")
    return f"exit {done.returncode}"


CASES = [case_concurrent_glossary, case_bad_entry, case_gbk_file, case_window_outside_edit,
         case_first_use, case_flashcards_locked, case_library_locked, case_cache_locked,
         case_disk_full, case_zero_byte_index, case_nested_settings, case_same_file_4x,
         case_pdf_bomb, case_csv_field, case_library_is_a_file, case_remove_prefix,
         case_title_escapes, case_export_symlink, case_translate_xx]


if __name__ == "__main__":
    only = {a for a in sys.argv[1:] if a.startswith("case_")}
    for case in CASES:
        if only and case.__name__ not in only:
            continue
        started = time.perf_counter()
        try:
            result = case()
        except Exception as exc:  # noqa: BLE001 - a measuring script reports and goes on
            result = f"measurement failed: {type(exc).__name__}: {exc}"
        print(f"{case.__name__[5:]:<24} {result}  ({time.perf_counter() - started:.0f} s)",
              flush=True)
