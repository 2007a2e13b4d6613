"""Claim intelligence: suggestions, speakers, same-claim matching; pure Python, no Qt."""
