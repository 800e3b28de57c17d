"""`stats`: how much of a text you know: coverage, unknown words, HSK histogram, level."""
from __future__ import annotations

from reader.cli.cmd_known import study_of
from reader.cli.common import add_source, print_json, read_source


def register(sub) -> None:
    parser = sub.add_parser("stats", help="coverage, unknown words and HSK level of a text")
    add_source(parser)
    parser.add_argument("--json", action="store_true",
                        help="keys: coverage, unknown, hsk_histogram, level, top_unknown")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    from reader.core.study.report import stats, stats_text

    text, _title = read_source(args, services)
    study = study_of(services)
    document = services.annotator.annotate(text)
    report = stats(document, study)
    if args.json:
        print_json(report)
    else:
        print(stats_text(report))
    return 0
