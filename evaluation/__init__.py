"""Repeatable evaluation of the claim intelligence against gold annotations of the seed articles.

Run ``python -m evaluation`` from the repository root: it imports the seed
articles as the product does, checks that the gold anchors still match the
cleaned texts, and prints precision, recall, speaker and cue-class accuracy of
``suggest_statements`` and the same-claim and contradiction pairs found by the
matchers. See docs/claim-intelligence.md.
"""
