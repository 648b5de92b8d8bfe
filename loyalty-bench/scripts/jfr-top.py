#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: top self frames, and inclusive share of chosen frames.

usage: jfr print --events jdk.ExecutionSample --stack-depth 200 rec.jfr > samples.txt
       python3 jfr-top.py samples.txt [N]
"""
import re
import sys
from collections import Counter

INCLUSIVE = [
    ("Evaluation.purchase (whole purchase)", "org.loyaltyrules.rules.Evaluation.purchase("),
    ("Evaluation.advance (time passes: ledger, reviews)", "org.loyaltyrules.rules.Evaluation.advance("),
    ("Firing.open/close (session pool, reset, listeners)", ("org.loyaltyrules.rules.internal.Firing.close(",
                                                          "org.loyaltyrules.rules.internal.Firing.open(")),
    ("  of which KieSession.reset", "StatefulKnowledgeSessionImpl.reset("),
    ("Firing.insert (fact insertion)", "org.loyaltyrules.rules.internal.Firing.insert("),
    ("Firing.fire (agenda, rule firing)", "org.loyaltyrules.rules.internal.Firing.fire("),
    ("  of which conclusion capture (listener, inputsOf)", "org.loyaltyrules.rules.internal.Firing.inputsOf("),
    ("Work.explain / explanation strings", ("Evaluation$Work.explain(", "StringConcatHelper", "String.format(",
                                           "java.util.Formatter")),
    ("insertEarningSettings / insertRiskFacts", ("Evaluation.insertEarningSettings(", "Evaluation.insertRiskFacts(")),
    ("settle (ledger, growth, records)", "org.loyaltyrules.rules.Evaluation.settle("),
    ("MemberState constructor copies", "org.loyaltyrules.core.member.MemberState.<init>("),
    ("PointsLedger (advanceTo, earn, ...)", "org.loyaltyrules.core.points.PointsLedger."),
    ("GrowthLedger (total, plus, forgetBefore)", "org.loyaltyrules.core.member.GrowthLedger."),
    ("PeriodCounters / CountingPeriod.keyOf", ("PeriodCounters.", "CountingPeriod.keyOf(")),
    ("EarnCalculator", "org.loyaltyrules.core.points.EarnCalculator."),
    ("BigDecimal", "java.math.BigDecimal."),
    ("org.drools / org.kie (anywhere in stack)", ("org.drools.", "org.kie.")),
    ("GC-free hand-written (HandWrittenRetailBasic)", "HandWrittenRetailBasic."),
]


def main():
    path = sys.argv[1]
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    samples = []
    current = None
    with open(path) as f:
        for line in f:
            if line.startswith("jdk.ExecutionSample"):
                current = []
                samples.append(current)
            elif current is not None:
                m = re.match(r"\s+([\w$.<>/]+\(.*?\))\s+line:", line)
                if m:
                    current.append(m.group(1))
    total = len(samples)
    print(f"{total} samples")
    self_count = Counter(s[0] for s in samples if s)
    print("\nTop self frames:")
    for frame, n in self_count.most_common(top_n):
        print(f"{100.0 * n / total:5.1f}%  {frame}")
    print("\nInclusive (share of samples with the frame anywhere in the stack):")
    for label, needles in INCLUSIVE:
        needles = needles if isinstance(needles, tuple) else (needles,)
        n = sum(1 for s in samples if any(any(x in fr for x in needles) for fr in s))
        print(f"{100.0 * n / total:5.1f}%  {label}")


if __name__ == "__main__":
    main()
