"""The day book screens: closing counts, the day book, reopening, remittances and the DCR."""
