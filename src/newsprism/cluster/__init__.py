"""cluster stage: a stream of documents -> stories."""

from newsprism.cluster.clusterer import Assignment, ClusterParams, StoryClusterer
from newsprism.cluster.features import DocFeatures, extract_features
from newsprism.cluster.stories import cluster_pending

__all__ = ["Assignment", "ClusterParams", "DocFeatures", "StoryClusterer", "cluster_pending", "extract_features"]
