"""batch stage: the whole pipeline over a store, on Dask for corpora that outgrow one machine."""

from newsprism.batch.analysis import analyze_stored_stories, analyze_story
from newsprism.batch.runner import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "analyze_stored_stories", "analyze_story", "run_batch"]
