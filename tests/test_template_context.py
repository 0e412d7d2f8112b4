"""Each page template uses what its typed context promises, and nothing the context lacks."""

from __future__ import annotations

import dataclasses
import re

from conftest import ROOT

from site_builder.derive.facts import derive
from site_builder.load.inputs import load_inputs
from site_builder.render.pages import plan_pages


def template_source(name: str) -> str:
    """A template with the macro files it imports, which receive `ctx` from it."""
    source = (ROOT / "templates" / name).read_text(encoding="utf-8")
    imported = re.findall(r'{%-?\s*(?:from|import)\s+"([^"]+)"', source)
    return source + "".join((ROOT / "templates" / other).read_text(encoding="utf-8") for other in imported)


def test_templates_use_exactly_their_context_fields():
    inputs = load_inputs(ROOT)
    seen = set()
    for page in plan_pages(inputs, derive(inputs)):
        kind = type(page.context)
        if (page.template, kind) in seen:
            continue
        seen.add((page.template, kind))
        source = template_source(page.template)
        used = set(re.findall(r"\bctx\.([a-z_]+)", source))
        fields = {f.name for f in dataclasses.fields(kind)} - {"strategy"}  # strategy: used by base.html
        assert fields - used == set(), f"{page.template} ignores {sorted(fields - used)} of {kind.__name__}"
        assert used - fields - {"strategy"} == set(), f"{page.template} uses {sorted(used - fields)} missing from {kind.__name__}"
