"""The hall manager's console: live window map, reassignment with predicted waits, the day's report."""
