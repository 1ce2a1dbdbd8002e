"""What scripts/zoo-map-eval.py and scripts/layouts-map-eval.py print at
the end: exact rows, the confidence they were given and its calibration,
and the exit below the floor."""
import sys


def report(name, label, right, total, answers, minimum):
    """answers: (confidence, hit) of every scored row."""
    print(f"{label}: {right}/{total} exact ({100 * right / max(total, 1):.1f}%)")
    bins = [[] for _ in range(5)]
    for confidence, hit in answers:
        bins[min(4, int(confidence * 5))].append((confidence, hit))
    ece = sum(abs(sum(c for c, _ in b) - sum(h for _, h in b)) for b in bins) / max(len(answers), 1)
    mean = sum(c for c, _ in answers) / max(len(answers), 1)
    print(f"  mean confidence {mean:.2f}, expected calibration error {ece:.3f}")
    if right < minimum * total:
        sys.exit(f"{name}: below the floor of {100 * minimum:.0f}%")
