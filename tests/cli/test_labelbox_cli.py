"""`medannot labelbox download --url .../dataset/<id> DEST` against the Labelbox emulator: every data row's file,
named by its external id (rows sharing one get `<stem>.<row id><ext>`), byte-exact, through SIGKILLs at the
engine's failpoints; a rerun fetches nothing, `--verify` repairs a changed file."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

import httpx
import pytest

from medannot.labelbox import Client
from tests.cli.conftest import cli, killed, manifest_rows, sha256, summary, tree

pytestmark = pytest.mark.timeout(300)


def _files(folder: Path, names: list[str], seed: int) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    out = {}
    for name in names:
        (folder / name).write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(3_000))
        out[name] = sha256(folder / name)
    return out


@pytest.fixture
def dataset(labelbox_emulator: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A dataset of six rows: five distinct external ids and one id two rows share (`same.png`)."""
    lb = labelbox_emulator
    monkeypatch.setenv("LABELBOX_API_KEY", lb.api_key)
    first = _files(tmp_path / "a", [f"img_{i}.png" for i in range(4)] + ["same.png"], 1)
    second = _files(tmp_path / "b", ["same.png"], 2)
    with Client(lb.api_key, lb.graphql_url) as client:
        created = client.create_dataset(name="to download")
        client.create_data_rows_from_files(created.id, [str(tmp_path / "a" / n) for n in sorted(first)],
                                           progress=False)  # fmt: skip
        client.create_data_rows_from_files(created.id, [str(tmp_path / "b" / "same.png")], progress=False)
        rows = list(client.get_data_rows(created.id))
    same = {r.id: r for r in rows if r.external_id == "same.png"}
    assert len(rows) == 6 and len(same) == 2
    expected = {n: d for n, d in first.items() if n != "same.png"}
    for row_id, row in same.items():  # which row holds which file: read straight from its URL
        served = "sha256:" + hashlib.sha256(httpx.get(row.row_data).content).hexdigest()
        assert served in (first["same.png"], second["same.png"])
        expected[f"same.{row_id}.png"] = served
    assert len(set(expected.values())) == 6
    base = lb.graphql_url.removesuffix("/graphql")
    return {"url": f"{base}/dataset/{created.id}", "expected": expected, "base": base}


def test_download_killed_then_rerun_is_exact(dataset: dict[str, Any], state_dir: Path, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    args = ["labelbox", "download", "--url", dataset["url"], str(dest), "--concurrency", "2", "--json"]
    for point in ("sent:1", "sending:2", "sent:2"):
        assert killed(cli(*args, failpoint=point))
    result = summary(cli(*args))
    assert result["counts"] == {"planned": 0, "sending": 0, "done": 6, "failed": 0}
    assert tree(dest) == dataset["expected"]  # every row once, byte-exact, no partial or temporary file
    rows = manifest_rows(state_dir)
    assert all(r["checksum"] == sha256(Path(str(r["dest"]))) for r in rows)  # checksummed in the manifest
    assert all(not str(r["source"]).startswith("http") for r in rows)  # the row id: signed URLs expire
    again = summary(cli(*args))
    assert again["sent"] == 0 and again["planned_new"] == 0 and again["found_existing"] == 0


def test_verify_repairs_a_changed_file(dataset: dict[str, Any], state_dir: Path, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    args = ["labelbox", "download", "--url", dataset["url"], str(dest), "--json"]
    summary(cli(*args))
    (dest / "img_2.png").write_bytes(b"changed")
    dry = cli(*args, "--verify", "--dry-run")
    assert dry.returncode == 11, dry.stderr
    assert (dest / "img_2.png").read_bytes() == b"changed"
    fixed = summary(cli(*args, "--verify"))
    assert fixed["verified"] == 6 and fixed["mismatched"] == 1 and fixed["sent"] == 1
    assert tree(dest) == dataset["expected"]


def test_dry_run_and_shards(dataset: dict[str, Any], state_dir: Path, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    args = ["labelbox", "download", "--url", dataset["url"], str(dest), "--json"]
    dry = summary(cli(*args, "--dry-run"))
    assert dry["would_send"] == 6 and not dest.exists() and not list(state_dir.glob("transfers/*.sqlite"))
    done = [summary(cli(*args, "--shard", f"{i}/2"))["counts"]["done"] for i in (1, 2)]
    assert sum(done) == 6 and all(done)
    assert tree(dest) == dataset["expected"]


def test_download_needs_a_dataset(dataset: dict[str, Any], state_dir: Path, tmp_path: Path) -> None:
    result = cli("labelbox", "download", "--url", f"{dataset['base']}/project/x", str(tmp_path / "d"), "--json")
    assert result.returncode == 4, result.stderr
    assert "/dataset/<name>" in json.loads(result.stdout)["error"]["message"]
