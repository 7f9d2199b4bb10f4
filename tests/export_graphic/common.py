"""Shared by check_svg.py and render.py: the reports the tests export."""
import os
import subprocess

NIANBAO = os.environ.get("NIANBAO", "nianbao")
TOP = os.environ["TOP"]


def sample(name):
    return os.path.join(TOP, name)


def make_cases(work):
    """(name, report, last or None) for every case; writes the made-up ones."""
    blank = os.path.join(work, "blank.yaml")
    if not os.path.exists(blank):
        subprocess.run([NIANBAO, "new", blank], check=True, capture_output=True)
    # Characters XML must escape, and control characters it forbids, in
    # the title the picture prints.
    hostile = os.path.join(work, "hostile.yaml")
    with open(sample("sample-data/city-2021.yaml"), encoding="utf-8") as f:
        y = f.read()
    y = y.replace('  title: ""', '  title: "A&B <报告> \\"引号\\" \'单\' \\x01\\x1f]]>年报"', 1)
    with open(hostile, "w", encoding="utf-8") as f:
        f.write(y)
    return [
        ("city-2021-last", sample("sample-data/city-2021.yaml"),
         sample("sample-data/city-2020.yaml")),
        ("city-2020-layout2019", sample("sample-data/city-2020.yaml"), None),
        ("street-2019-zeros", sample("tests/data/gk2019-street.yaml"), None),
        ("blank", blank, None),
        ("hostile-title", hostile, None),
    ]


def export(report, last, out):
    cmd = [NIANBAO, "export", "--format", "graphic", "-o", out]
    if last:
        cmd += ["--last", last]
    r = subprocess.run(cmd + [report], capture_output=True)
    return r.returncode, r.stderr.decode("utf-8", "replace")
