"""The typer application, built from the platform registry: `medannot <platform> ls|upload|download|export|<verbs>`
and `medannot copy SRC DST`. Imported only when a command runs or help is asked for (see `medannot.cli.main`)."""

from __future__ import annotations

import inspect
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from medannot.cli._errors import Exit, Unsupported, exit_code
from medannot.registry import PLATFORMS

CONTEXT = {"help_option_names": ["-h", "--help"]}
DEFAULT_CONCURRENCY = 4

# --- shared options (name -> (annotation, typer default)) ------------------------------------------
_URL = ("url", str | None, typer.Option(None, "--url", help="The server (default: the config file's url)."))
_KEY = (
    "api_key_file",
    str | None,
    typer.Option(None, "--api-key-file", help="Read the API key/token from this file (never pass it in clear)."),
)
_CA = ("ca_bundle", str | None, typer.Option(None, "--ca-bundle", help="CA bundle (PEM) to verify the server with."))
_TIMEOUT = (
    "timeout",
    float | None,
    typer.Option(None, "--timeout", help="Seconds per request (default: the client's)."),
)
_JSON = ("as_json", bool, typer.Option(False, "--json", help="Print the result as JSON on stdout."))
_TRANSFER = [
    ("concurrency", int, typer.Option(DEFAULT_CONCURRENCY, "--concurrency", min=1, help="Items in flight at once.")),
    ("dry_run", bool, typer.Option(False, "--dry-run", help="Plan (and --verify) only; send nothing, keep no state.")),
    ("verify", bool,
     typer.Option(False, "--verify", help="Re-check sizes and checksums of what is already there; resend mismatches.")),
    ("shard", str | None, typer.Option(None, "--shard", help="i/n: do only this share of the transfer (1-based).")),
    ("progress", bool | None, typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a tty).")),
]  # fmt: skip


def _command(fn: Callable[..., int], params: list[tuple[str, Any, Any]], doc: str) -> Callable[..., None]:
    """A typer command calling `fn(**options)`, with its signature built from `params`, errors mapped to exit
    codes."""

    def command(**options: Any) -> None:
        as_json = bool(options.get("as_json"))
        try:
            code = fn(**options)
        except typer.Exit:
            raise
        except KeyboardInterrupt:
            _fail("interrupted (the manifest keeps what was done; run the same command to resume)", Exit.INTERRUPTED,
                  as_json)  # fmt: skip
        except BaseException as error:
            code_for = exit_code(error)
            if code_for == Exit.INTERNAL:
                raise
            _fail(f"{type(error).__name__}: {error}", code_for, as_json, type(error).__name__)
        raise typer.Exit(int(code))

    command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
            for name, annotation, default in params
        ]
    )
    command.__doc__ = doc
    return command


def _fail(message: str, code: Exit, as_json: bool, kind: str = "Interrupted") -> None:
    if as_json:
        print(json.dumps({"error": {"type": kind, "message": message, "exit_code": int(code)}}))
    print(f"medannot: error: {message}", file=sys.stderr)
    raise typer.Exit(int(code))


# --- running jobs ---------------------------------------------------------------------------------
def run_job(command: str, job: Any, source: str, destination: str, options: dict[str, Any], *, concurrency: int,
            dry_run: bool, verify: bool, shard: str | None, progress: bool | None, as_json: bool,
            **_: Any) -> int:  # fmt: skip
    """Plan and run `job` through its manifest; print the summary; the exit code."""
    from medannot.cli._transfer import RunOptions, Shard, Summary, open_manifest, run

    try:
        parsed = Shard.parse(shard)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    keyed = {**options, "shard": str(parsed)}
    with open_manifest(command, source, destination, keyed, dry_run=dry_run) as manifest:
        summary = Summary(command, source, destination, str(manifest.path) if not dry_run else "(dry run)",
                          str(parsed), dry_run)  # fmt: skip
        run(job, manifest, RunOptions(concurrency, dry_run, verify, parsed, progress), summary)
    _print_summary(summary, as_json)
    if dry_run and verify and summary.mismatched:
        return Exit.VERIFY
    return Exit.OK if summary.ok else Exit.PARTIAL


def _print_summary(summary: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.to_json(), indent=2, default=str))
        return
    counts = summary.counts
    total = sum(counts.values())
    head = "dry run: " if summary.dry_run else ""
    lines = [
        f"{head}{summary.command} {summary.source} -> {summary.destination}"
        + (f" (shard {summary.shard})" if summary.shard != "1/1" else ""),
        f"  items: {total} (done {counts.get('done', 0)}, failed {counts.get('failed', 0)}, "
        f"pending {counts.get('planned', 0) + counts.get('sending', 0)})",
    ]
    if summary.dry_run:
        lines.append(f"  would send: {summary.would_send}")
    else:
        lines.append(f"  this run: transferred {summary.sent} ({_bytes(summary.bytes_sent)}), already there "
                     f"{summary.found_existing}, failed {summary.failed_now}, in {summary.seconds:.1f} s")  # fmt: skip
    if summary.verified:
        lines.append(f"  verified: {summary.verified}, mismatched: {summary.mismatched}")
    lines += [f"  note: {note}" for note in summary.notes[:20]]
    lines += [f"  failed: {f['item']}: {f['error']}" for f in summary.failures]
    if counts.get("failed"):
        lines.append("  run the same command again to retry the failed items only")
    if not summary.dry_run:
        lines.append(f"  manifest: {summary.manifest}")
    print("\n".join(lines))


def _bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


# --- platform commands ----------------------------------------------------------------------------
def _adapter(platform: str, url: str | None, api_key_file: str | None, ca_bundle: str | None,
             timeout: float | None, kind: str | None = None, container: str | None = None) -> Any:  # fmt: skip
    from medannot.cli._credentials import resolve
    from medannot.cli._location import parse
    from medannot.cli._platforms._base import Target, adapter_class

    cls = adapter_class(platform)
    creds = resolve(platform, api_key_file, ca_bundle)
    url = url or creds.url or cls.default_url
    if not url:
        from medannot.errors import BadInput

        raise BadInput(f"no server: pass --url or set url in the config's [{platform}] table")
    if "+" not in url.split("://", 1)[0]:
        url = f"{platform}+{url}"
    location = parse(url)
    if location.platform != platform:
        from medannot.errors import BadInput

        raise BadInput(f"{url!r} is a {location.platform} location, not {platform}")
    return cls(Target(platform, location.url, creds, kind or location.kind, container or location.container, timeout))


def _platform_app(platform: str) -> typer.Typer:
    from medannot.cli._platforms._base import adapter_class

    info = PLATFORMS[platform]
    cls = adapter_class(platform)
    app = typer.Typer(help=f"{info.title}: list, upload, download, export" + (
        ", " + ", ".join(v.name for v in cls.verbs) if cls.verbs else ""), context_settings=CONTEXT,
        no_args_is_help=True, rich_markup_mode=None)  # fmt: skip
    common = [_URL, _KEY, _CA, _TIMEOUT]

    def conn(o: dict[str, Any]) -> Any:
        return _adapter(platform, o.pop("url"), o.pop("api_key_file"), o.pop("ca_bundle"), o.pop("timeout"))

    def ls(**o: Any) -> int:
        from medannot.cli._tables import emit

        adapter = conn(o)
        what = o["what"] or cls.listings[0]
        if what not in cls.listings:
            raise Unsupported(f"{platform} lists {', '.join(cls.listings)}, not {what!r}")
        fmt = "json" if o["as_json"] and o["fmt"] == "table" else o["fmt"]
        with adapter.client() as client:
            emit(adapter.ls(client, what), fmt, o["output"])
        return Exit.OK

    app.command("ls", help=f"List {info.title} {'/'.join(cls.listings)} as a table (csv, json, jsonl, parquet).")(
        _command(ls, [*common,
            ("what", str | None, typer.Option(None, "--what", help=f"One of: {', '.join(cls.listings)}.")),
            ("fmt", str, typer.Option("table", "--format", help="table | csv | json | jsonl | parquet")),
            ("output", str | None, typer.Option(None, "--output", "-o", help="Write to this file (parquet: required "
                                                                               "unless stdout is not a terminal).")),
            _JSON], "List."))  # fmt: skip

    def upload(**o: Any) -> int:
        from medannot.cli._jobs import UploadJob

        adapter = conn(o)
        paths = [str(Path(p).expanduser().absolute()) for p in o.pop("paths")]
        with adapter.client() as client:
            job = UploadJob(adapter.file_sink(client), paths)
            return run_job("upload", job, "local:" + os.pathsep.join(paths), _where(adapter), {}, **o)

    upload_help = "Upload files and folders (resumable: rerun the same command after a failure or a kill)."
    app.command("upload", help=upload_help)(
        _command(upload, [*common, ("paths", list[Path], typer.Argument(..., help="Files or folders.")), *_TRANSFER,
                          _JSON], "Upload."))  # fmt: skip

    def download(**o: Any) -> int:
        from medannot.cli._jobs import DownloadJob

        adapter = conn(o)
        dest = str(Path(o.pop("dest")).expanduser().absolute())
        tag = o.pop("tag")
        with adapter.client() as client:
            job = DownloadJob(adapter.file_source(client, tag=tag), dest)
            return run_job("download", job, _where(adapter), "local:" + dest, {"tag": tag}, **o)

    app.command("download", help="Download every file into DEST, atomically and resumably.")(
        _command(download, [*common, ("dest", Path, typer.Argument(..., help="Destination folder.")),
                            ("tag", str | None, typer.Option(None, "--tag", help="Only labels with this tag.")),
                            *_TRANSFER, _JSON], "Download."))  # fmt: skip

    def export(**o: Any) -> int:
        adapter = conn(o)
        dest = Path(o.pop("dest")).expanduser().absolute()
        tag = o.pop("tag")
        from medannot.cli._platforms._base import Adapter

        if type(adapter).export is not Adapter.export:  # the platform's own export (Labelbox: label exports)
            with adapter.client() as client:
                result = adapter.export(client, dest, tag=tag, dry_run=o["dry_run"])
            print(json.dumps(result, indent=2, default=str) if o["as_json"] else "\n".join(
                f"{k}: {v}" for k, v in result.items()))  # fmt: skip
            return Exit.OK
        return _copy_between(adapter, None, dest, tag, o)

    app.command("export", help="Export images with their labels to DEST (MSD layout: dataset.json, imagesTr, "
                               "labelsTr), resumably.")(
        _command(export, [*common, ("dest", Path, typer.Argument(..., help="Destination folder.")),
                          ("tag", str, typer.Option("final", "--tag", help="The label tag to export.")),
                          *_TRANSFER, _JSON], "Export."))  # fmt: skip

    for verb in cls.verbs:
        extra = [(name, annotation, typer.Option(default, f"--{_flag(name)}", help=text))
                 for name, (annotation, default, text) in verb.params.items()]  # fmt: skip
        app.command(verb.name, help=verb.help)(
            _command(_verb_runner(verb.run, conn), [*common, *extra, *_TRANSFER, _JSON], verb.help)
        )
    return app


def _verb_runner(run: Callable[..., int], conn: Callable[[dict[str, Any]], Any]) -> Callable[..., int]:
    def runner(**o: Any) -> int:
        return run(conn(o), **o)

    return runner


def _flag(name: str) -> str:
    return {"all_images": "all"}.get(name, name.replace("_", "-"))


def _where(adapter: Any) -> str:
    from medannot.cli._location import Location

    t = adapter.target
    return str(Location(t.platform, url=t.url, kind=t.kind, container=t.container))


# --- copy -----------------------------------------------------------------------------------------
def _endpoint(text: str, api_key_file: str | None, ca_bundle: str | None, timeout: float | None) -> Any:
    from medannot.cli._location import parse

    location = parse(text)
    if location.is_local:
        return location
    return _adapter(location.platform, str(location), api_key_file, ca_bundle, timeout)


def _copy_between(src: Any, dst: Any, local_dest: Path | None, tag: str, o: dict[str, Any]) -> int:
    """Run a copy; `src`/`dst` are adapters or local `Location`s (`local_dest` for export)."""
    import contextlib

    from medannot.cli._copy import CopyJob
    from medannot.cli._location import Location
    from medannot.cli._platforms.local import LocalSink, LocalSource

    if dst is None:
        dst = Location("local", path=local_dest)
    with contextlib.ExitStack() as stack:
        if isinstance(src, Location):
            assert src.path is not None
            source: Any = LocalSource(src.path, tag)
            source_name = src.canonical()
        else:
            source = src.case_source(stack.enter_context(src.client()), tag=tag)
            source_name = _where(src)
        if isinstance(dst, Location):
            assert dst.path is not None
            sink: Any = LocalSink(dst.path)
            dest_name = dst.canonical()
        else:
            sink = dst.case_sink(stack.enter_context(dst.client()), tag=tag)
            dest_name = _where(dst)
        if source_name == dest_name:
            from medannot.errors import BadInput

            raise BadInput("source and destination are the same")
        from medannot.cli._manifest import state_dir, transfer_key

        options = {"tag": tag, "shard": o.get("shard") or "1/1"}
        staging = state_dir() / "transfers" / f"{transfer_key('copy', source_name, dest_name, options)}.staging"
        job = CopyJob(source, sink, staging)
        return run_job("copy", job, source_name, dest_name, {"tag": tag}, **o)


def _copy(**o: Any) -> int:
    src = _endpoint(o.pop("src"), o.pop("src_api_key_file"), o.pop("src_ca_bundle"), o.get("timeout"))
    dst = _endpoint(o.pop("dst"), o.pop("dst_api_key_file"), o.pop("dst_ca_bundle"), o.pop("timeout"))
    from medannot.cli._location import Location

    if isinstance(src, Location) and isinstance(dst, Location):
        from medannot.errors import BadInput

        raise BadInput("copy needs a platform on at least one side (for folder to folder, use cp or rsync)")
    return _copy_between(src, dst, None, o.pop("tag"), o)


# --- the application ------------------------------------------------------------------------------
def build(argv: list[str] | None = None) -> typer.Typer:
    """The application. Only the platform named first in `argv` gets its commands built (each platform's adapter
    loads then); the others are listed by name and help, so `medannot --help` loads no adapter at all."""
    wanted = next((a for a in argv or [] if not a.startswith("-")), None)
    app = typer.Typer(
        name="medannot",
        help="Bulk work on medical-image annotation platforms: resumable, exact uploads, downloads, exports and "
        "copies (state: see `medannot state`, docs/cli.md).",
        context_settings=CONTEXT,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    for platform in PLATFORMS:
        sub = _platform_app(platform) if platform == wanted else typer.Typer(context_settings=CONTEXT)
        app.add_typer(sub, name=platform, help=f"{PLATFORMS[platform].title}: ls, upload, download, export, ...")
    app.command("copy", help="Copy images with their labels between locations: <platform>+http(s)://host[:port]"
                             "[/<kind>/<name>] or a local folder (MSD layout).")(
        _command(_copy, [
            ("src", str, typer.Argument(..., help="Source location.")),
            ("dst", str, typer.Argument(..., help="Destination location.")),
            ("tag", str, typer.Option("final", "--tag", help="The label tag to copy.")),
            ("src_api_key_file", str | None, typer.Option(None, "--src-api-key-file")),
            ("dst_api_key_file", str | None, typer.Option(None, "--dst-api-key-file")),
            ("src_ca_bundle", str | None, typer.Option(None, "--src-ca-bundle")),
            ("dst_ca_bundle", str | None, typer.Option(None, "--dst-ca-bundle")),
            _TIMEOUT, *_TRANSFER, _JSON], "Copy."))  # fmt: skip
    app.command("state", help="Where transfer manifests are kept, and the transfers known there.")(
        _command(_state, [_JSON], "State.")
    )
    return app


def _state(as_json: bool) -> int:
    import sqlite3

    from medannot.cli._credentials import config_path
    from medannot.cli._manifest import state_dir

    folder = state_dir() / "transfers"
    rows = []
    for path in sorted(folder.glob("*.sqlite")) if folder.is_dir() else []:
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            info = db.execute("SELECT command, source, destination, updated FROM transfer").fetchone()
            counts = dict(db.execute("SELECT state, COUNT(*) FROM items GROUP BY state").fetchall())
            db.close()
        except sqlite3.Error:
            continue
        rows.append({"manifest": str(path), "command": info[0], "source": info[1], "destination": info[2],
                     "counts": counts})  # fmt: skip
    result = {"state_dir": str(state_dir()), "config": str(config_path()), "transfers": rows}
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        print(f"state folder: {result['state_dir']}\nconfig file: {result['config']}")
        for row in rows:
            print(f"  {row['command']} {row['source']} -> {row['destination']}: {row['counts']}  ({row['manifest']})")
    return Exit.OK


def main(argv: list[str] | None = None) -> int:
    app = build(argv)
    try:
        app(args=argv, prog_name="medannot", standalone_mode=True)
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else Exit.USAGE
    return 0
