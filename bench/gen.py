#!/usr/bin/python3
# Generates N report files for `make bench`: valid reports of both layouts,
# varied numbers, realistic sizes (10-20 KB, mostly prose), about one in ten
# with a deliberate arithmetic error, some blank cells. Deterministic (seeded).
#
# Usage: gen.py [-n N] [--seed S] DIR
# Prints: DIR, files written, total bytes, files with errors.
import argparse
import os
import random
import sys

sys.dont_write_bytecode = True  # keep the work tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbform  # noqa: E402

PLACES = ["岚川", "临澜", "青岑", "云栖", "安平", "望江", "石溪", "东原", "北宁",
          "清河", "柳城", "白沙", "南屏", "金川", "永和", "长宁", "丰泽", "鹤山"]
BODIES = ["市人民政府办公室", "市发展和改革委员会", "市教育局", "市公安局",
          "市民政局", "市司法局", "市财政局", "市人力资源和社会保障局",
          "市自然资源局", "市生态环境局", "市住房和城乡建设局", "市交通运输局",
          "市水利局", "市农业农村局", "市商务局", "市卫生健康委员会",
          "市应急管理局", "市市场监督管理局", "区人民政府", "县人民政府",
          "区人民政府新华街道办事处", "县城关镇人民政府", "市医疗保障局"]

PARTS_2021 = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理",
              "（四）政府信息公开平台建设", "（五）监督保障"]

# Paragraph templates; {a} agency, {y} year, {n1}.. random numbers.
POOL = [
    "{y}年，{a}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署要求，围绕中心工作，以公开促落实、以公开促规范、以公开促服务，全面推进决策、执行、管理、服务、结果公开，政府信息公开工作取得新进展。",
    "全年通过门户网站主动公开政府信息{n1}条，其中政策文件{n2}条、政策解读{n3}条、人事信息{n4}条、财政预决算信息{n5}条、重大建设项目信息{n6}条。围绕优化营商环境、乡村振兴、民生保障等重点工作，及时发布政策文件和配套解读，做到政策文件与解读材料同步组织、同步审签、同步部署。",
    "严格落实公文公开属性源头认定机制，在公文拟制阶段即明确主动公开、依申请公开或不予公开属性。健全政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。对现行有效的规章和规范性文件开展全面清理，按有效、失效、废止状态分类标注并动态更新。",
    "以门户网站为第一平台，整合政务微博、微信公众号和政务服务移动端，构建“网站+新媒体+政务服务大厅”的公开矩阵。优化政府信息公开专栏目录，新增“重点领域信息公开”“惠企政策”等专题栏目。全年网站访问量达{n1}人次，微信公众号发布信息{n2}条，政府信息公开查阅点接待现场查阅群众{n3}人次。",
    "将政务公开工作纳入年度绩效考评体系，考评分值占比{n7}%。组织政务公开业务培训{n7}期，培训工作人员{n3}余人次。开展政府网站和政务新媒体季度检查，通报问题{n8}个并督促整改到位。全年未发生因政府信息公开工作责任追究的情况。",
    "进一步规范依申请公开办理流程，完善登记、审核、办理、答复、归档各环节工作规范，统一答复文书格式，对疑难复杂申请实行集体会商和法律顾问审核，答复的规范性和准确性进一步提高，所有申请均在法定期限内答复。",
    "认真做好人大代表建议和政协提案办理结果公开工作，全年承办人大代表建议{n8}件、政协提案{n9}件，均已按时办结，办理复文在门户网站公开，主动接受社会监督。",
    "围绕“放管服”改革，公开权责清单、公共服务事项清单和中介服务事项清单，动态调整政务服务事项{n4}项，实现{n5}项高频事项“一网通办”“跨省通办”，群众办事更加便捷。",
    "加强政策解读和回应关切，召开新闻发布会{n8}场，主要负责同志解读重要政策{n7}次，通过图表图解、音视频等形式解读政策{n9}件，及时回应网民留言{n2}条，办结率100%。",
    "深入推进基层政务公开标准化规范化建设，编制并公开{n9}个领域的基层政务公开标准目录，推动政务公开向村（社区）延伸，在便民服务中心设立政务公开专区。",
    "存在的主要问题：一是政策解读的形式还不够丰富，通俗化解读占比不高；二是部分领域信息公开的及时性和完整性有待提高；三是基层政务公开标准化规范化工作推进不够平衡，工作人员业务能力有待提升。",
    "下一步，将从以下方面加以改进：一是丰富政策解读形式，推行政策文件起草部门负责人解读，提高政策知晓度；二是加强重点领域信息公开，督促各责任单位按时限、按标准发布信息；三是加强业务培训，提升工作人员依法公开意识和能力。",
]


def nums(rng):
    return {"n1": rng.randint(500, 20000), "n2": rng.randint(50, 3000),
            "n3": rng.randint(20, 2000), "n4": rng.randint(10, 500),
            "n5": rng.randint(5, 300), "n6": rng.randint(5, 400),
            "n7": rng.randint(1, 9), "n8": rng.randint(3, 80),
            "n9": rng.randint(5, 120)}


def prose(rng, a, y, npara):
    out = []
    for _ in range(npara):
        d = nums(rng)
        d.update(a=a, y=y)
        out.append(rng.choice(POOL).format(**d))
    return out


def t3_table(rng, form, scale, blanks):
    t = form.tables["t3"]
    res_leaves = [r.id for r in t.rows.nodes["results"].leaves
                  if r.id != "result_total"]
    cols = [c.id for c in t.cols.leaves if c.id != "total"]
    tv = {}
    weights = [1.0, 0.15, 0.02, 0.03, 0.06, 0.05]
    for ri in res_leaves + ["carried", "next"]:
        tv[ri] = {}
        for ci, w in zip(cols, weights):
            hot = 8 if ri in ("granted", "u_none") else 1
            v = int(rng.expovariate(1.0) * scale * w * hot * 0.3)
            tv[ri][ci] = v
    for ci in cols:
        s = sum(tv[r][ci] for r in res_leaves) + tv["next"][ci] - \
            tv["carried"][ci]
        if s < 0:
            tv["carried"][ci] += s
            s = 0
        tv.setdefault("new", {})[ci] = s
    if blanks:
        # published reports leave cells blank instead of 0 (rarely in totals)
        for r in res_leaves:
            for c in cols:
                if tv[r][c] == 0 and rng.random() < 0.5:
                    tv[r][c] = None
    return tv


def money(rng, unit_choices):
    ip = rng.randint(0, 99999999)
    dec = rng.choice(["", "." + str(rng.randint(0, 9)),
                      "." + "%02d" % rng.randint(0, 99),
                      "." + "%06d" % rng.randint(0, 999999)])
    return str(ip) + dec + rng.choice(unit_choices)


def t2_tables(rng, form):
    out = {}
    for t in form.table_list:
        if not t.id.startswith("t2"):
            continue
        tv = {}
        for r in t.rows.leaves:
            tv[r.id] = {}
            for c in t.cols.leaves:
                if c.vtype == "money":
                    v = money(rng, [""] + list(c.units))
                elif c.vtype == "signed":
                    v = rng.randint(-40, 40)
                else:
                    v = int(rng.expovariate(1.0) * rng.choice([10, 200, 5000,
                                                               200000]))
                tv[r.id][c.id] = v
        out[t.id] = tv
    return out


def t4_table(rng, form):
    t = form.tables["t4"]
    tv = {"cases": {}}
    for c in t.cols.leaves:
        tv["cases"][c.id] = 0 if c.id.endswith("total") else \
            int(rng.expovariate(1.0) * 3)
    return tv


ERRORS = [
    # (name, function(tables, rng)) each breaks one or more error rules
    ("row-total", lambda tv, rng: tv["t3"]["granted"].__setitem__(
        "natural", (tv["t3"]["granted"]["natural"] or 0) + 1)),
    ("results-total", lambda tv, rng: tv["t3"]["result_total"].__setitem__(
        "business", tv["t3"]["result_total"]["business"] + 1)),
    ("balance", lambda tv, rng: [tv["t3"]["next"].__setitem__(
        c, tv["t3"]["next"][c] + 1) for c in ("legal", "total")]),
    ("t4-total", lambda tv, rng: tv["t4"]["cases"].__setitem__(
        "a_total", tv["t4"]["cases"]["a_total"] + 1)),
]


def make_report(rng, forms, i):
    fid = "gk2019" if rng.random() < 0.3 else "gk2021"
    form = forms[fid]
    year = rng.randint(2019, 2020) if fid == "gk2019" else \
        rng.randint(2021, 2025)
    a = rng.choice(PLACES) + rng.choice(BODIES)
    cover = {fid_: "" for fid_ in form.cover_ids}
    cover.update(agency=a, year=year,
                 period="%d年1月1日起至%d年12月31日止" % (year, year),
                 website="http://www.example.gov.cn/zwgk/%d/" % i,
                 address="%s市人民路%d号" % (a[:2], rng.randint(1, 999)),
                 postcode="%06d" % rng.randint(100000, 999999),
                 phone="0%d-%d" % (rng.randint(10, 999),
                                    rng.randint(2000000, 89999999)),
                 email="zwgk%d@example.gov.cn" % i)
    cover["preamble"] = "".join(l + "\n" for l in prose(rng, a, year, 2))
    text = {}
    target = rng.randint(10000, 20000)
    s1 = []
    if fid == "gk2021":
        for p in PARTS_2021:
            s1.append(p)
            s1 += prose(rng, a, year, rng.randint(2, 4))
    else:
        s1 += prose(rng, a, year, rng.randint(6, 12))
    text["s1"] = "".join(l + "\n" for l in s1)
    text["s2"] = "" if rng.random() < 0.7 else \
        "".join(l + "\n" for l in prose(rng, a, year, 1))
    text["s3"] = ""
    text["s4"] = ""
    text["s5"] = "".join(l + "\n" for l in prose(rng, a, year, 2))
    text["s6"] = "本年度未收取信息处理费。\n"
    tables = t2_tables(rng, form)
    scale = rng.choice([1, 5, 30, 300, 3000])
    tables["t3"] = t3_table(rng, form, scale, rng.random() < 0.15)
    tables["t4"] = t4_table(rng, form)
    nbform.derive(form, tables)
    err = None
    if rng.random() < 0.1:
        err, fn = rng.choice(ERRORS)
        fn(tables, rng)
    rep = {"cover": cover, "text": text, "tables": tables}
    data = nbform.dump_report(form, rep)
    # pad the prose of 一 toward the target size, like longer reports
    while len(data) < target:
        extra = prose(rng, a, year, max(1, (target - len(data)) // 600))
        text["s1"] += "".join(l + "\n" for l in extra)
        data = nbform.dump_report(form, rep)
    return data, err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=2021)
    ap.add_argument("dir")
    o = ap.parse_args()
    os.makedirs(o.dir, exist_ok=True)
    forms = nbform.load_forms()
    rng = random.Random(o.seed)
    total = 0
    nerr = 0
    for i in range(o.n):
        data, err = make_report(rng, forms, i)
        with open(os.path.join(o.dir, "r%05d.yaml" % i), "wb") as f:
            f.write(data)
        total += len(data)
        nerr += err is not None
    print("%s: %d files, %d bytes, %d with errors" % (o.dir, o.n, total, nerr))


if __name__ == "__main__":
    main()
