"""The pipeline steps; each proposes edits for the current text and changes nothing."""
