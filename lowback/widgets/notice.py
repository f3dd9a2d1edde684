"""A message boxed with a thick coloured bar down its left side (saved, not saved, stop)."""


def notice(colour: str, body: str, padding: str = "0.3em 0.8em") -> str:
    """``body`` (HTML, already escaped) in a box with a ``colour`` bar down its left side."""
    return f'<div style="border-left:6px solid {colour};padding:{padding};">{body}</div>'
