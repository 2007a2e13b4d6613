"""The verification desk: claims, evidence, history, activity, agreement, adjudication and the dashboard."""
