"""Reading-core budgets (issue 2): warm and cold annotation, the hover path, scaling, memory."""
from __future__ import annotations

import json
import random
import subprocess
import sys
import time

from common import ROOT, alternate, ensure_home, percentile, repeated_corpus, run_python, seed_000


def warm(services) -> None:
    import jieba

    from reader.core.text.pipeline import Annotator

    text = seed_000()
    core = Annotator(services.segmenter, services.pinyin)  # the core pipeline alone
    full = services.annotator  # with every feature layer (glossary, people, ...)
    core.annotate(text)
    full.annotate(text)
    simplified = core.annotate(text).simplified
    jieba.setLogLevel(60)
    jieba.initialize()
    times = alternate({
        "lcut": lambda: jieba.lcut(simplified),
        "core": lambda: core.annotate(text),
        "full": lambda: full.annotate(text),
    })
    print(f"core: warm annotate seed 000 ({len(text):,} chars) {times['core'] * 1000:.0f} ms = "
          f"{times['core'] / times['lcut']:.2f}x jieba.lcut ({times['lcut'] * 1000:.0f} ms) "
          f"(budget <= 2x)")
    print(f"core: with all feature layers {times['full'] * 1000:.0f} ms = "
          f"{times['full'] / times['lcut']:.2f}x jieba.lcut")


def cold(article_id: str) -> None:
    text_path = ROOT / "corpus"
    seed = sorted(text_path.glob("000-*.txt"))[0]
    baseline = (
        "import jieba,sys; jieba.setLogLevel(60); jieba.initialize();"
        f"t=open({str(seed)!r},encoding='utf-8').read(); t=t[t.index(chr(10)+'---'+chr(10))+5:];"
        "from opencc import OpenCC; jieba.lcut(OpenCC('t2s').convert(t))"
    )
    ours = ["main.py", "annotate", "--article", article_id, "--json"]
    run_python(ours)  # caches (dictionary index, pinyin tables) exist before timing
    base_times, our_times = [], []
    for _ in range(5):
        base_times.append(run_python(["-c", baseline]))
        our_times.append(run_python(ours))
    b, o = min(base_times), min(our_times)
    print(f"core: cold `annotate --json` of seed 000 {o:.2f} s = {o / b:.2f}x bare "
          f"jieba import+initialize+lcut ({b:.2f} s) (budget <= 1.5x)")


def dictionary_open(services) -> None:
    from reader.core.text.dictionary import Dictionary

    path = services.dictionary._path  # built by now; time a fresh open of the index
    samples = []
    for word in ("银行", "行", "騰訊", "产业", "互联网"):
        t0 = time.perf_counter()
        dictionary = Dictionary(path)
        dictionary.lookup(word)
        samples.append(time.perf_counter() - t0)
    print(f"core: dictionary open + first lookup {max(samples) * 1000:.2f} ms worst of "
          f"{len(samples)} (budget <= 1 ms after open; the index is built once, ~3 s)")


def hover_path(services) -> None:
    text = repeated_corpus(1_000_000)
    annotator = services.annotator
    started = time.perf_counter()
    document = annotator.annotate(text)
    elapsed = time.perf_counter() - started
    dictionary = services.dictionary
    rng = random.Random(7)
    samples = []
    for _ in range(20_000):
        offset = rng.randrange(len(text))
        t0 = time.perf_counter()
        token = document.token_at(offset, "traditional")
        _ = token.pinyin
        dictionary.lookup(token.simplified)
        samples.append(time.perf_counter() - t0)
    print(f"core: hover path (offset -> token + pinyin + entries) on 1M chars: "
          f"p50 {percentile(samples, 50) * 1e3:.3f} ms, p99 {percentile(samples, 99) * 1e3:.3f} ms "
          f"(budget p99 <= 1 ms); 1M annotated in {elapsed:.1f} s")


def scaling() -> None:
    code = (
        "import json,sys,time; sys.path.insert(0,'bench');"
        "from common import peak_rss_kib, repeated_corpus; from reader.core.services import Services;"
        "a=Services().annotator; a.initialize(); a.annotate(repeated_corpus(20000));"
        "n=int(sys.argv[1]); t=repeated_corpus(n); s=time.perf_counter(); d=a.annotate(t);"
        "e=time.perf_counter()-s;"
        "print(json.dumps({'s': e, 'rss': peak_rss_kib()}))"
    )
    results = {}
    for n in (100_000, 1_000_000):
        out = subprocess.run([sys.executable, "-c", code, str(n)], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        results[n] = json.loads(out.strip().splitlines()[-1])
    small, big = results[100_000], results[1_000_000]
    print(f"core: 1M chars annotate {big['s']:.1f} s = {big['s'] / small['s']:.1f}x the 100k "
          f"({small['s']:.2f} s) (budget <= 12x); peak RSS {big['rss'] / 1024:.0f} MB "
          f"(its own process's VmHWM; budget <= 600 MB)")


def main() -> int:
    ensure_home()
    from reader.core.services import Services

    services = Services()
    services.annotator.initialize()
    warm(services)
    cold(services.corpus.list()[0].id)
    dictionary_open(services)
    hover_path(services)
    scaling()
    return 0


if __name__ == "__main__":
    sys.exit(main())
