"""`speak`: Mandarin (or Cantonese) speech of a text, file, stdin or article, as a WAV file."""
from __future__ import annotations

import sys
from pathlib import Path

from reader.cli import CliError
from reader.cli.common import add_source, read_source

MAX_CHARS = 200_000  # a long article takes minutes of audio; the WAV is written as it comes


def register(sub) -> None:
    parser = sub.add_parser("speak", help="read a text aloud into a WAV file (offline)")
    add_source(parser)
    parser.add_argument("-o", "--output", required=True, metavar="OUT.wav")
    parser.add_argument("--rate", type=int, default=175,
                        help="words per minute, 80-400 (default 175)")
    parser.add_argument("--voice", choices=["cmn", "yue"], default="cmn",
                        help="cmn: Mandarin (default), yue: Cantonese")
    parser.set_defaults(handler=run)


def run(args, services) -> int:
    from reader.core.speech.espeak import MAX_RATE, MIN_RATE, SpeechError, shared_speech, write_wav

    if not MIN_RATE <= args.rate <= MAX_RATE:
        raise CliError(f"--rate must be between {MIN_RATE} and {MAX_RATE}")
    if args.file and args.file != "-" and not args.article and not Path(args.file).exists():
        text = args.file  # the text itself
    else:
        text, _title = read_source(args, services)
    if not text.strip():
        raise CliError("there is nothing to read aloud")
    if len(text) > MAX_CHARS:
        raise CliError(f"the text is too long to read aloud ({len(text)} characters; "
                       f"at most {MAX_CHARS})")
    output = Path(args.output)
    if output.is_dir():
        raise CliError(f"{output} is a folder")
    try:
        seconds = write_wav(shared_speech(), text, output, args.voice, args.rate)
    except SpeechError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror or exc}") from None
    print(f"wrote {output} ({seconds:.1f} s of speech)", file=sys.stderr)
    return 0
