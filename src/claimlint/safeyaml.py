"""YAML from untrusted hands: front matter, rule packs and configuration files, with aliases bounded.

YAML aliases let 600 bytes stand for billions of values (`a: &a [x, x]`, `b: &b [*a, *a]`, …): an
article's front matter could exhaust a runner's memory. A document is composed into its node
graph first (aliases are shared nodes there, so that is cheap), its expanded size is counted
without expanding it, and only a document within `MAX_VALUES` is built. A recursive alias
(`&a [*a]`) and nesting deeper than Python's stack are refused the same way.
"""
from __future__ import annotations

import yaml

MAX_VALUES = 100_000  # scalars, sequences and mappings, counting each alias as a copy of what it names


class UnsafeYAML(yaml.YAMLError):
    """A document refused before it was built; `problem` says why (as PyYAML's errors do)."""

    def __init__(self, problem: str, mark=None):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def check(node, limit: int = MAX_VALUES) -> None:
    """Raise `UnsafeYAML` if the node graph expands past `limit` values or refers to itself."""
    sizes: dict[int, int] = {}
    state: dict[int, int] = {}  # 1: being counted (on the current path), 2: counted
    stack = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        key = id(current)
        if children_done:
            children = _children(current)
            total = 1 + sum(sizes[id(c)] for c in children)
            sizes[key] = total
            state[key] = 2
            if total > limit:
                raise UnsafeYAML(f"its aliases expand to more than {limit:,} values", current.start_mark)
            continue
        if state.get(key) == 2:
            continue
        if state.get(key) == 1:
            raise UnsafeYAML("an alias refers to itself", current.start_mark)
        state[key] = 1
        stack.append((current, True))
        for child in _children(current):
            if state.get(id(child)) == 1:
                raise UnsafeYAML("an alias refers to itself", child.start_mark)
            if state.get(id(child)) != 2:
                stack.append((child, False))


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def compose(text: str, loader=yaml.SafeLoader, limit: int = MAX_VALUES):
    """The checked node graph of a one-document YAML text (None for an empty one)."""
    try:
        node = yaml.compose(text, Loader=loader)
    except RecursionError:
        raise UnsafeYAML("it is nested too deeply") from None
    if node is not None:
        check(node, limit)
    return node


def load(text: str, loader=yaml.SafeLoader, limit: int = MAX_VALUES):
    """`yaml.load(text, loader)`, refused (`UnsafeYAML`) when the document is unsafe to build."""
    reader = loader(text)
    try:
        try:
            node = reader.get_single_node()
        except RecursionError:
            raise UnsafeYAML("it is nested too deeply") from None
        if node is None:
            return None
        check(node, limit)
        try:
            return reader.construct_document(node)
        except RecursionError:
            raise UnsafeYAML("it is nested too deeply") from None
    finally:
        reader.dispose()
