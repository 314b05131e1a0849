#!/usr/bin/env python3
"""Writes an N-times replicated copy of a course export for load benchmarks.

usage: olx_replicate_course.py SRC_DIR OUT_DIR N

Every XML file reached from course/RUN.xml is copied N times with its
url_names (and html filename= bodies) suffixed "_rK"; the new course root
lists all N copies of each chapter. Static assets are not copied.
"""
import os
import re
import shutil
import sys

POINTER = re.compile(r'url_name="([^"]+)"')
FILENAME = re.compile(r'filename="([^"]+)"')


def main():
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    root = open(os.path.join(src, "course.xml")).read()
    run = POINTER.search(root).group(1)
    course_xml = open(os.path.join(src, "course", run + ".xml")).read()
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "course"))
    open(os.path.join(out, "course.xml"), "w").write(root)
    for dirpath, _, files in os.walk(src):
        rel = os.path.relpath(dirpath, src)
        top = rel.split(os.sep)[0]
        if top in (".", "course", "static", "policies", "drafts", "about", "info", "tabs"):
            continue
        for name in files:
            path = os.path.join(dirpath, name)
            data = open(path, "rb").read()
            stem, ext = os.path.splitext(name)
            for k in range(n):
                suffix = "_r%d" % k
                target = os.path.join(out, rel, stem + suffix + ext)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                if ext == ".xml":
                    text = data.decode("utf-8")
                    text = POINTER.sub(lambda m: 'url_name="%s%s"' % (m.group(1), suffix), text)
                    text = FILENAME.sub(lambda m: 'filename="%s%s"' % (m.group(1), suffix), text)
                    open(target, "w", encoding="utf-8").write(text)
                else:
                    open(target, "wb").write(data)
    chapters = []
    body = course_xml[course_xml.index(">") + 1:course_xml.rindex("</course>")]
    for k in range(n):
        chapters.append(POINTER.sub(lambda m: 'url_name="%s_r%d"' % (m.group(1), k), body))
    head = course_xml[:course_xml.index(">") + 1]
    open(os.path.join(out, "course", run + ".xml"), "w").write(head + "".join(chapters) + "</course>\n")
    if os.path.isdir(os.path.join(src, "policies")):
        shutil.copytree(os.path.join(src, "policies"), os.path.join(out, "policies"))


if __name__ == "__main__":
    main()
