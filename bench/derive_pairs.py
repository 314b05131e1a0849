#!/usr/bin/env python3
"""Prints N SOURCE<TAB>PARENT pairs for DERIVE_ID benchmarks (deterministic).

Sources are library blocks as library_content children see them: mostly v2
(lb:ORG:SLUG:TYPE:ID), some v1 (lib-block-v1:..., with and without version@);
parents are library_content blocks of a few courses, or verticals of earlier
copies (the descendants' case). Usage: derive_pairs.py [N] [SEED] > pairs.tsv
"""
import random
import sys


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 42)
    orgs = ["MITx", "HarvardX", "edX", "DelftX", "UQx", "Org_%d" % 7]
    types = ["problem"] * 6 + ["html", "video", "vertical"]
    courses = ["course-v1:%s+C%03d+%dT%d" % (rng.choice(orgs), i, 2020 + i % 5, 1 + i % 3)
               for i in range(50)]

    def block_id():
        r = rng.random()
        if r < 0.6:
            return "%032x" % rng.getrandbits(128)  # Studio's uuid4().hex names
        if r < 0.8:
            return "%020x" % rng.getrandbits(80)   # earlier DERIVE_ID results
        return "%s_%d" % (rng.choice(["intro", "quiz", "Problem", "lab.part"]), rng.randrange(1000))

    out = []
    for _ in range(n):
        org, slug = rng.choice(orgs), "lib%d" % rng.randrange(200)
        btype, bid = rng.choice(types), block_id()
        r = rng.random()
        if r < 0.8:
            source = "lb:%s:%s:%s:%s" % (org, slug, btype, bid)
        elif r < 0.9:
            source = "lib-block-v1:%s+%s+branch@library+type@%s+block@%s" % (org, slug, btype, bid)
        else:
            source = "lib-block-v1:%s+%s+branch@library+version@%024x+type@%s+block@%s" % (
                org, slug, rng.getrandbits(96), btype, bid)
        ptype = "library_content" if rng.random() < 0.85 else "vertical"
        parent = "block-v1:%s+type@%s+block@%s" % (rng.choice(courses)[10:], ptype, block_id())
        out.append(source + "\t" + parent)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
