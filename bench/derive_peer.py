#!/usr/bin/env python3
"""DERIVE_ID in plain Python (hashlib), the yardstick for `blockrt keys derive`.

The same rule as keys/derive.cc over the same SOURCE<TAB>PARENT lines on stdin,
one derived usage key per line out (the outputs are compared byte for byte):
edx-platform's derive_key, with lb:ORG:SLUG hashed as
library-v1:ORG+SLUG+branch@library and version@ dropped from v1 sources. It
splits the keys as strings rather than validating them (opaque-keys' parsers
would only make Python slower), so it reads well-formed pairs only.
"""
import hashlib
import sys


def source_parts(source):
    """(str(source_context.for_version(None)), block_type, block_id)."""
    if source.startswith("lb:"):
        _, org, slug, block_type, block_id = source.split(":")
        return "library-v1:%s+%s+branch@library" % (org, slug), block_type, block_id
    namespace, _, body = source.partition(":")
    context = []
    block_type = block_id = None
    for part in body.split("+"):
        if part.startswith("type@"):
            block_type = part[5:]
        elif part.startswith("block@"):
            block_id = part[6:]
        elif not part.startswith("version@"):
            context.append(part)
    prefix = "library-v1:" if namespace == "lib-block-v1" else "course-v1:"
    return prefix + "+".join(context), block_type, block_id


def main():
    sha1 = hashlib.sha1
    out = []
    append = out.append
    for line in sys.stdin:
        source, parent = line.rstrip("\n").split("\t")
        context, block_type, block_id = source_parts(source)
        # dest_parent.context_key.make_usage_key(type, id) for a block-v1 parent.
        at = parent.index("+type@")
        parent_id = parent[parent.index("+block@", at) + 7:]
        unique = "{}:{}:{}".format(str(context.encode("utf-8")), block_id, parent_id)
        new_id = sha1(unique.encode("utf-8")).hexdigest()[:20]
        append("%s+type@%s+block@%s" % (parent[:at], block_type, new_id))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
