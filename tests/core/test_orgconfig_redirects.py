"""The org config's redirects: where each kind of message that is not an idea belongs, checked at start."""

from pathlib import Path

import pytest

from classifier import NON_IDEAS
from core.orgconfig import OrgConfigError, load_org_config

CONFIG = Path(__file__).resolve().parents[2] / "config"
BASE = (CONFIG / "loten.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["loten.yaml", "lillehammer.yaml"])
def test_both_municipalities_say_where_every_kind_of_non_idea_belongs(name):
    org = load_org_config(CONFIG / name)
    assert sorted(org.redirects) == sorted(NON_IDEAS)
    varsling = org.redirect("varsling")
    assert varsling is not None and str(varsling.link).startswith("https://")
    assert "varsl" in varsling.text.nb.lower() and "report" in varsling.text.en.lower()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("redirects:\n  varsling:", "redirects:\n  whistle:"), "redirects: unknown intent 'whistle'"),
        (("    link: https://intranett.loten.kommune.no/varsling", "    link: intranett/varsling"),
         "redirects.varsling.link"),
        (("    email: varsling@loten.kommune.no", "    email: varsling at loten"), "redirects.varsling.email"),
        (('    phone: "+47 62 54 30 99"', '    phone: "ring IT"'), "redirects.it_support.phone"),
    ],
)
def test_a_bad_redirect_is_refused_at_start_naming_the_key(tmp_path, change, message):
    old, new = change
    assert old in BASE
    path = tmp_path / "org.yaml"
    path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(OrgConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_org_config(path)


def test_a_redirect_needs_its_text_in_both_languages(tmp_path):
    broken = BASE.replace('      en: "Report the incident in the quality system', '      xx: "Report the incident', 1)
    path = tmp_path / "org.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(OrgConfigError, match=r"redirects\.hms_avvik\.text"):
        load_org_config(path)
