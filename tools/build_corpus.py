"""Build `corpus/` from the seed articles: trim site chrome, add front matter.

Run once by a developer (`python tools/build_corpus.py ../shared/seeds`); the app only reads
the result.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.core.library.boilerplate import trim  # noqa: E402
from reader.core.text.scripts import detect_script  # noqa: E402

ARTICLES = {
    "000": dict(
        id="caijing-2020-to-b-two-years",
        title="騰訊To B兩年:佛系的騰訊能否適應狼性的B端市場",
        publication="財經 (Caijing)",
        date="2020-11",
        authors="謝麗容 陳瀟瀟 劉以秦",
        note="",
    ),
    "001": dict(
        id="caijing-2019-dowson-tong",
        title="湯道生:騰訊雲與智慧產業事業群的第一年",
        publication="財經 (Caijing)",
        date="2019-09",
        authors="謝麗容 (interview); 編輯:馬克",
        note="Mixes Traditional and Simplified characters.",
    ),
    "002": dict(
        id="36kr-2019-81-trials",
        title="腾讯开荒:产业互联网的 81 难",
        publication="36氪 (36Kr), reposted",
        date="2019-11-09",
        authors="",
        note="Degraded text: machine-translated to English and back, so names are garbled "
        "(马花藤 for 马化腾, 唐道生 for 汤道生) and some phrases read oddly.",
    ),
    "003": dict(
        id="nbd-2019-anniversary",
        title="腾讯产业互联网周年考:一路狂奔,能否“再造一个腾讯”?",
        publication="每日经济新闻 (National Business Daily), reposted",
        date="2019-09",
        authors="郭荣村",
        note="Degraded text: run through a synonym spinner (工业互联网 for 产业互联网, "
        "敞开 for 开放, 咱们 for 我们 ...).",
    ),
    "004": dict(
        id="zhoutian-2020-third-opening",
        title="从消费互联网到产业互联网 腾讯迎来第三次“开放”",
        publication="周天财经, reposted",
        date="2020",
        authors="",
        note="",
    ),
}


def main(seeds: Path, out: Path) -> None:
    out.mkdir(exist_ok=True)
    for seed in sorted(seeds.glob("*.txt")):
        meta = dict(ARTICLES[seed.name[:3]])
        body = trim(seed.read_text(encoding="utf-8"))
        meta["script"] = str(detect_script(body))
        meta["seed"] = seed.name
        header = "".join(f"{k}: {v}\n" for k, v in meta.items() if v)
        (out / f"{seed.name[:3]}-{meta['id']}.txt").write_text(f"---\n{header}---\n{body}", encoding="utf-8")
        print(seed.name, "->", meta["id"], meta["script"], len(body))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parents[1] / "corpus")
