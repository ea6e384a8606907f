"""The rules every channel shares: settings, org config, intake, lifecycle, access, outbox, statistics.

Imports classifier/ and storage/, never bot/ or api/.
"""
