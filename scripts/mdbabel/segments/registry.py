"""A registry of named items tried in priority order, as Python-Markdown registers its block
processors (``markdown.util.Registry``): the block rules of the segmenter live in one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Items registered by name with a priority; iterating gives them highest priority first
    (items of equal priority in the order they were registered). Registering a name again
    replaces its item and priority, as ``markdown.util.Registry.register`` does."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[float, T]] = {}
        self._sorted: tuple[T, ...] | None = None

    def register(self, item: T, name: str, priority: float) -> None:
        """Add *item* as *name*; a higher *priority* is tried earlier."""
        self._items.pop(name, None)
        self._items[name] = (priority, item)
        self._sorted = None

    def deregister(self, name: str) -> None:
        """Remove the item registered as *name* (``KeyError`` if there is none)."""
        del self._items[name]
        self._sorted = None

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __getitem__(self, name: str) -> T:
        return self._items[name][1]

    def __len__(self) -> int:
        return len(self._items)

    def names(self) -> list[str]:
        """The registered names, in the order their items are tried."""
        order = sorted(self._items.items(), key=lambda entry: entry[1][0], reverse=True)
        return [name for name, _ in order]

    def __iter__(self) -> Iterator[T]:
        if self._sorted is None:
            self._sorted = tuple(self._items[name][1] for name in self.names())
        return iter(self._sorted)
