"""Objects whose attributes are set once, while they are built: afterwards setting or deleting one raises."""

from __future__ import annotations

__all__ = ["Immutable"]


class Immutable:
    """A base for classes that are built once and then only read (and so are safe to share between threads).

    >>> class Point(Immutable):
    ...     def __init__(self, x: int) -> None:
    ...         self.x = x
    ...         self._seal()
    >>> p = Point(1)
    >>> p.x = 2
    Traceback (most recent call last):
      ...
    AttributeError: Point is immutable: cannot set 'x'
    """

    _sealed = False

    def _seal(self) -> None:
        """Call at the end of ``__init__``: from here on the object is read-only."""
        object.__setattr__(self, "_sealed", True)

    def __setattr__(self, name: str, value: object) -> None:
        if self._sealed:
            raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self._sealed:
            raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")
        object.__delattr__(self, name)
