"""The people tests act as: Løten's org config, plus two employees."""

from pathlib import Path

import yaml

from core.actors import Actor, Role

ROOT = Path(__file__).resolve().parents[1]

EMPLOYEE = Actor(role=Role.EMPLOYEE, user_id="kari", name="Kari Nordmann")
OTHER_EMPLOYEE = Actor(role=Role.EMPLOYEE, user_id="per", name="Per Hansen")
ADMIN = Actor(role=Role.ADMIN, user_id="forslagskassa-admin")
OPPVEKST = Actor(role=Role.COMMISSIONER, user_id="kommunalsjef-oppvekst")
HELSE = Actor(role=Role.COMMISSIONER, user_id="arne-jorstad")


def org_with_slack_ids(directory: Path) -> Path:
    """Løten's org config with a Slack user for every commissioner and administrator, so each idea's card goes to
    Slack (for tests and benchmarks that run a real server process)."""
    raw = yaml.safe_load((ROOT / "config" / "loten.yaml").read_text(encoding="utf-8"))
    for n, person in enumerate(raw["commissioners"] + raw["administrators"]):
        person["slack_user_id"] = f"USTAFF{n}"
    # Beside the copy, the config's own relative paths would point nowhere.
    raw["classifier"]["examples"] = str(ROOT / "config" / "loten" / "examples.jsonl")
    raw["classifier"]["intents"] = str(ROOT / "config" / "shared" / "intents.jsonl")
    raw["classifier"]["services"] = str(ROOT / "config" / "shared" / "services.yaml")
    path = directory / "org.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path
