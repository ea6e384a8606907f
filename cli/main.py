"""The `forslagskassa` command: every command and group, registered in the order `--help` lists them.
Every setting comes from the environment or `.env`; the commands live in the modules beside this one."""

from __future__ import annotations

import sys

import typer

from cli import backup, classifier, config, db, followup, package, privacy, seed, serve, teams, tokens

app = typer.Typer(help="Forslagskassa: suggestion box for municipalities.", no_args_is_help=True,
                  pretty_exceptions_enable=False)

app.command()(serve.serve)
app.command()(serve.worker)
app.command("slack-socket")(serve.slack_socket)
app.command()(followup.digest)
app.command()(tokens.token)
app.command()(followup.stats)
app.command("check-config")(config.check_config)
app.command()(classifier.train)
app.command()(classifier.classify)
app.command("evaluate")(classifier.evaluate_command)
app.command()(seed.seed)
app.command()(backup.backup)
app.command()(backup.restore)
app.add_typer(db.app, name="db")
app.add_typer(package.app, name="package")
app.add_typer(privacy.app, name="privacy")
app.add_typer(teams.app, name="teams")


def main() -> None:
    app(prog_name="forslagskassa")


if __name__ == "__main__":
    sys.exit(main())
