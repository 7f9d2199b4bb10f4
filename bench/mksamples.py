#!/usr/bin/python3
# Writes sample-data/*.yaml and sample-data/city-2021-bad.txt:
#   seed-2019.yaml       the seed report (../shared/seed) in the report format
#   city-2020.yaml       an invented city office's 2020 report (gk2019 layout)
#   city-2021.yaml       the same office's 2021 report (gk2021 layout)
#   city-2021-bad.yaml   city-2021 with deliberate errors, listed in the .txt
# Usage: /usr/bin/python3 bench/mksamples.py [SEED.txt]
import copy
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # keep the work tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbform  # noqa: E402
import check_reports  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "sample-data")
SEED = os.path.join(os.path.dirname(ROOT), "shared", "seed",
                    "000_fc92877fd393e861.txt")

T3_COLS = ["natural", "business", "research", "nonprofit", "legal", "other"]
T4_COLS = ["r_upheld", "r_corrected", "r_other", "r_pending",
           "l_upheld", "l_corrected", "l_other", "l_pending",
           "a_upheld", "a_corrected", "a_other", "a_pending"]


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data)
    print("wrote", path, len(data), "bytes")


def blank_report(form, year):
    cover = {fid: "" for fid in form.cover_ids}
    cover["year"] = year
    return {"cover": cover, "text": {s: "" for s in form.section_ids},
            "tables": {}}


def para(*lines):
    return "".join(l + "\n" for l in lines)


# --------------------------------------------------------------------------
# The seed: prose one paragraph a line; tables all zero.

def seed_report(forms, path):
    form = forms["gk2019"]
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    heads = {"一、总体情况": "s1", "二、主动公开政府信息情况": "s2",
             "三、收到和处理政府信息公开申请情况": "s3",
             "四、政府信息公开行政复议、行政诉讼情况": "s4",
             "五、存在的主要问题及改进情况": "s5",
             "六、其他需要报告的事项": "s6"}
    prose = {}
    cur = None
    for l in lines:
        if l in heads:
            # The seed repeats heading 二 right before table 二: the second
            # occurrence starts the table, so prose of s2 stops there.
            if heads[l] in prose:
                cur = None
                continue
            cur = heads[l]
            prose[cur] = []
            continue
        if l.endswith(" |") or cur is None:
            if l.endswith(" |"):
                cur = None
            continue
        prose[cur].append(l)
    rep = blank_report(form, 2019)
    rep["cover"]["agency"] = "克尔根卓街道办事处"
    for sid in ("s1", "s2", "s5", "s6"):
        rep["text"][sid] = para(*prose[sid])
    tables = {}
    for t in form.table_list:
        tables[t.id] = {r.id: {c.id: (0 if c.vtype != "money" else "0")
                               for c in t.cols.leaves}
                        for r in t.rows.leaves}
    rep["tables"] = tables
    return form, rep


# --------------------------------------------------------------------------
# The invented city office.

AGENCY = "岚川市人民政府办公室"
WEBSITE = "http://www.lanchuan.gov.cn/zwgk/ndbg/"
ADDRESS = "岚川市滨江大道188号市行政中心2号楼"
POSTCODE = "546100"
PHONE = "0772-3862105"
FAX = "0772-3862100"
EMAIL = "zwgk@lanchuan.gov.cn"

# Table 三 rows of results (2021 layout), per column natural..other.
RESULTS_2021 = {
    "granted": [112, 9, 1, 1, 3, 2],
    "partial": [21, 3, 0, 0, 2, 1],
    "w_secret": [1, 0, 0, 0, 0, 0],
    "w_law": [2, 0, 0, 0, 0, 0],
    "w_safety": [1, 0, 0, 0, 0, 0],
    "w_third": [5, 2, 0, 0, 1, 0],
    "w_internal": [3, 0, 0, 0, 0, 0],
    "w_process": [6, 1, 0, 0, 0, 0],
    "w_enforce": [2, 0, 0, 0, 1, 0],
    "w_query": [4, 1, 0, 0, 0, 0],
    "u_none": [48, 6, 1, 1, 2, 1],
    "u_create": [7, 1, 0, 0, 0, 0],
    "u_unclear": [5, 0, 0, 0, 0, 1],
    "d_petition": [11, 0, 0, 0, 0, 0],
    "d_repeat": [6, 1, 0, 0, 0, 0],
    "d_published": [2, 0, 0, 0, 0, 0],
    "d_mass": [3, 0, 0, 0, 0, 0],
    "d_confirm": [1, 0, 0, 0, 0, 0],
    "o_nocorrect": [9, 1, 0, 0, 1, 0],
    "o_nofee": [1, 0, 0, 0, 0, 0],
    "o_other": [4, 1, 0, 1, 0, 0],
}
CARRIED_2021 = [14, 2, 0, 0, 1, 0]      # = 2020's next
NEXT_2021 = [19, 3, 0, 0, 1, 1]

RESULTS_2020 = {
    "granted": [97, 7, 0, 1, 2, 1],
    "partial": [18, 2, 0, 0, 1, 0],
    "w_secret": [0, 0, 0, 0, 0, 0],
    "w_law": [1, 0, 0, 0, 0, 0],
    "w_safety": [2, 0, 0, 0, 0, 0],
    "w_third": [4, 1, 0, 0, 0, 0],
    "w_internal": [2, 0, 0, 0, 0, 0],
    "w_process": [5, 0, 0, 0, 1, 0],
    "w_enforce": [1, 0, 0, 0, 0, 0],
    "w_query": [3, 1, 0, 0, 0, 0],
    "u_none": [41, 4, 1, 0, 1, 1],
    "u_create": [6, 1, 0, 0, 0, 0],
    "u_unclear": [4, 0, 0, 0, 0, 0],
    "d_petition": [9, 0, 0, 0, 0, 0],
    "d_repeat": [5, 0, 0, 0, 0, 0],
    "d_published": [1, 0, 0, 0, 0, 0],
    "d_mass": [2, 0, 0, 0, 0, 0],
    "d_confirm": [1, 0, 0, 0, 0, 0],
    "otherwise": [8, 1, 0, 0, 0, 0],
}
CARRIED_2020 = [9, 1, 0, 0, 0, 0]
NEXT_2020 = CARRIED_2021

T4_2021 = [6, 1, 2, 1, 3, 0, 1, 1, 2, 0, 0, 1]
T4_2020 = [5, 1, 1, 0, 2, 1, 0, 1, 1, 0, 1, 0]


def fill_t3(form, results, carried, nxt):
    t3 = {}
    for rid, vals in results.items():
        t3[rid] = dict(zip(T3_COLS, vals))
    t3["carried"] = dict(zip(T3_COLS, carried))
    t3["next"] = dict(zip(T3_COLS, nxt))
    new = []
    for i in range(len(T3_COLS)):
        s = sum(v[i] for v in results.values()) + nxt[i] - carried[i]
        assert s >= 0
        new.append(s)
    t3["new"] = dict(zip(T3_COLS, new))
    return t3


def t3_sums(t3):
    """Figures quoted in the prose, from the table itself."""
    def row(r):
        return t3[r]["total"]
    g = {}
    g["new"] = row("new")
    g["new_nat"] = t3["new"]["natural"]
    g["new_org"] = g["new"] - g["new_nat"]
    g["carried"] = row("carried")
    g["done"] = row("result_total")
    g["next"] = row("next")
    g["granted"] = row("granted")
    g["partial"] = row("partial")
    g["withheld"] = sum(row(r) for r in t3 if r.startswith("w_"))
    g["unable"] = sum(row(r) for r in t3 if r.startswith("u_"))
    g["declined"] = sum(row(r) for r in t3 if r.startswith("d_"))
    g["otherwise"] = sum(row(r) for r in t3
                         if r.startswith("o_") or r == "otherwise")
    return g


def fill_tables_and_cover(form, rep, tables, year):
    """Derive the totals, store the tables, fill the body's cover for the
    year; return the table-三 sums, the 表四 row and the litigation total
    that the prose quotes."""
    nbform.derive(form, tables)
    rep["tables"] = tables
    g = t3_sums(tables["t3"])
    t4 = tables["t4"]["cases"]
    rep["cover"].update(agency=AGENCY, year=year, title="",
                        period="%d年1月1日起至%d年12月31日止" % (year, year),
                        website=WEBSITE, address=ADDRESS, postcode=POSTCODE,
                        phone=PHONE, fax=FAX, email=EMAIL)
    return g, t4, t4["l_total"] + t4["a_total"]


def city_2021(forms):
    form = forms["gk2021"]
    rep = blank_report(form, 2021)
    tables = {
        "t2_1": {"rules": {"made": 3, "repealed": 1, "valid": 44},
                 "normative": {"made": 27, "repealed": 12, "valid": 194}},
        "t2_5": {"licensing": {"decisions": 15862}},
        "t2_6": {"penalty": {"decisions": 3127},
                 "coercion": {"decisions": 84}},
        "t2_8": {"charges": {"fees": "18651.06"}},
        "t3": fill_t3(form, RESULTS_2021, CARRIED_2021, NEXT_2021),
        "t4": {"cases": dict(zip(T4_COLS, T4_2021))},
    }
    g, t4, litig = fill_tables_and_cover(form, rep, tables, 2021)
    c = rep["cover"]
    c["preamble"] = para(
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，岚川市人民政府办公室编制了2021年政府信息公开工作年度报告。",
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。",
        "本报告电子版可在岚川市人民政府门户网站（http://www.lanchuan.gov.cn）“政府信息公开年报”栏目查阅或下载。如对本报告有疑问，请与岚川市人民政府办公室政务公开科联系（地址：岚川市滨江大道188号市行政中心2号楼；邮编：546100；电话：0772-3862105；传真：0772-3862100；电子邮箱：zwgk@lanchuan.gov.cn）。",
    )
    rep["text"]["s1"] = para(
        "2021年，岚川市人民政府办公室坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和国务院办公厅、自治区人民政府办公厅关于政务公开工作的部署要求，围绕市委、市政府中心工作，以公开促落实、以公开促规范、以公开促服务，全面推进决策、执行、管理、服务、结果公开，政府信息公开工作取得新进展。",
        "（一）主动公开",
        "全年通过市人民政府门户网站主动公开政府信息8426条，其中政策文件412条、政策解读156条、人事信息98条、财政预决算信息37条、重大建设项目信息214条、公共资源配置信息1375条。围绕“六稳”“六保”、优化营商环境、乡村振兴等重点工作，及时发布政策文件和配套解读，做到政策文件与解读材料同步组织、同步审签、同步部署。全年制发市政府规章3件、行政规范性文件27件，废止市政府规章1件、行政规范性文件12件，规章和行政规范性文件均在市人民政府门户网站“政策文件库”集中公开。新冠肺炎疫情防控期间，开设疫情防控专栏，发布权威信息1263条，召开新闻发布会42场，及时回应社会关切。",
        "（二）依申请公开",
        "2021年，本机关共收到政府信息公开申请%d件，其中自然人申请%d件，法人或其他组织申请%d件；上年结转%d件。全年办结%d件，其中予以公开%d件，部分公开%d件，不予公开%d件，无法提供%d件，不予处理%d件，其他处理%d件；结转下年度继续办理%d件。所有申请均在法定期限内答复。因政府信息公开申请引发行政复议%d件、行政诉讼%d件，未发生被纠错后拒不履行的情况。"
        % (g["new"], g["new_nat"], g["new_org"], g["carried"], g["done"],
           g["granted"], g["partial"], g["withheld"], g["unable"],
           g["declined"], g["otherwise"], g["next"], t4["r_total"], litig),
        "进一步规范依申请公开办理流程，完善登记、审核、办理、答复、归档各环节工作规范，统一答复文书格式，对疑难复杂申请实行集体会商和法律顾问审核，答复的规范性和准确性进一步提高。",
        "（三）政府信息管理",
        "严格落实公文公开属性源头认定机制，在公文拟制阶段即明确主动公开、依申请公开或不予公开属性。健全政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。对本机关2000年以来制发的规章、规范性文件开展全面清理，现行有效的规章44件、行政规范性文件194件已按有效、失效、废止状态分类标注并动态更新。",
        "（四）政府信息公开平台建设",
        "以市人民政府门户网站为第一平台，整合“岚川发布”政务微博、微信公众号和政务服务移动端，构建“网站+新媒体+政务服务大厅”的公开矩阵。完成政府网站集约化平台迁移，优化政府信息公开专栏目录，新增“重点领域信息公开”“惠企政策”等专题栏目。全年政府网站访问量达1267万人次，“岚川发布”微信公众号发布信息2351条，市政务服务中心政府信息公开查阅点接待现场查阅群众1486人次。",
        "（五）监督保障",
        "将政务公开工作纳入全市绩效考评体系，考评分值占比4%。组织全市政务公开业务培训2期，培训各县（市、区）和市直部门工作人员320余人次。开展政府网站和政务新媒体季度检查，通报问题并督促整改到位。全年未发生因政府信息公开工作责任追究的情况。",
    )
    rep["text"]["s5"] = para(
        "2021年，本机关政府信息公开工作取得了一定成效，但对照新时代政务公开工作的要求和人民群众的期盼，仍存在一些不足：一是政策解读的形式还不够丰富，图解、视频等通俗化解读占比不高；二是部分领域信息公开的及时性和完整性有待提高；三是基层政务公开标准化规范化工作推进不够平衡。",
        "2022年，本机关将从以下方面加以改进：一是丰富政策解读形式，推行政策文件起草部门负责人解读，增加图表图解、音视频等解读方式，提高政策知晓度；二是加强重点领域信息公开，督促各责任单位按时限、按标准发布信息，定期开展检查通报；三是深入推进基层政务公开标准化规范化建设，完善公开事项目录并动态调整，推动政务公开向村（社区）延伸。",
    )
    rep["text"]["s6"] = para(
        "（一）收取信息处理费情况。本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行信息处理费收取工作，2021年度未发出收费通知，未收取信息处理费。",
        "（二）人大代表建议和政协提案办理结果公开情况。2021年，本机关承办市人大代表建议36件、市政协提案58件，均已按时办结，办理复文已在市人民政府门户网站公开。",
        "（三）政务公开工作要点落实情况。本机关按照《2021年政务公开工作要点》要求，逐项细化分解任务，明确责任单位和完成时限，各项任务均已落实。",
    )
    return form, rep


def city_2020(forms):
    form = forms["gk2019"]
    rep = blank_report(form, 2020)
    tables = {
        "t2_1": {"rules": {"made": 4, "published": 4, "public_total": 42},
                 "normative": {"made": 31, "published": 31,
                               "public_total": 179}},
        "t2_5": {"licensing": {"prev_items": 126, "change": -18,
                               "decisions": 14210},
                 "services": {"prev_items": 58, "change": 3,
                              "decisions": 2206}},
        "t2_6": {"penalty": {"prev_items": 37, "change": -2,
                             "decisions": 2841},
                 "coercion": {"prev_items": 12, "change": 0,
                              "decisions": 71}},
        "t2_8": {"charges": {"prev_items": 9, "change": -1}},
        "t2_9": {"procurement": {"items": 46, "amount": "8529341.60元"}},
        "t3": fill_t3(form, RESULTS_2020, CARRIED_2020, NEXT_2020),
        "t4": {"cases": dict(zip(T4_COLS, T4_2020))},
    }
    g, t4, litig = fill_tables_and_cover(form, rep, tables, 2020)
    c = rep["cover"]
    c["preamble"] = para(
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，岚川市人民政府办公室编制了2020年政府信息公开工作年度报告。",
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。本报告所列数据统计期限自2020年1月1日起至2020年12月31日止。",
        "本报告电子版可在岚川市人民政府门户网站（http://www.lanchuan.gov.cn）查阅或下载。如对本报告有疑问，请与岚川市人民政府办公室政务公开科联系（地址：岚川市滨江大道188号市行政中心2号楼；邮编：546100；电话：0772-3862105；传真：0772-3862100；电子邮箱：zwgk@lanchuan.gov.cn）。",
    )
    rep["text"]["s1"] = para(
        "2020年，岚川市人民政府办公室认真贯彻落实《条例》和上级关于政务公开工作的部署要求，统筹推进疫情防控和经济社会发展信息公开，进一步提升政府工作透明度。",
        "（一）主动公开情况。全年通过市人民政府门户网站主动公开政府信息7531条，其中政策文件389条、政策解读131条。开设新冠肺炎疫情防控专栏，发布疫情防控信息2154条，召开新闻发布会67场。",
        "（二）依申请公开情况。2020年，本机关共收到政府信息公开申请%d件，其中自然人申请%d件，法人或其他组织申请%d件；上年结转%d件。全年办结%d件，其中予以公开%d件，部分公开%d件，不予公开%d件，无法提供%d件，不予处理%d件，其他处理%d件；结转下年度继续办理%d件。因政府信息公开申请引发行政复议%d件、行政诉讼%d件。"
        % (g["new"], g["new_nat"], g["new_org"], g["carried"], g["done"],
           g["granted"], g["partial"], g["withheld"], g["unable"],
           g["declined"], g["otherwise"], g["next"], t4["r_total"], litig),
        "（三）政府信息管理情况。落实公文公开属性源头认定和保密审查制度，对现行有效的规章和规范性文件进行清理并集中公开。",
        "（四）平台建设情况。优化市人民政府门户网站政府信息公开专栏，加强政务新媒体管理，市政务服务中心设立政府信息公开查阅点。",
        "（五）监督保障情况。将政务公开纳入全市绩效考评，组织业务培训1期，开展政府网站季度检查。",
    )
    rep["text"]["s5"] = para(
        "存在的主要问题：一是政策解读质量有待提升；二是依申请公开答复规范化水平有待提高；三是政务新媒体信息更新不够及时。",
        "改进措施：一是加强政策解读，推行多元化解读方式；二是完善依申请公开办理机制，加强业务培训和法律审核；三是加强政务新媒体日常监管，建立信息发布定期检查制度。",
    )
    rep["text"]["s6"] = para(
        "2020年度，本机关未收取信息处理费。",
    )
    return form, rep


# --------------------------------------------------------------------------
# Deliberate errors in city-2021-bad.yaml: (what, [(cell, delta)]).

BAD = [
    ("row 总计 not updated after cells changed: 2 applications moved from "
     "（二）部分公开 to （一）予以公开 in 自然人, 总计 column left as it was",
     [("t3.granted.natural", +2), ("t3.partial.natural", -2)]),
    ("（七）总计 off by one in 社会公益组织 (row total also left off by one)",
     [("t3.result_total.nonprofit", +1)]),
    ("balance off by one in 法律服务机构: 一 typed one too high, its row "
     "总计 raised too",
     [("t3.new.legal", +1), ("t3.new.total", +1)]),
    ("table 四 行政复议 总计 one too high",
     [("t4.cases.r_total", +1)]),
]


def make_bad(form, rep):
    bad = copy.deepcopy(rep)
    bad["cover"]["agency"] = AGENCY
    for _, changes in BAD:
        for key, d in changes:
            t, r, c = key.split(".")
            bad["tables"][t][r][c] += d
    return bad


def main():
    seed = sys.argv[1] if len(sys.argv) > 1 else SEED
    forms = nbform.load_forms()
    form, rep = seed_report(forms, seed)
    write("seed-2019.yaml", nbform.dump_report(form, rep))
    f20, r20 = city_2020(forms)
    write("city-2020.yaml", nbform.dump_report(f20, r20))
    f21, r21 = city_2021(forms)
    write("city-2021.yaml", nbform.dump_report(f21, r21))
    bad = make_bad(f21, r21)
    write("city-2021-bad.yaml", nbform.dump_report(f21, bad))

    # The findings the deliberate errors must produce, from the peer checker.
    findings = check_reports.check_tables(f21, bad["tables"])
    lines = [
        "# Deliberate errors in city-2021-bad.yaml (made by bench/mksamples.py).",
        "# Changes made to city-2021.yaml:",
    ]
    for what, changes in BAD:
        lines.append("#   " + ", ".join("%s %+d" % c for c in changes)
                     + ": " + what)
    lines += [
        "# Every error finding `nianbao check` must report, one a line:",
        "# RULE<TAB>EACH=ID<TAB>CELL (left side)<TAB>expected<TAB>found",
        "# (expected = the right side of the rule, found = the left side).",
    ]
    for fd in findings:
        lines.append("\t".join([fd["rule"], fd["where"], fd["cell"],
                                str(fd["expected"]), str(fd["actual"])]))
    write("city-2021-bad.txt", ("\n".join(lines) + "\n").encode())
    # The good files must have no error finding at all.
    for f, r in ((form, rep), (f20, r20), (f21, r21)):
        bad_f = check_reports.check_tables(f, r["tables"])
        assert not bad_f, bad_f
    assert not check_reports.check_carry(f21, r21["tables"], r20["tables"], f20)

    # When ./nianbao is built: its writer is canonical, the bytes must agree,
    # and its check must report exactly the cells listed in the .txt.
    nb = os.environ.get("NIANBAO", os.path.join(ROOT, "nianbao"))
    if not os.access(nb, os.X_OK):
        print("(no %s: not compared with nianbao fmt)" % nb)
        return
    for name in ("seed-2019.yaml", "city-2020.yaml", "city-2021.yaml",
                 "city-2021-bad.yaml"):
        path = os.path.join(OUT, name)
        out = subprocess.run([nb, "fmt", path], stdout=subprocess.PIPE,
                             check=True).stdout
        with open(path, "rb") as f:
            assert f.read() == out, "%s differs from nianbao fmt" % name
    res = subprocess.run([nb, "check", os.path.join(OUT, "city-2021-bad.yaml")],
                         stdout=subprocess.PIPE, universal_newlines=True)
    got = sorted(l.split(": ")[1] for l in res.stdout.splitlines()
                 if ": error: " in l)
    want = sorted(fd["cell"] for fd in findings)
    assert res.returncode == 1 and got == want, (got, want)
    print("nianbao fmt gives the same bytes; nianbao check finds the %d "
          "listed errors" % len(want))


if __name__ == "__main__":
    main()
