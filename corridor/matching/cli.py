"""``corridor match …``: the command-line contract of the matching module.

    match link --left LEFT.csv --right RIGHT.csv --out PAIRS.csv [--threshold P]
    match link --encoded --left ENC1.csv --right ENC2.csv --out PAIRS.csv [--threshold P]
    match dedupe --input IN.csv --out PAIRS.csv [--threshold P]
    match encode --input IN.csv --out ENC.csv --secret-file F
    match index build --index DIR --input REGISTRY.csv [--input MORE.csv …]
    match index update --index DIR --input CHANGED.csv
    match index delete --index DIR --ids IDS.txt
    match index compact --index DIR
    match search --index DIR --query QUERIES.csv --out HITS.csv [--top N]

Exit status 0 on success, 2 on bad input or usage (with a one-line message on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Protocol

from corridor.matching import services
from corridor.matching.records import InputError

EXIT_BAD_INPUT = 2


class Writer(Protocol):
    """Where messages go: sys.stderr, a StringIO, or the Django command's stderr adapter."""

    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def _probability(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("the threshold must be between 0 and 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="corridor match", description="Link or deduplicate person records across scripts.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    link = commands.add_parser("link", help="link two files")
    link.add_argument("--left", type=Path, required=True)
    link.add_argument("--right", type=Path, required=True)
    link.add_argument("--encoded", action="store_true", help="the inputs are privacy-preserving encodings")
    dedupe = commands.add_parser("dedupe", help="find duplicates within one file")
    dedupe.add_argument("--input", type=Path, required=True)
    for sub in (link, dedupe):
        sub.add_argument("--out", type=Path, required=True)
        sub.add_argument("--threshold", type=_probability, default=0.5)
    encode = commands.add_parser("encode", help="encode a file into hardened Bloom filters")
    encode.add_argument("--input", type=Path, required=True)
    encode.add_argument("--out", type=Path, required=True)
    encode.add_argument("--secret-file", type=Path, required=True)
    index = commands.add_parser("index", help="build or change a registry index for search")
    actions = index.add_subparsers(dest="action", required=True, parser_class=_Parser)
    for name, text in (
        ("build", "build the index from registry files"),
        ("update", "add records, or replace those with the same record_id"),
        ("delete", "remove records by id"),
        ("compact", "write the index out again after many changes"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("--index", type=Path, required=True)
        if name in ("build", "update"):
            action.add_argument("--input", type=Path, required=True, action="append")
        if name == "delete":
            action.add_argument("--ids", type=Path, required=True, help="a file with one record_id a line")
    find = commands.add_parser("search", help="rank registry records for each query record")
    find.add_argument("--index", type=Path, required=True)
    find.add_argument("--query", type=Path, required=True)
    find.add_argument("--out", type=Path, required=True)
    find.add_argument("--top", type=_top, default=10)
    return parser


def _top(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError("--top must be between 1 and 1000")
    return value


def _read_secret(path: Path) -> bytes:
    try:
        secret = path.read_bytes().strip()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the secret file ({exc.strerror}).") from exc
    if len(secret) < 16:
        raise InputError(f"{path}: the shared secret must be at least 16 bytes.")
    return secret


def _run(args: argparse.Namespace, stderr: Writer) -> str:
    def progress(message: str) -> None:
        print(f"match: {message}", file=stderr, flush=True)

    if args.command == "index":
        inputs, ids = getattr(args, "input", None), getattr(args, "ids", None)
        return services.index_command(
            args.action, index=args.index, inputs=inputs, ids=ids, progress=progress
        )
    if args.command == "search":
        count = services.search_file(index=args.index, queries=args.query, out=args.out, top=args.top)
        return f"wrote {count:,} hits to {args.out}"
    if args.command == "encode":
        count = services.encode_file(
            input_path=args.input, out=args.out, secret=_read_secret(args.secret_file)
        )
        return f"encoded {count:,} records into {args.out}"
    if args.command == "link" and args.encoded:
        try:
            count = services.link_encoded_files(
                left=args.left, right=args.right, out=args.out, threshold=args.threshold, progress=progress
            )
        except ValueError as exc:
            raise InputError(str(exc)) from exc
    elif args.command == "link":
        count = services.link_files(
            left=args.left, right=args.right, out=args.out, threshold=args.threshold, progress=progress
        )
    else:
        count = services.link_files(
            left=args.input, right=None, out=args.out, threshold=args.threshold, progress=progress
        )
    return f"wrote {count:,} pairs to {args.out}"


def main(argv: list[str] | None = None, *, stderr: Writer | None = None) -> int:
    """Run the command; return the exit status instead of raising (bad input → 2)."""
    err = stderr or sys.stderr
    try:
        args = build_parser().parse_args(argv)
        print(f"match: {_run(args, err)}", file=err)
    except UsageError as exc:
        print(f"match: usage error: {exc}", file=err)
        return EXIT_BAD_INPUT
    except InputError as exc:
        print(f"match: error: {exc}", file=err)
        return EXIT_BAD_INPUT
    return 0


def exit_now(status: int) -> None:
    """End the process without freeing its objects one by one (the command's last act).

    The normaliser's caches and the record tables hold millions of small objects; Python's
    orderly exit spent 0.7 s freeing them after a 100,000-record link, for nothing. The output
    file is closed and DuckDB's connection with it (``services.link_files``) before this.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
