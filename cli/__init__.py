"""The `forslagskassa` command line: an adapter like api/ and bot/. See README.md."""
