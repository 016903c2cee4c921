"""In-memory adapters: a transactional store in a dict, for tests, demos and embedding."""

from oms.adapters.memory.store import InMemoryStore
from oms.adapters.memory.unit_of_work import InMemoryUnitOfWork

__all__ = ["InMemoryStore", "InMemoryUnitOfWork"]
