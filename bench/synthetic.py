"""Synthetic strategies for the scale benchmarks: N indicators with programs, budget items and five years of reviews.

    python bench/synthetic.py 1000 /tmp/strategy-1000      # writes a project folder, valid for the models

The site settings, population and survey figures, templates and assets are the shipped ones; the strategy
is generated: 20 goals at most (the models allow 1–20), measures of up to 20, KPIs spread over them, one
program and one budget item per KPI, and a review for each of five fiscal years with a value per indicator.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEARS = range(2015, 2020)


def strategy(indicators: int) -> str:
    goals = min(20, max(1, indicators // 50))
    per_goal = -(-indicators // goals)
    measures = min(20, max(1, per_goal // 5))
    lines = ['id: synthetic', 'title: {ja: 合成戦略, en: Synthetic strategy}', 'publisher: {ja: 合成市, en: Synthetic City}',
             'department: {ja: 企画課, en: Planning}', 'issued: "2016-03"', 'period: {start: 2015, end: 2019}', 'goals:']
    made, budget = 0, []
    for g in range(1, goals + 1):
        lines += [f'  - id: g{g}', f'    number: {g}', f'    title: {{ja: 目標{g}, en: Goal {g}}}',
                  f'    direction: {{ja: 方向性{g}, en: Direction {g}}}', '    measures:']
        count = min(per_goal, indicators - made)
        for m in range(1, measures + 1):
            share = count // measures + (1 if m <= count % measures else 0)
            if not share:
                continue
            lines += [f'      - id: g{g}-m{m}', f'        number: {m}', f'        title: {{ja: 施策{g}-{m}, en: Measure {g}-{m}}}',
                      '        programs:']
            first = made
            for k in range(share):
                n = first + k
                lines += [f'          - id: p{n}', f'            name: {{ja: 事業{n}, en: Program {n}}}', '            status: continuing',
                          f'            description: {{ja: 事業{n}の説明, en: What program {n} does}}']
                budget.append(f'  - programs: [p{n}]\n    name: {{ja: 予算事業{n}, en: Budget item {n}}}\n    code: "{n:010d}"')
            lines.append('        kpis:')
            for k in range(share):
                n = first + k
                unit = '{ja: 人, en: people}' if n % 3 else '{ja: "%", en: "%"}'
                lines += [f'          - id: k{n}', f'            name: {{ja: 指標{n}, en: Indicator {n}}}', f'            unit: {unit}',
                          f'            baseline: {{value: {50 + n % 40}, year: 2014}}',
                          f'            target: {{value: {60 + n % 40}, year: 2019}}',
                          '            source: {ja: 担当課, en: Division}', f'            direction: {"higher" if n % 2 else "lower"}']
            made += share
    lines.append('budget_items:')
    lines += budget
    return "\n".join(lines) + "\n"


def review(indicators: int, year: int) -> str:
    lines = [f'year: {year}', f'held: {year + 1}-08', 'reviewer: {ja: 委員会, en: Committee}', 'indicators:']
    for n in range(indicators):
        lines += [f'  - id: k{n}', f'    value: {50 + n % 40 + (year - 2014) * (n % 3)}', '    source: {ja: 担当課, en: Division}']
    return "\n".join(lines) + "\n"


def write(indicators: int, dest: Path) -> Path:
    for part in ("templates", "assets", "content/pages"):
        shutil.copytree(ROOT / part, dest / part)
    (dest / "data/reviews").mkdir(parents=True)
    for name in ("site.yaml", "population.yaml", "survey.yaml"):
        shutil.copy(ROOT / "data" / name, dest / "data" / name)
    (dest / "data/kpi.yaml").write_text(strategy(indicators), encoding="utf-8")
    for year in YEARS:
        (dest / f"data/reviews/{year}.yaml").write_text(review(indicators, year), encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(write(int(sys.argv[1]), Path(sys.argv[2])))
