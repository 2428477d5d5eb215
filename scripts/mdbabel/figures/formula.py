"""Formulas of derived figures: a small whitelisted evaluator over Decimals (never ``eval``)."""

from __future__ import annotations

import ast
from decimal import Decimal


class FigureError(ValueError):
    """A figure cannot be loaded, computed or found; the message names the file and the key."""


_BINARY = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
           ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}


def _round(value: Decimal, digits: Decimal | int = 0) -> Decimal:
    # Python's round() on Decimal rounds half to even; legal amounts round half up.
    digits = int(digits)
    return value.quantize(Decimal(1).scaleb(-digits), rounding="ROUND_HALF_UP")


_FUNCTIONS = {"min": min, "max": max, "round": _round}


def evaluate(formula: str, lookup, *, origin: str = "<formula>") -> Decimal:
    """Evaluate *formula* (names, numbers, + - * /, parentheses, min, max, round) with Decimals.

    *lookup(name)* returns the Decimal value of another figure.
    """
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        raise FigureError(f"{origin}: formula {formula!r} is not a valid expression") from None

    def walk(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            return lookup(node.id)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Div) and right == 0:
                raise FigureError(f"{origin}: formula {formula!r} divides by zero")
            return _BINARY[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = walk(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS
                and not node.keywords and node.args):
            args = [walk(arg) for arg in node.args]
            if node.func.id == "round" and len(args) > 2:
                raise FigureError(f"{origin}: round() takes a value and optionally a number of digits")
            return Decimal(_FUNCTIONS[node.func.id](*args))
        shown = ast.get_source_segment(formula, node) or type(node).__name__
        raise FigureError(
            f"{origin}: formula {formula!r} uses {shown!r}; only names, numbers, + - * /, "
            "parentheses, min(), max() and round() are allowed"
        )

    return walk(tree)

