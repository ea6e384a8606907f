"""`forslagskassa teams package` and `forslagskassa teams sync-commissioners` (against the Graph fake)."""

from __future__ import annotations

import json
import shutil
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.teams import graph as graph_module
from cli.main import app
from core.orgconfig import load_org_config
from core.settings import get_settings
from tests.bot.teams.activities import APP_ID, ARNE, OPPVEKST, TENANT
from tests.bot.teams.fakes import GraphFake, StaticCredential

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[pytest.MonkeyPatch]:
    """Settings come from the environment; start from a clean one."""
    import os

    for name in list(os.environ):
        if name.startswith(("TEAMS_", "GRAPH_", "PUBLIC_URL")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env file here
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ORG_CONFIG", str(ROOT / "config" / "loten.yaml"))
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def png_info(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed RGBA rows (with filter bytes) of one of our PNGs."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat_length = struct.unpack(">I", data[33:37])[0]
    return width, height, zlib.decompress(data[41:41 + idat_length])


def test_package_writes_the_manifest_and_icons_from_the_settings(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env.setenv("TEAMS_APP_ID", APP_ID)
    env.setenv("PUBLIC_URL", "https://forslag.loten.kommune.no")
    output = tmp_path / "teams.zip"

    result = CliRunner().invoke(app, ["teams", "package", "--output", str(output), "--version", "1.2.3"])

    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(output) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
        color, outline = package.read("color.png"), package.read("outline.png")
    assert manifest["manifestVersion"] == "1.19" and manifest["$schema"].endswith("/v1.19/MicrosoftTeams.schema.json")
    assert (manifest["id"], manifest["version"]) == (APP_ID, "1.2.3")
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["bots"][0]["scopes"] == ["personal", "team"]
    assert manifest["developer"]["name"] == "Løten kommune"
    assert manifest["developer"]["privacyUrl"].startswith("https://forslag.loten.kommune.no")
    assert manifest["validDomains"] == ["forslag.loten.kommune.no"]
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["description"]["short"]) <= 80
    width, height, _ = png_info(color)
    assert (width, height) == (192, 192)
    width, height, rows = png_info(outline)
    assert (width, height) == (32, 32)
    pixels = [rows[y * (1 + 32 * 4) + 1:][:32 * 4] for y in range(32)]
    alphas = {row[x * 4 + 3] for row in pixels for x in range(32)}
    colours = {tuple(row[x * 4:x * 4 + 3]) for row in pixels for x in range(32) if row[x * 4 + 3]}
    assert alphas == {0, 255} and colours == {(255, 255, 255)}  # white on transparency, as Teams requires


@pytest.mark.parametrize(("variables", "message"), [
    ({"PUBLIC_URL": "https://forslag.loten.kommune.no"}, "TEAMS_APP_ID"),
    ({"TEAMS_APP_ID": APP_ID}, "PUBLIC_URL"),
])
def test_package_names_the_missing_setting(env: pytest.MonkeyPatch, tmp_path: Path, variables: dict[str, str],
                                           message: str) -> None:
    for name, value in variables.items():
        env.setenv(name, value)

    result = CliRunner().invoke(app, ["teams", "package", "--output", str(tmp_path / "x.zip")])

    assert result.exit_code == 2 and message in result.output


@pytest.fixture
def org_file(env: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "loten.yaml"
    shutil.copy(ROOT / "config" / "loten.yaml", path)
    (tmp_path / "shared").symlink_to(ROOT / "config" / "shared")  # what the copy's relative paths name
    env.setenv("ORG_CONFIG", str(path))
    return path


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    fake = GraphFake().start()
    yield fake
    assert fake.server is not None
    fake.server.stop()


@pytest.fixture
def graph_env(env: pytest.MonkeyPatch, graph: GraphFake) -> GraphFake:
    env.setattr(graph_module, "app_credential", lambda _settings: StaticCredential())
    env.setenv("GRAPH_CLIENT_ID", "graph-app")
    env.setenv("GRAPH_CLIENT_SECRET", "s")
    env.setenv("TEAMS_TENANT_ID", TENANT)
    env.setenv("GRAPH_API_URL", graph.url)
    graph.add(ARNE.aad, name="Arne Jørstad", mail="Arne.Jorstad@loten.kommune.no")
    graph.add(OPPVEKST.aad, name="Kommunalsjef oppvekst", mail="kommunalsjef.oppvekst@loten.kommune.no")
    return graph


def test_sync_commissioners_shows_what_it_found_and_changes_nothing_without_write(
        graph_env: GraphFake, org_file: Path) -> None:
    before = org_file.read_text()

    result = CliRunner().invoke(app, ["teams", "sync-commissioners"])

    assert result.exit_code == 0, result.output
    assert ARNE.aad in result.output and OPPVEKST.aad in result.output
    assert "frank-hauge" in result.output and "not found in the directory" in result.output
    assert org_file.read_text() == before
    assert any("mail eq 'arne.jorstad@loten.kommune.no'" in q for _, q, _ in graph_env.requests)


def test_sync_commissioners_writes_the_ids_and_keeps_the_files_comments(graph_env: GraphFake, org_file: Path) -> None:
    result = CliRunner().invoke(app, ["teams", "sync-commissioners", "--write"])

    assert result.exit_code == 1, result.output  # Frank Hauge and the administrator are not in the directory
    text = org_file.read_text()
    assert text.startswith("# Løten kommune")
    assert f"    email: arne.jorstad@loten.kommune.no\n    teams_aad_id: {ARNE.aad}\n" in text
    org = load_org_config(org_file)
    assert org.commissioner("arne-jorstad").teams_aad_id == ARNE.aad
    assert org.commissioner("kommunalsjef-oppvekst").teams_aad_id == OPPVEKST.aad
    assert org.commissioner("frank-hauge").teams_aad_id is None


def test_sync_commissioners_without_graph_settings_says_what_to_set(env: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(app, ["teams", "sync-commissioners"])

    assert result.exit_code == 2 and "GRAPH_CLIENT_ID" in result.output
