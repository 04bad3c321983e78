"""Tavle's themes: a high-contrast one that reads on a projector, and a dark and a light one."""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="tavle-projector",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FFD700",
    warning="#FFB000",
    error="#FF5555",
    success="#50FA7B",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    boost="#262626",
    dark=True,
    variables={
        "block-cursor-background": "#FFD700",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#FFD700",
        "input-selection-background": "#FFD700 50%",
    },
)

DARK = Theme(
    name="tavle-dark",
    primary="#4F9DDE",
    secondary="#7FB77E",
    accent="#F2A65A",
    warning="#F2A65A",
    error="#E5534B",
    success="#57AB5A",
    foreground="#E6EDF3",
    background="#161B22",
    surface="#1F2630",
    panel="#2D3440",
    dark=True,
)

LIGHT = Theme(
    name="tavle-light",
    primary="#0B5CAD",
    secondary="#2E7D32",
    accent="#B35C00",
    warning="#B35C00",
    error="#C62828",
    success="#2E7D32",
    foreground="#111111",
    background="#FFFFFF",
    surface="#F3F4F6",
    panel="#E2E5EA",
    dark=False,
)

THEMES = (PROJECTOR, DARK, LIGHT)
