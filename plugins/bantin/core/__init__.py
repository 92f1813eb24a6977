"""Engine-independent building blocks: problems, text, dates, Vietnamese formatting."""
