"""An import-linter contract of our own: no module of `parcours` is part of an import cycle.

import-linter's `acyclic_siblings` works at package level, where a named port (pathways reads
`training.ledger` while training builds on pathways) is a cycle by design; what we forbid is a
chain of imports that comes back to the module it started from. Tarjan's algorithm over the
module graph; each cycle found is printed as its modules in import order.
"""

from typing import Any

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def strongly_connected(graph: ImportGraph, modules: set[str]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:  # iterative, so that deep chains never hit the recursion limit
        work: list[tuple[str, list[str]]] = [(start, sorted(_imports(graph, start, modules)))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, pending = work[-1]
            if pending:
                child = pending.pop()
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, sorted(_imports(graph, child, modules))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def _imports(graph: ImportGraph, module: str, modules: set[str]) -> set[str]:
    return graph.find_modules_directly_imported_by(module) & modules


class AcyclicModulesContract(Contract):
    type_name = "acyclic_modules"

    root = fields.StringField()

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        root = str(self.root)
        modules = {m for m in graph.modules if m == root or m.startswith(root + ".")}
        cycles = strongly_connected(graph, modules)
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        cycles: list[list[Any]] = check.metadata["cycles"]
        for cycle in cycles:
            output.print_error("These modules import each other in a cycle:", bold=True)
            for module in cycle:
                output.indent_cursor()
                output.print_error(f"- {module}")
            output.new_line()
