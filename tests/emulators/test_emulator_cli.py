"""`python -m medannot.testing` as a tool: help per platform, what each emulator accepts printed at start, one-line
errors (status 2, no traceback) for a busy port, a bad `--studies` or `--cert-dir` folder and a missing `testing`
extra."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from medannot.registry import PLATFORMS
from medannot.testing import PIP_LINE
from medannot.testing.data import write_nifti_volumes

EMULATED = sorted(PLATFORMS)


def cli(*args: str, prelude: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh python; `prelude` runs first (to hide a module, say)."""
    code = f"{prelude}\nimport runpy, sys\nsys.argv = ['medannot.testing', *{list(args)!r}]\n"
    code += "runpy.run_module('medannot.testing', run_name='__main__')"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess[str], platform: str) -> str:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"python -m medannot.testing {platform}: error: "), line
    return line


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def first_lines(command: list[str], count: int) -> list[str]:
    """The first `count` lines the command line prints, then it is stopped (SIGTERM) and must exit cleanly."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline().strip() for _ in range(count)]
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert process.returncode in (0, 143, -15), process.returncode
    return lines


# -- help


def test_top_level_help_lists_the_platforms() -> None:
    result = cli("--help")
    assert result.returncode == 0
    for name, platform in PLATFORMS.items():
        assert f"{name:<12} {platform.title} emulator" in result.stdout


@pytest.mark.parametrize(
    ("platform", "says"),
    [
        ("monailabel", ["password of user 'admin'", "auth is off", "threshold"]),
        ("phas", ["API key of user 'admin'", "random UUID", "annot=1", "NISSL"]),
        ("labelbox", ["Bearer KEY", "medannot-labelbox-key", "/graphql", "0.2 s after they start"]),
        ("grandchallenge", ["Bearer KEY", "GRAND_CHALLENGE_AUTHORIZATION", "HTTPS", "DIR/ca.pem", "API base URL"]),
        ("datamint", ["`apikey` header", "DATAMINT_API_KEY", "empty account", "datamint.Api(server_url=URL"]),
    ],
)
def test_help_is_the_platforms_own(platform: str, says: list[str]) -> None:
    result = cli(platform, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())  # argparse wraps lines
    for phrase in says:
        assert phrase in text, (phrase, text)
    assert "depends on the platform" not in text
    assert ("--studies" in text) == (platform == "monailabel")
    assert ("--cert-dir" in text) == (platform == "grandchallenge")


def test_studies_is_refused_where_it_does_not_apply(tmp_path: Path) -> None:
    result = cli("phas", "--studies", str(tmp_path))
    assert result.returncode == 2 and "unrecognized arguments: --studies" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("platform", ["datamint", "labelbox", "monailabel", "phas"])
def test_cert_dir_is_refused_where_the_emulator_serves_plain_http(platform: str, tmp_path: Path) -> None:
    result = cli(platform, "--cert-dir", str(tmp_path))
    assert result.returncode == 2 and "unrecognized arguments: --cert-dir" in result.stderr
    assert "Traceback" not in result.stderr


# -- errors


@pytest.mark.parametrize("platform", EMULATED)
def test_a_busy_port_is_one_line(platform: str, busy_port: int) -> None:
    line = one_line_error(cli(platform, "--port", str(busy_port)), platform)
    assert f"port {busy_port} on 127.0.0.1 is already in use" in line and "0 picks a free one" in line


def test_bad_studies_folders_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("not images")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "scan.png").write_bytes(b"png")
    cases = {
        "missing": "does not exist",
        "notes.txt": "is not a folder",
        "empty": "holds no .nii.gz or .nii image",
        "other": "holds no .nii.gz or .nii image",
    }
    for name, reason in cases.items():
        line = one_line_error(cli("monailabel", "--studies", str(tmp_path / name)), "monailabel")
        assert reason in line and name in line


def test_a_cert_dir_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "ca.pem").write_text("not a folder")
    line = one_line_error(cli("grandchallenge", "--cert-dir", str(tmp_path / "ca.pem")), "grandchallenge")
    assert "is not a folder" in line and "ca.pem" in line


def test_the_library_refuses_a_missing_studies_folder_too(tmp_path: Path) -> None:
    from medannot.testing.monailabel import MonaiLabelEmulator

    with pytest.raises(ValueError, match="does not exist"):
        MonaiLabelEmulator(tmp_path / "missing")


def test_a_busy_port_in_the_library_says_so(busy_port: int) -> None:
    from medannot.testing.monailabel import MonaiLabelEmulator

    emulator = MonaiLabelEmulator(port=busy_port)
    with pytest.raises(OSError, match=f"port {busy_port} on 127.0.0.1 is already in use"):
        emulator.start()
    emulator.stop()


# -- the testing extra

_HIDE_STARLETTE = "import sys; sys.modules['starlette'] = None"  # as if the extra were not installed


@pytest.mark.parametrize("platform", EMULATED)
def test_without_the_extra_the_command_line_names_it(platform: str) -> None:
    line = one_line_error(cli(platform, prelude=_HIDE_STARLETTE), platform)
    assert line.endswith(f"needs the 'testing' extra, which is not installed (no module named 'starlette'): {PIP_LINE}")


def test_without_the_extra_an_import_names_it() -> None:
    code = f"{_HIDE_STARLETTE}\nimport medannot.testing.monailabel"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("medannot.testing.MissingExtra: ") and last.endswith(PIP_LINE), last


def test_without_the_extra_a_fixture_names_it(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(f"{_HIDE_STARLETTE}\n")
    (tmp_path / "test_uses_fixture.py").write_text(
        textwrap.dedent(
            """
            def test_it(monailabel_emulator):
                pass
            """
        )
    )
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert "MissingExtra" in result.stdout and PIP_LINE in result.stdout
    assert "ModuleNotFoundError: No module named 'starlette'" not in result.stdout


# -- what is printed at start


def test_monailabel_prints_its_auth_and_data(tmp_path: Path) -> None:
    write_nifti_volumes(tmp_path, 2, shape=(8, 8, 4))
    command = [sys.executable, "-m", "medannot.testing", "monailabel", "--port", "0", "--api-key", "s3cret"]
    with subprocess.Popen([*command, "--studies", str(tmp_path)], stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline().strip() for _ in range(5)]
        finally:
            process.terminate()
    assert lines[0].startswith("http://127.0.0.1:")
    assert lines[1].startswith("auth: on; user 'admin', password 's3cret'")
    assert "threshold" in lines[2] and lines[3].startswith("datastore: 2 image(s)")
    assert lines[4] == "Ctrl-C stops it."


def test_grandchallenge_writes_its_ca_and_prints_the_api_url_first(tmp_path: Path) -> None:
    port, certs = free_port(), tmp_path / "certs"  # a folder that does not exist yet
    command = [sys.executable, "-m", "medannot.testing", "grandchallenge", "--port", str(port), "--api-key", "gc-key"]
    with subprocess.Popen([*command, "--cert-dir", str(certs)], stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline().strip() for _ in range(4)]
            assert lines[0] == f"https://127.0.0.1:{port}/api/v1/"
            assert lines[1] == "accepted API token: gc-key"
            assert lines[2] == f"CA bundle: {certs / 'ca.pem'}" and (certs / "ca.pem").is_file()
            assert lines[3] == "Ctrl-C stops it."
            trusted = ssl.create_default_context(cafile=certs / "ca.pem")
            answer = httpx.get(lines[0] + "algorithms/", headers={"Authorization": "Bearer gc-key"}, verify=trusted)
            assert answer.status_code == 200 and answer.json()["count"] >= 1
            refused = httpx.get(lines[0] + "algorithms/", headers={"Authorization": "Bearer other"}, verify=trusted)
            assert refused.status_code == 401
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert process.returncode in (0, 143, -15)
    assert (certs / "ca.pem").is_file()  # the folder given is kept


def test_grandchallenge_without_a_cert_dir_prints_a_temporary_ca() -> None:
    lines = first_lines([sys.executable, "-m", "medannot.testing", "grandchallenge", "--port", "0"], 3)
    assert lines[0].startswith("https://127.0.0.1:") and lines[0].endswith("/api/v1/")
    token = lines[1].removeprefix("accepted API token: ")
    assert token and token != lines[1]  # a random one
    ca = Path(lines[2].removeprefix("CA bundle: "))
    assert ca.name == "ca.pem"
    assert not ca.exists()  # the temporary folder is gone once it stopped


def test_datamint_prints_its_url_key_and_user() -> None:
    port = free_port()
    command = [sys.executable, "-m", "medannot.testing", "datamint", "--port", str(port), "--api-key", "dm-key"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            lines = [process.stdout.readline().strip() for _ in range(4)]
            assert lines[0] == f"http://127.0.0.1:{port}"
            assert lines[1] == "accepted API key (header apikey): dm-key"
            assert lines[2].startswith("account user: ") and "@" in lines[2]
            assert lines[3] == "Ctrl-C stops it."
            assert httpx.get(lines[0] + "/resources", headers={"apikey": "dm-key"}).status_code == 200
            assert httpx.get(lines[0] + "/resources", headers={"apikey": "other"}).status_code == 401
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert process.returncode in (0, 143, -15)


def test_datamint_refuses_an_empty_key() -> None:
    line = one_line_error(cli("datamint", "--api-key", ""), "datamint")
    assert "--api-key must be a non-empty key" in line


def test_labelbox_prints_its_key() -> None:
    lines = first_lines([sys.executable, "-m", "medannot.testing", "labelbox", "--port", "0", "--api-key", "lb"], 3)
    assert lines[0].startswith("http://127.0.0.1:")
    assert lines[1:] == ["accepted API key: lb", "Ctrl-C stops it."]
