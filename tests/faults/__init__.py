"""Fault suite (issue 12): concurrent processes, locks, full and read-only disks, bad files."""
