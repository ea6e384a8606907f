from pathlib import Path

import pytest
import yaml

from core.orgconfig import OrgConfig, OrgConfigError, load_org_config

CONFIG = Path(__file__).resolve().parents[2] / "config"


def test_loten_has_the_three_focus_areas_of_the_operations_review():
    org = load_org_config(CONFIG / "loten.yaml")
    assert org.area_ids == ["barn-og-unge", "helse-og-livskvalitet", "samfunnsutvikler"]
    assert (org.sla_days, org.savings_target_nok) == (14, 5_000_000)
    assert org.commissioner_for("helse-og-livskvalitet").name == "Arne Jørstad"
    assert org.commissioner_for("samfunnsutvikler").name == "Frank Hauge"


def test_lillehammer_is_a_second_organisation_with_its_own_areas():
    org = load_org_config(CONFIG / "lillehammer.yaml")
    assert org.savings_target_nok == 70_000_000
    assert "organisasjon-og-okonomi" in org.area_ids
    assert org.commissioner_for("organisasjon-og-okonomi").name == "Ole Rolstad"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = (CONFIG / "loten.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("sla_days: 14", "sla_days: fourteen"), "sla_days: Input should be a valid integer"),
        (("savings_target_nok: 5000000", "savings_target_nok: -5"), "savings_target_nok: Input should be greater"),
        (("  threshold: 0.5", "  threshold: 1.5"), "classifier.threshold"),
        (("    areas: [barn-og-unge]", "    areas: [barnehage]"), "commissioners[0].areas: unknown focus area"),
        (("municipality: Løten kommune", "municipality: Løten kommune\ncolour: blue"), "colour: Extra inputs"),
        (("  - id: samfunnsutvikler\n", "  - id: barn-og-unge\n"), "focus_areas: id used more than once"),
        (("sla_days: 14", "sla_days: 14\nsharing: sometimes"), "sharing: Input should be 'off', 'opt_in' or 'on'"),
    ],
)
def test_a_bad_config_names_the_file_and_the_key(tmp_path, change, message):
    old, new = change
    assert old in BASE
    path = write(tmp_path, BASE.replace(old, new, 1))
    with pytest.raises(OrgConfigError) as error:
        load_org_config(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_an_area_without_a_commissioner_is_refused(tmp_path):
    path = write(tmp_path, BASE.replace("    areas: [samfunnsutvikler]", "    areas: [barn-og-unge]"))
    expected = "exactly one commissioner: 'barn-og-unge' has 2, 'samfunnsutvikler' has 0"
    with pytest.raises(OrgConfigError, match=expected):
        load_org_config(path)


@pytest.mark.parametrize(("text", "message"), [("a: [b", "not valid YAML"), ("- just a list", "mapping")])
def test_unreadable_yaml_is_explained(tmp_path, text, message):
    with pytest.raises(OrgConfigError, match=message):
        load_org_config(write(tmp_path, text))


def test_a_missing_file_says_which(tmp_path):
    with pytest.raises(OrgConfigError, match="file not found"):
        load_org_config(tmp_path / "missing.yaml")


@pytest.mark.parametrize("policy", ["off", "opt_in", "on", "'on'"])
def test_sharing_with_colleagues_is_off_unless_the_org_says_otherwise(policy):
    assert load_org_config(CONFIG / "loten.yaml").sharing.value == "off"
    # A bare off or on is a YAML boolean; written so, it still means the policy.
    raw = yaml.safe_load(BASE.replace("sla_days: 14", f"sla_days: 14\nsharing: {policy}", 1))
    assert OrgConfig.model_validate(raw).sharing.value == policy.strip("'")


def test_the_orgs_own_email_domains_are_in_both_configs():
    assert load_org_config(CONFIG / "loten.yaml").identity.email_domains == ["loten.kommune.no"]
    assert load_org_config(CONFIG / "lillehammer.yaml").identity.email_domains == ["lillehammer.kommune.no"]


@pytest.mark.parametrize("domain", ["@loten.kommune.no", "https://loten.kommune.no", "kari@loten.kommune.no",
                                    "loten", "loten..kommune.no", "-loten.kommune.no", "løten.kommune.no",
                                    "loten kommune.no"])
def test_a_malformed_email_domain_is_refused_by_name(tmp_path, domain):
    path = write(tmp_path, BASE.replace("email_domains: [loten.kommune.no]", f"email_domains: ['{domain}']", 1))
    with pytest.raises(OrgConfigError) as error:
        load_org_config(path)
    assert str(error.value).startswith(f"{path}: identity.email_domains: not a domain name")
    assert domain in str(error.value)


def test_an_email_domain_is_matched_whole_and_in_any_case(tmp_path):
    raw = yaml.safe_load(BASE.replace("email_domains: [loten.kommune.no]", "email_domains: [Loten.Kommune.NO]", 1))
    identity = OrgConfig.model_validate(raw).identity
    assert identity.email_domains == ["loten.kommune.no"]
    assert identity.owns("Kari.Nordmann@LOTEN.kommune.no")
    assert not identity.owns("kari@evil-loten.kommune.no.example") and not identity.owns("kari@sub.loten.kommune.no")
    assert not identity.owns("loten.kommune.no")
