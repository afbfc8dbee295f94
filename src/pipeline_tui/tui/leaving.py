"""Whether a widget is on its way out of the app, for work that arrives after it went.

A screen closed right after it was opened (a browser window shut within a second or two,
the app ending while a step is being mounted) is removed while its widgets are still
being mounted: Textual then skips mounting anything under a widget it is removing, yet
still runs that widget's `on_mount` and the callbacks waiting on the mount. Such work
finds none of the widget's own parts; it has nothing to show any more, so it stops.
"""

from __future__ import annotations

from textual.dom import DOMNode


def leaving(node: DOMNode) -> bool:
    """Whether `node` is not in the app, or is being removed (with its screen, or with the
    app as it ends)."""
    # Textual's own test for a node on its way out (as its signals use it): no public name.
    return not node.is_attached or node._pruning or node._closing
