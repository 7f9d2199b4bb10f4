/* Forms: the two built-in layouts, look-ups, label paths, the loader's
 * errors and the registry (src/form.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "form/form.h"
#include "nbtest.h"

static char tmpdir[256];

static void rm_tmpdir(void)
{
	if (tmpdir[0]) {
		nbt_rm_tree(tmpdir);
		tmpdir[0] = 0;
	}
}

static void forms_down(void)
{
	nbt_forms_down();
	rm_tmpdir();
}

static const nb_table *table(const nb_form *f, const char *id)
{
	int t = nb_form_table(f, id);
	ck_assert_msg(t >= 0, "%s has no table %s", f->id, id);
	return &f->table[t];
}

static const nb_node *row(const nb_table *t, const char *id)
{
	int i = nb_axis_find(&t->rows, id);
	ck_assert_msg(i >= 0, "table %s has no row %s", t->id, id);
	return &t->rows.node[i];
}

static const nb_node *col(const nb_table *t, const char *id)
{
	int i = nb_axis_find(&t->cols, id);
	ck_assert_msg(i >= 0, "table %s has no column %s", t->id, id);
	return &t->cols.node[i];
}

static int cells_of_section(const nb_form *f, const char *sid)
{
	for (int s = 0; s < f->nsection; s++) {
		if (strcmp(f->section[s].id, sid) != 0)
			continue;
		int n = 0;
		for (int i = 0; i < f->section[s].ntables; i++) {
			const nb_table *t = &f->table[f->section[s].first_table + i];
			n += t->rows.nleaf * t->cols.nleaf;
		}
		return n;
	}
	ck_abort_msg("no section %s", sid);
	return -1;
}

/* ---- registry ---- */

START_TEST(test_builtin_registry)
{
	ck_assert_int_eq(nb_forms_count(), 2);
	const nb_form *a = nb_forms_get(0), *b = nb_forms_get(1);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert(a != b);
	ck_assert_ptr_eq(nb_forms_find("gk2019"),
			 strcmp(a->id, "gk2019") == 0 ? a : b);
	ck_assert_ptr_null(nb_forms_find("gk2020"));
	ck_assert_ptr_null(nb_forms_find(""));
	ck_assert_ptr_null(nb_forms_find("GK2021"));

	const nb_form *f19 = nbt_form("gk2019"), *f21 = nbt_form("gk2021");
	/* form.h says "builtin"; "builtin:gk2019.yaml" is as good. */
	ck_assert_msg(strncmp(f19->source, "builtin", 7) == 0, "source %s", f19->source);
	ck_assert_msg(strncmp(f21->source, "builtin", 7) == 0, "source %s", f21->source);
	ck_assert_int_eq(f19->year_from, 2019);
	ck_assert_int_eq(f19->year_to, 2020);
	ck_assert_int_eq(f21->year_from, 2021);
	ck_assert_int_eq(f21->year_to, 0);
	ck_assert_str_eq(f19->basis, "国办公开办函〔2019〕60号");
	ck_assert_str_eq(f21->basis, "国办公开办函〔2021〕30号");
	ck_assert_str_eq(f21->title_tpl, "{agency}{year}年政府信息公开工作年度报告");

	ck_assert_ptr_eq(nb_forms_for_year(2019), f19);
	ck_assert_ptr_eq(nb_forms_for_year(2020), f19);
	ck_assert_ptr_eq(nb_forms_for_year(2021), f21);
	ck_assert_ptr_eq(nb_forms_for_year(2025), f21);
	ck_assert_ptr_null(nb_forms_for_year(2018));
}
END_TEST

/* ---- structure of the built-in forms ---- */

START_TEST(test_cell_counts)
{
	const nb_form *f19 = nbt_form("gk2019"), *f21 = nbt_form("gk2021");
	ck_assert_int_eq(cells_of_section(f19, "s2"), 22);
	ck_assert_int_eq(cells_of_section(f21, "s2"), 10);
	ck_assert_int_eq(cells_of_section(f19, "s3"), 161);
	ck_assert_int_eq(cells_of_section(f21, "s3"), 175);
	ck_assert_int_eq(cells_of_section(f19, "s4"), 15);
	ck_assert_int_eq(cells_of_section(f21, "s4"), 15);
	ck_assert_int_eq(f19->ncell, 22 + 161 + 15);
	ck_assert_int_eq(f21->ncell, 10 + 175 + 15);

	ck_assert_int_eq(f19->ntable, 7);
	ck_assert_int_eq(f21->ntable, 6);
	ck_assert_int_eq(table(f19, "t3")->rows.nleaf, 23);
	ck_assert_int_eq(table(f21, "t3")->rows.nleaf, 25);
	ck_assert_int_eq(table(f21, "t3")->cols.nleaf, 7);
	ck_assert_int_eq(table(f21, "t4")->cols.nleaf, 15);
	ck_assert_int_eq(table(f21, "t4")->rows.nleaf, 1);
	ck_assert_int_eq(table(f19, "t2_9")->cols.nleaf, 2);
	ck_assert_int_eq(nb_form_table(f21, "t2_9"), -1);
	ck_assert_int_eq(nb_form_table(f21, "nope"), -1);
	ck_assert_int_eq(nb_form_table(f21, ""), -1);

	/* Cells are numbered table after table, row-major. */
	int expect = 0;
	for (int t = 0; t < f21->ntable; t++) {
		ck_assert_int_eq(f21->table[t].cell_base, expect);
		expect += f21->table[t].rows.nleaf * f21->table[t].cols.nleaf;
	}
	ck_assert_int_eq(expect, f21->ncell);
}
END_TEST

START_TEST(test_sections_and_fields)
{
	const nb_form *f = nbt_form("gk2021");
	ck_assert_int_eq(f->nsection, 6);
	ck_assert_str_eq(f->section[0].heading, "一、总体情况");
	ck_assert_str_eq(f->section[1].heading, "二、主动公开政府信息情况");
	ck_assert_str_eq(f->section[2].heading, "三、收到和处理政府信息公开申请情况");
	ck_assert_str_eq(f->section[3].heading, "四、政府信息公开行政复议、行政诉讼情况");
	ck_assert_str_eq(f->section[4].heading, "五、存在的主要问题及改进情况");
	ck_assert_str_eq(f->section[5].heading, "六、其他需要报告的事项");
	ck_assert_str_eq(f->section[2].number, "三");
	ck_assert_int_eq(f->section[1].ntables, 4);
	ck_assert_int_eq(nbt_form("gk2019")->section[1].ntables, 5);
	ck_assert_int_eq(f->section[0].ntables, 0);
	ck_assert_str_eq(f->table[f->section[1].first_table].id, "t2_1");
	ck_assert_str_eq(f->table[f->section[2].first_table].id, "t3");
	ck_assert_int_eq(table(f, "t3")->section, 2);
	ck_assert_int_eq(table(f, "t2_8")->section, 1);

	/* 11 cover fields and the prose of 6 sections share one namespace. */
	ck_assert_int_eq(f->nfield, 17);
	int agency = nb_form_field(f, "agency");
	int year = nb_form_field(f, "year");
	int s1 = nb_form_field(f, "s1");
	ck_assert_int_eq(agency, 0);
	ck_assert_int_eq(year, 1);
	ck_assert_int_ge(s1, 0);
	ck_assert_int_eq(nb_form_field(f, "nope"), -1);
	ck_assert_int_eq(nb_form_field(f, ""), -1);
	ck_assert_int_eq(f->field[agency].kind, NB_F_LINE);
	ck_assert_int_eq(f->field[year].kind, NB_F_YEAR);
	ck_assert_int_eq(f->field[nb_form_field(f, "preamble")].kind, NB_F_TEXT);
	ck_assert_int_eq(f->field[s1].kind, NB_F_TEXT);
	ck_assert_int_eq(f->field[agency].required, 1);
	ck_assert_int_eq(f->field[nb_form_field(f, "fax")].required, 0);
	ck_assert_int_eq(f->field[agency].section, -1);
	ck_assert_int_eq(f->field[s1].section, 0);
	ck_assert_int_eq(f->section[0].text, s1);
	ck_assert_int_eq(f->field[nb_form_field(f, "s6")].section, 5);
	ck_assert_int_eq(f->field[s1].required, 1);
	ck_assert_int_eq(f->field[nb_form_field(f, "s2")].required, 0);
	ck_assert_str_eq(f->field[agency].label, "机关名称");
}
END_TEST

START_TEST(test_labels_t3)
{
	static const char *ids[] = {"gk2019", "gk2021"};
	for (int k = 0; k < 2; k++) {
		const nb_form *f = nbt_form(ids[k]);
		const nb_table *t = table(f, "t3");
		ck_assert_str_eq(t->name, "表三");
		ck_assert_ptr_null(t->title);
		ck_assert_str_eq(t->corner,
			"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
		ck_assert_str_eq(row(t, "new")->label, "一、本年新收政府信息公开申请数量");
		ck_assert_str_eq(row(t, "carried")->label, "二、上年结转政府信息公开申请数量");
		ck_assert_str_eq(row(t, "results")->label, "三、本年度办理结果");
		ck_assert_str_eq(row(t, "partial")->label,
			"（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
		ck_assert_str_eq(row(t, "w_safety")->label, "3.危及“三安全一稳定”");
		ck_assert_str_eq(row(t, "w_law")->label, "2.其他法律行政法规禁止公开");
		ck_assert_str_eq(row(t, "u_unclear")->label, "3.补正后申请内容仍不明确");
		ck_assert_str_eq(row(t, "d_confirm")->label,
			"5.要求行政机关确认或重新出具已获取信息");
		ck_assert_str_eq(row(t, "otherwise")->label, "（六）其他处理");
		ck_assert_str_eq(row(t, "result_total")->label, "（七）总计");
		ck_assert_str_eq(row(t, "next")->label, "四、结转下年度继续办理");
		ck_assert_str_eq(row(t, "result_total")->shortl, "（七）");
		ck_assert_str_eq(row(t, "w_secret")->shortl, "（三）1");
		ck_assert_str_eq(col(t, "applicant")->label, "申请人情况");
		ck_assert_str_eq(col(t, "org")->label, "法人或其他组织");
		ck_assert_str_eq(col(t, "nonprofit")->label, "社会公益组织");
		ck_assert_str_eq(col(t, "legal")->label, "法律服务机构");
		ck_assert_str_eq(col(t, "total")->label, "总计");
		ck_assert_int_eq(col(t, "applicant")->in_path, 0);
		ck_assert_int_eq(col(t, "org")->in_path, 1);
		ck_assert_int_eq(t->cols.depth, 3);
		ck_assert_int_eq(t->rows.depth, 3);

		/* Leaf order is the printed order. */
		static const char *cols[] = {"natural", "business", "research",
			"nonprofit", "legal", "other", "total"};
		for (int c = 0; c < 7; c++)
			ck_assert_str_eq(t->cols.node[t->cols.leaf_node[c]].id, cols[c]);
		ck_assert_str_eq(t->rows.node[t->rows.leaf_node[0]].id, "new");
		ck_assert_str_eq(t->rows.node[t->rows.leaf_node[1]].id, "carried");
		ck_assert_str_eq(t->rows.node[t->rows.leaf_node[2]].id, "granted");
		ck_assert_str_eq(t->rows.node[t->rows.leaf_node[4]].id, "w_secret");
		int n = t->rows.nleaf;
		ck_assert_str_eq(t->rows.node[t->rows.leaf_node[n - 1]].id, "next");
		ck_assert_str_eq(t->rows.node[t->rows.leaf_node[n - 2]].id, "result_total");

		/* Groups and their leaves. */
		const nb_node *w = row(t, "withheld");
		ck_assert_int_eq(w->leaf, -1);
		ck_assert_int_eq(w->nleaves, 8);
		ck_assert_int_eq(w->depth, 1);
		ck_assert_str_eq(t->rows.node[w->parent].id, "results");
		const nb_node *sec = row(t, "w_secret");
		ck_assert_int_eq(sec->depth, 2);
		ck_assert_int_eq(sec->leaf, w->first_leaf);
		ck_assert_int_eq(row(t, "results")->nleaves, k ? 22 : 20);
		ck_assert_int_eq(row(t, "otherwise")->nleaves, k ? 3 : 1);
		ck_assert_int_eq(col(t, "org")->nleaves, 5);
		ck_assert_int_eq(col(t, "org")->first_leaf, 1);
		ck_assert_int_eq(col(t, "natural")->nleaves, 1);
		ck_assert_int_eq(col(t, "natural")->vt.type, NB_T_COUNT);

		for (int i = 0; i < t->rows.nnode; i++)
			ck_assert_ptr_nonnull(t->rows.node[i].shortl);
		for (int i = 0; i < t->cols.nnode; i++)
			ck_assert_ptr_nonnull(t->cols.node[i].shortl);
	}
	const nb_table *t21 = table(nbt_form("gk2021"), "t3");
	ck_assert_str_eq(row(t21, "o_nocorrect")->label,
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
	ck_assert_str_eq(row(t21, "o_nofee")->label,
		"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请");
	ck_assert_str_eq(row(t21, "o_other")->label, "3.其他");
	ck_assert_int_eq(nb_axis_find(&table(nbt_form("gk2019"), "t3")->rows, "o_other"), -1);
	ck_assert_int_eq(nb_axis_find(&t21->rows, "nope"), -1);
	ck_assert_int_eq(nb_axis_find(&t21->rows, ""), -1);
	ck_assert_int_eq(row(table(nbt_form("gk2019"), "t3"), "otherwise")->leaf, 20);
}
END_TEST

START_TEST(test_labels_t2_t4)
{
	const nb_form *f19 = nbt_form("gk2019"), *f21 = nbt_form("gk2021");
	const nb_table *t = table(f19, "t2_1");
	ck_assert_str_eq(t->name, "表二第二十条第（一）项");
	ck_assert_str_eq(t->title, "第二十条第（一）项");
	ck_assert_str_eq(t->corner, "信息内容");
	ck_assert_str_eq(col(t, "made")->label, "本年新制作数量");
	ck_assert_str_eq(col(t, "published")->label, "本年新公开数量");
	ck_assert_str_eq(col(t, "public_total")->label, "对外公开总数量");
	ck_assert_str_eq(row(t, "normative")->label, "规范性文件");
	t = table(f19, "t2_5");
	ck_assert_str_eq(row(t, "services")->label, "其他对外管理服务事项");
	ck_assert_str_eq(col(t, "prev_items")->label, "上一年项目数量");
	ck_assert_str_eq(col(t, "change")->label, "本年增/减");
	ck_assert_int_eq(col(t, "change")->vt.type, NB_T_SIGNED);
	ck_assert_int_eq(col(t, "prev_items")->vt.type, NB_T_COUNT);
	ck_assert_str_eq(col(t, "decisions")->label, "处理决定数量");
	t = table(f19, "t2_9");
	ck_assert_str_eq(row(t, "procurement")->label, "政府集中采购");
	ck_assert_str_eq(col(t, "items")->label, "采购项目数量");
	const nb_node *amount = col(t, "amount");
	ck_assert_str_eq(amount->label, "采购总金额");
	ck_assert_int_eq(amount->vt.type, NB_T_MONEY);
	ck_assert_int_eq(amount->vt.nunits, 2);
	ck_assert_str_eq(amount->vt.units[0], "元");
	ck_assert_str_eq(amount->vt.units[1], "万元");

	t = table(f21, "t2_1");
	ck_assert_str_eq(col(t, "made")->label, "本年制发件数");
	ck_assert_str_eq(col(t, "repealed")->label, "本年废止件数");
	ck_assert_str_eq(col(t, "valid")->label, "现行有效件数");
	ck_assert_str_eq(row(t, "normative")->label, "行政规范性文件");
	t = table(f21, "t2_8");
	ck_assert_str_eq(col(t, "fees")->label, "本年收费金额（单位：万元）");
	ck_assert_int_eq(col(t, "fees")->vt.type, NB_T_MONEY);
	ck_assert_int_eq(col(t, "fees")->vt.nunits, 0);
	ck_assert_str_eq(row(t, "charges")->label, "行政事业性收费");
	ck_assert_str_eq(col(table(f21, "t2_5"), "decisions")->label, "本年处理决定数量");

	t = table(f21, "t4");
	ck_assert_str_eq(t->name, "表四");
	ck_assert_str_eq(t->corner, "");
	ck_assert_int_eq(t->cols.nnode, 19);
	ck_assert_int_eq(t->cols.depth, 3);
	ck_assert_str_eq(col(t, "review")->label, "行政复议");
	ck_assert_str_eq(col(t, "litigation")->label, "行政诉讼");
	ck_assert_str_eq(col(t, "direct")->label, "未经复议直接起诉");
	ck_assert_str_eq(col(t, "after")->label, "复议后起诉");
	ck_assert_str_eq(col(t, "a_pending")->label, "尚未审结");
	ck_assert_int_eq(col(t, "litigation")->nleaves, 10);
	ck_assert_int_eq(col(t, "after")->first_leaf, 10);
	static const char *leaf[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
	for (int c = 0; c < 15; c++)
		ck_assert_str_eq(t->cols.node[t->cols.leaf_node[c]].label, leaf[c % 5]);
}
END_TEST

START_TEST(test_rules_builtin)
{
	const nb_form *f21 = nbt_form("gk2021"), *f19 = nbt_form("gk2019");
	ck_assert_int_eq(f21->nrule, 8);
	ck_assert_int_eq(f19->nrule, 10);
	const nb_rule *bal = NULL, *rt = NULL, *co = NULL;
	for (int i = 0; i < f21->nrule; i++) {
		if (!strcmp(f21->rule[i].id, "t3-balance"))
			bal = &f21->rule[i];
		if (!strcmp(f21->rule[i].id, "t3-row-total"))
			rt = &f21->rule[i];
		if (!strcmp(f21->rule[i].id, "t3-carry-over"))
			co = &f21->rule[i];
	}
	ck_assert_ptr_nonnull(bal);
	ck_assert_ptr_nonnull(rt);
	ck_assert_ptr_nonnull(co);
	ck_assert_str_eq(bal->text, "new + carried = result_total + next");
	ck_assert_str_eq(bal->describe, "一+二=（七）+四");
	ck_assert_int_eq(bal->each, NB_EACH_COL);
	ck_assert_int_eq(bal->sev, NB_SEV_ERROR);
	ck_assert_int_eq(bal->derive, 0);
	ck_assert_int_eq(bal->needs_last, 0);
	ck_assert_int_eq(bal->nlhs, 2);
	ck_assert_int_eq(bal->nrhs, 2);
	const nb_table *t3 = table(f21, "t3");
	ck_assert_int_eq(bal->table, nb_form_table(f21, "t3"));
	ck_assert_str_eq(t3->rows.node[bal->lhs[0].node].id, "new");
	ck_assert_str_eq(t3->rows.node[bal->lhs[1].node].id, "carried");
	ck_assert_str_eq(t3->rows.node[bal->rhs[0].node].id, "result_total");
	ck_assert_int_eq(bal->lhs[0].sign, 1);

	ck_assert_int_eq(rt->derive, 1);
	ck_assert_int_eq(rt->each, NB_EACH_ROW);
	ck_assert_int_eq(rt->nlhs, 1);
	ck_assert_int_eq(rt->nrhs, 2);
	ck_assert_str_eq(t3->cols.node[rt->lhs[0].node].id, "total");
	ck_assert_str_eq(t3->cols.node[rt->rhs[1].node].id, "org");

	ck_assert_int_eq(co->sev, NB_SEV_WARNING);
	ck_assert_int_eq(co->needs_last, 1);
	ck_assert_int_eq(co->rhs[0].last, 1);
	ck_assert_int_eq(co->lhs[0].last, 0);
	ck_assert_str_eq(co->describe, "二、上年结转=上年报告的四、结转下年度继续办理");

	for (int i = 0; i < f21->nrule; i++) {
		if (strcmp(f21->rule[i].id, "t2-valid-count"))
			continue;
		const nb_rule *r = &f21->rule[i];
		/* valid = last.valid + made - repealed */
		ck_assert_int_eq(r->nrhs, 3);
		ck_assert_int_eq(r->rhs[0].last, 1);
		ck_assert_int_eq(r->rhs[2].sign, -1);
		ck_assert_int_eq(r->needs_last, 1);
	}
}
END_TEST

/* ---- cells ---- */

START_TEST(test_cell_ids_round_trip)
{
	static const char *ids[] = {"gk2019", "gk2021"};
	for (int k = 0; k < 2; k++) {
		const nb_form *f = nbt_form(ids[k]);
		for (int c = 0; c < f->ncell; c++) {
			char buf[128];
			nb_form_cell_id(f, c, buf, sizeof buf);
			ck_assert_msg(nb_form_cell_by_id(f, buf) == c,
				      "%s cell %d id \"%s\" looks up as %d", f->id, c,
				      buf, nb_form_cell_by_id(f, buf));
			int t, r, cc;
			nb_form_cell_pos(f, c, &t, &r, &cc);
			ck_assert_int_eq(nb_form_cell(f, t, r, cc), c);
			ck_assert_ptr_nonnull(nb_form_cell_type(f, c));
		}
	}
}
END_TEST

START_TEST(test_cell_lookup)
{
	const nb_form *f = nbt_form("gk2021");
	const nb_table *t3 = table(f, "t3");
	int c = nb_form_cell_by_id(f, "t3.new.natural");
	ck_assert_int_eq(c, t3->cell_base);
	ck_assert_int_eq(nb_form_cell_by_id(f, "t3.new.total"), t3->cell_base + 6);
	ck_assert_int_eq(nb_form_cell_by_id(f, "t3.carried.natural"), t3->cell_base + 7);
	ck_assert_int_eq(nb_form_cell_by_id(f, "t3.next.total"), t3->cell_base + 25 * 7 - 1);
	ck_assert_int_eq(nb_form_cell_by_id(f, "t2_1.rules.made"), 0);
	char buf[64];
	nb_form_cell_id(f, t3->cell_base + 4 * 7 + 1, buf, sizeof buf);
	ck_assert_str_eq(buf, "t3.w_secret.business");
	int t, r, cc;
	nb_form_cell_pos(f, nbt_cell(f, "t4.cases.a_total"), &t, &r, &cc);
	ck_assert_int_eq(t, nb_form_table(f, "t4"));
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(cc, 14);

	/* Not cells. */
	static const char *bad[] = {"", "t3", "t3.", "t3.new", "t3.new.",
		"t3.new.nope", "t3.results.natural", "t3.new.org",
		"t3.new.applicant", "t3.new.natural.x", "t9.new.natural",
		"T3.new.natural", ".new.natural", "t3..natural", "t3.new.natural ",
		"t2_9.procurement.amount", "text.s1"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(nb_form_cell_by_id(f, bad[i]) == -1,
			      "\"%s\" should not name a cell", bad[i]);
	ck_assert_int_eq(nb_form_cell_by_id(nbt_form("gk2019"), "t2_9.procurement.amount") >= 0, 1);
}
END_TEST

START_TEST(test_cell_types)
{
	const nb_form *f19 = nbt_form("gk2019"), *f21 = nbt_form("gk2021");
	ck_assert_int_eq(nb_form_cell_type(f21, nbt_cell(f21, "t3.new.natural"))->type, NB_T_COUNT);
	ck_assert_int_eq(nb_form_cell_type(f21, nbt_cell(f21, "t2_8.charges.fees"))->type, NB_T_MONEY);
	ck_assert_int_eq(nb_form_cell_type(f19, nbt_cell(f19, "t2_5.licensing.change"))->type, NB_T_SIGNED);
	ck_assert_int_eq(nb_form_cell_type(f19, nbt_cell(f19, "t2_8.charges.change"))->type, NB_T_SIGNED);
	ck_assert_int_eq(nb_form_cell_type(f19, nbt_cell(f19, "t2_8.charges.prev_items"))->type, NB_T_COUNT);
	const nb_valtype *vt = nb_form_cell_type(f19, nbt_cell(f19, "t2_9.procurement.amount"));
	ck_assert_int_eq(vt->type, NB_T_MONEY);
	ck_assert_int_eq(vt->nunits, 2);
	ck_assert_str_eq(vt->units[1], "万元");
	/* Every cell of table 三 and 四 is a count. */
	static const char *ids[] = {"gk2019", "gk2021"};
	for (int k = 0; k < 2; k++) {
		const nb_form *f = nbt_form(ids[k]);
		for (int c = 0; c < f->ncell; c++) {
			int t, r, cc;
			nb_form_cell_pos(f, c, &t, &r, &cc);
			if (!strcmp(f->table[t].id, "t3") || !strcmp(f->table[t].id, "t4"))
				ck_assert_int_eq(nb_form_cell_type(f, c)->type, NB_T_COUNT);
		}
	}
}
END_TEST

START_TEST(test_cell_path_and_name)
{
	const nb_form *f = nbt_form("gk2021");
	char buf[512];
	nb_form_cell_path(f, nbt_cell(f, "t3.w_secret.natural"), buf, sizeof buf);
	ck_assert_str_eq(buf, "三/三、本年度办理结果/（三）不予公开/1.属于国家秘密/自然人");
	nb_form_cell_path(f, nbt_cell(f, "t3.w_secret.business"), buf, sizeof buf);
	ck_assert_str_eq(buf,
		"三/三、本年度办理结果/（三）不予公开/1.属于国家秘密/法人或其他组织/商业企业");
	nb_form_cell_path(f, nbt_cell(f, "t3.new.total"), buf, sizeof buf);
	ck_assert_str_eq(buf, "三/一、本年新收政府信息公开申请数量/总计");
	nb_form_cell_path(f, nbt_cell(f, "t3.o_other.legal"), buf, sizeof buf);
	ck_assert_str_eq(buf,
		"三/三、本年度办理结果/（六）其他处理/3.其他/法人或其他组织/法律服务机构");
	nb_form_cell_path(nbt_form("gk2019"), nbt_cell(nbt_form("gk2019"), "t3.otherwise.other"),
			  buf, sizeof buf);
	ck_assert_str_eq(buf, "三/三、本年度办理结果/（六）其他处理/法人或其他组织/其他");

	/* Section, table title, row labels, column labels; table 四's row has
	 * no label. */
	nb_form_cell_path(f, nbt_cell(f, "t2_1.rules.made"), buf, sizeof buf);
	ck_assert_str_eq(buf, "二/第二十条第（一）项/规章/本年制发件数");
	nb_form_cell_path(f, nbt_cell(f, "t2_8.charges.fees"), buf, sizeof buf);
	ck_assert_str_eq(buf, "二/第二十条第（八）项/行政事业性收费/本年收费金额（单位：万元）");
	nb_form_cell_path(f, nbt_cell(f, "t4.cases.a_total"), buf, sizeof buf);
	ck_assert_str_eq(buf, "四/行政诉讼/复议后起诉/总计");
	nb_form_cell_path(f, nbt_cell(f, "t4.cases.r_upheld"), buf, sizeof buf);
	ck_assert_str_eq(buf, "四/行政复议/结果维持");

	/* A small buffer is cut, always terminated. */
	char full[512], small[10];
	nb_form_cell_path(f, nbt_cell(f, "t3.w_secret.natural"), full, sizeof full);
	memset(small, 'X', sizeof small);
	nb_form_cell_path(f, nbt_cell(f, "t3.w_secret.natural"), small, sizeof small);
	ck_assert_uint_lt(strlen(small), sizeof small);
	ck_assert(strncmp(full, small, strlen(small)) == 0);

	/* form.h's example has no table name; with "表三" before it is fine. */
	nb_form_cell_name(f, nbt_cell(f, "t3.result_total.natural"), buf, sizeof buf);
	ck_assert_msg(!strcmp(buf, "「（七）总计」行「自然人」列") ||
			      !strcmp(buf, "表三「（七）总计」行「自然人」列"),
		      "cell name: %s", buf);
	nb_form_cell_name(f, nbt_cell(f, "t4.cases.l_upheld"), buf, sizeof buf);
	ck_assert_msg(!strcmp(buf, "「行政诉讼/未经复议直接起诉/结果维持」"),
		      "cell name: %s", buf);
}
END_TEST

/* ---- the loader ---- */

/* A small valid form, one line an entry so tests can vary single lines. */
static const char *MINI[] = {
	"nianbao_form: 1",                                            /* 1 */
	"id: mini",                                                   /* 2 */
	"name: 测试表",                                               /* 3 */
	"basis: 测试",                                                /* 4 */
	"years: {from: 2030}",                                        /* 5 */
	"title: \"{agency}{year}年测试报告\"",                       /* 6 */
	"fields:",                                                    /* 7 */
	"  - {id: agency, label: 机关名称, kind: line, required: true}", /* 8 */
	"  - {id: year, label: 年度, kind: year, required: true}",    /* 9 */
	"sections:",                                                  /* 10 */
	"  - {id: s1, number: 一, heading: 一、测试, text: optional, tables: [t1]}", /* 11 */
	"tables:",                                                    /* 12 */
	"  - id: t1",                                                 /* 13 */
	"    name: 表一",                                             /* 14 */
	"    corner: \"\"",                                           /* 15 */
	"    columns:",                                               /* 16 */
	"      - id: a",                                              /* 17 */
	"        label: 甲",                                          /* 18 */
	"      - id: b",                                              /* 19 */
	"        label: 乙",                                          /* 20 */
	"      - id: total",                                          /* 21 */
	"        label: 合计",                                        /* 22 */
	"    rows:",                                                  /* 23 */
	"      - id: r1",                                             /* 24 */
	"        label: 第一行",                                      /* 25 */
	"      - id: r2",                                             /* 26 */
	"        label: 第二行",                                      /* 27 */
	"      - id: rsum",                                           /* 28 */
	"        label: 合计行",                                      /* 29 */
	"rules:",                                                     /* 30 */
	"  - id: sum",                                                /* 31 */
	"    table: t1",                                              /* 32 */
	"    each: row",                                              /* 33 */
	"    severity: error",                                        /* 34 */
	"    derive: true",                                           /* 35 */
	"    rule: \"total = a + b\"",                                /* 36 */
	"  - id: colsum",                                             /* 37 */
	"    table: t1",                                              /* 38 */
	"    each: column",                                           /* 39 */
	"    severity: warning",                                      /* 40 */
	"    rule: \"rsum = r1 + r2\"",                               /* 41 */
};
#define NMINI ((int)(sizeof MINI / sizeof MINI[0]))

/* MINI with line `at` (1-based) replaced by `repl` (NULL: keep), and
 * `ins` inserted before line `ins_at` (0: none). */
static char *mini_variant(int at, const char *repl, int ins_at, const char *ins)
{
	size_t cap = 8192, n = 0;
	char *b = malloc(cap);
	ck_assert_ptr_nonnull(b);
	for (int i = 1; i <= NMINI + 1; i++) {
		const char *parts[2] = {NULL, NULL};
		if (ins_at == i)
			parts[0] = ins;
		if (i <= NMINI)
			parts[1] = (i == at && repl) ? repl : MINI[i - 1];
		for (int p = 0; p < 2; p++) {
			if (!parts[p])
				continue;
			size_t l = strlen(parts[p]);
			ck_assert(n + l + 2 < cap);
			memcpy(b + n, parts[p], l);
			n += l;
			b[n++] = '\n';
		}
	}
	b[n] = 0;
	return b;
}

static void expect_form_error(const char *text, int line_lo, int line_hi, int want_col)
{
	nb_err err;
	memset(&err, 0, sizeof err);
	nb_form *f = nb_form_load_mem(text, strlen(text), "mini.yaml", &err);
	ck_assert_msg(f == NULL, "form loaded, error expected at line %d:\n%s",
		      line_lo, text);
	int col = 0;
	int line = nbt_err_pos(err.msg, "mini.yaml", &col);
	ck_assert_msg(line >= line_lo && line <= line_hi,
		      "error at line %d, want %d..%d: %s", line, line_lo, line_hi,
		      err.msg);
	if (want_col)
		ck_assert_msg(col == want_col, "error at column %d, want %d: %s",
			      col, want_col, err.msg);
}

START_TEST(test_load_mini_ok)
{
	char *text = mini_variant(0, NULL, 0, NULL);
	nb_err err = {0};
	nb_form *f = nb_form_load_mem(text, strlen(text), "mini.yaml", &err);
	ck_assert_msg(f != NULL, "mini form does not load: %s", err.msg);
	ck_assert_str_eq(f->id, "mini");
	ck_assert_str_eq(f->name, "测试表");
	ck_assert_str_eq(f->source, "mini.yaml");
	ck_assert_int_eq(f->year_from, 2030);
	ck_assert_int_eq(f->year_to, 0);
	ck_assert_int_eq(f->ntable, 1);
	ck_assert_int_eq(f->ncell, 9);
	ck_assert_int_eq(f->nrule, 2);
	ck_assert_int_eq(f->rule[0].each, NB_EACH_ROW);
	ck_assert_int_eq(f->rule[0].derive, 1);
	ck_assert_int_eq(f->rule[1].each, NB_EACH_COL);
	ck_assert_int_eq(f->rule[1].sev, NB_SEV_WARNING);
	ck_assert_int_eq(f->rule[1].derive, 0);
	ck_assert_str_eq(f->table[0].rows.node[2].shortl, "合计行");
	ck_assert_int_eq(nb_form_cell_by_id(f, "t1.rsum.total"), 8);
	nb_form_free(f);
	free(text);
	nb_form_free(NULL);
}
END_TEST

START_TEST(test_load_builtin_files)
{
	static const char *ids[] = {"gk2019", "gk2021"};
	for (int k = 0; k < 2; k++) {
		char path[512];
		snprintf(path, sizeof path, "%s/forms/%s.yaml", NB_SRCDIR, ids[k]);
		nb_err err = {0};
		nb_form *f = nb_form_load_file(path, &err);
		ck_assert_msg(f != NULL, "%s: %s", path, err.msg);
		const nb_form *b = nbt_form(ids[k]);
		ck_assert_str_eq(f->source, path);
		ck_assert_int_eq(f->ncell, b->ncell);
		ck_assert_int_eq(f->nrule, b->nrule);
		ck_assert_int_eq(f->nfield, b->nfield);
		for (int c = 0; c < f->ncell; c++) {
			char p1[512], p2[512];
			nb_form_cell_path(f, c, p1, sizeof p1);
			nb_form_cell_path(b, c, p2, sizeof p2);
			ck_assert_str_eq(p1, p2);
		}
		nb_form_free(f);
	}
	nb_err err = {0};
	ck_assert_ptr_null(nb_form_load_file("/nonexistent/dir/x.yaml", &err));
	ck_assert_msg(strstr(err.msg, "/nonexistent/dir/x.yaml") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(test_load_null)
{
	nb_err err;
	memset(&err, 0, sizeof err);
	ck_assert_ptr_null(nb_form_load_mem(NULL, 0, "mini.yaml", &err));
	nbt_err_pos(err.msg, "mini.yaml", NULL);
}
END_TEST

START_TEST(test_load_degenerate)
{
	nb_err err;
	memset(&err, 0, sizeof err);
	ck_assert_ptr_null(nb_form_load_mem("", 0, "mini.yaml", &err));
	nbt_err_pos(err.msg, "mini.yaml", NULL);
	memset(&err, 0, sizeof err);
	ck_assert_ptr_null(nb_form_load_mem("{{{", 3, "mini.yaml", &err));
	nbt_err_pos(err.msg, "mini.yaml", NULL);
	memset(&err, 0, sizeof err);
	ck_assert_ptr_null(nb_form_load_mem("- 1\n- 2\n", 8, "mini.yaml", &err));
	nbt_err_pos(err.msg, "mini.yaml", NULL);
	/* Cut anywhere inside: a prefix that ends in the middle of the rules. */
	char *text = mini_variant(0, NULL, 0, NULL);
	char *cut = strstr(text, "rsum = r1");
	ck_assert_ptr_nonnull(cut);
	memset(&err, 0, sizeof err);
	ck_assert_ptr_null(nb_form_load_mem(text, (size_t)(cut - text) + 4, "mini.yaml", &err));
	nbt_err_pos(err.msg, "mini.yaml", NULL);
	free(text);
}
END_TEST

START_TEST(test_load_errors)
{
	static const struct {
		const char *what;
		int at; const char *repl; int ins_at; const char *ins;
		int lo, hi, col;
	} c[] = {
		{"version 2", 1, "nianbao_form: 2", 0, NULL, 1, 1, 0},
		{"unknown top-level key", 0, NULL, 2, "colour: red", 2, 2, 1},
		{"unknown key in a column", 0, NULL, 19, "        colour: red", 19, 19, 9},
		{"duplicate key", 0, NULL, 19, "        label: 丙", 19, 19, 9},
		{"duplicate column id", 0, NULL, 23,
		 "      - id: a\n        label: 又甲", 23, 23, 0},
		{"duplicate row id", 0, NULL, 30,
		 "      - id: r2\n        label: 又二", 30, 30, 0},
		{"duplicate rule id", 37, "  - id: sum", 0, NULL, 37, 37, 0},
		{"unknown name in a rule", 36, "    rule: \"total = a + c\"", 0, NULL, 36, 36, 0},
		{"rule names a missing row", 41, "    rule: \"rsum = r1 + r3\"", 0, NULL, 41, 41, 0},
		{"row named where columns are", 36, "    rule: \"total = a + r1\"", 0, NULL, 36, 36, 0},
		{"rule syntax", 36, "    rule: \"total = a +\"", 0, NULL, 36, 36, 0},
		{"rule without =", 36, "    rule: \"total a b\"", 0, NULL, 36, 36, 0},
		{"unknown severity", 34, "    severity: fatal", 0, NULL, 34, 34, 0},
		{"unknown each", 33, "    each: diagonal", 0, NULL, 33, 33, 0},
		{"rule on a missing table", 32, "    table: t9", 0, NULL, 32, 32, 0},
		{"section lists a missing table", 11,
		 "  - {id: s1, number: 一, heading: 一、测试, text: optional, tables: [t9]}",
		 0, NULL, 11, 11, 0},
		{"unknown cell type", 0, NULL, 19, "        type: float", 19, 19, 0},
		{"unknown field kind", 9, "  - {id: year, label: 年度, kind: date, required: true}",
		 0, NULL, 9, 9, 0},
		{"cycle of derived cells", 0, NULL, 37,
		 "  - id: back\n    table: t1\n    each: row\n    severity: error\n"
		 "    derive: true\n    rule: \"a = total - b\"", 31, 42, 0},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		char *text = mini_variant(c[i].at, c[i].repl, c[i].ins_at, c[i].ins);
		nb_err err;
		memset(&err, 0, sizeof err);
		nb_form *f = nb_form_load_mem(text, strlen(text), "mini.yaml", &err);
		if (f) {
			nb_form_free(f);
			free(text);
			ck_abort_msg("%s: the form loaded", c[i].what);
		}
		int col = 0;
		int line = nbt_err_pos(err.msg, "mini.yaml", &col);
		ck_assert_msg(line >= c[i].lo && line <= c[i].hi,
			      "%s: error at line %d, want %d..%d: %s", c[i].what,
			      line, c[i].lo, c[i].hi, err.msg);
		if (c[i].col)
			ck_assert_msg(col == c[i].col, "%s: column %d, want %d: %s",
				      c[i].what, col, c[i].col, err.msg);
		free(text);
	}
	(void)expect_form_error;
}
END_TEST

START_TEST(test_self_cycle)
{
	char *text = mini_variant(36, "    rule: \"total = a + total\"", 0, NULL);
	expect_form_error(text, 31, 36, 0);
	free(text);
}
END_TEST

/* The loader refuses what the editor's screens were not built for: a
 * 70-column form ran the grid (64 columns) out of bounds at the 65th
 * press of Right. */
static char *wide_form(int ncol, int depth, size_t label)
{
	size_t cap = 4096 + (size_t)ncol * 64 + label;
	char *b = malloc(cap);
	ck_assert_ptr_nonnull(b);
	int n = snprintf(b, cap,
			 "nianbao_form: 1\nid: wide\nname: 宽表\nfields: []\n"
			 "sections:\n  - {id: s1, number: 一, heading: 一、测试, tables: [t1]}\n"
			 "tables:\n  - id: t1\n    name: 表一\n    columns:\n");
	for (int c = 0; c < ncol; c++)
		n += snprintf(b + n, cap - (size_t)n, "      - {id: c%d, label: 列%d}\n", c, c);
	n += snprintf(b + n, cap - (size_t)n, "    rows:\n");
	/* depth levels of rows, the innermost with a label of `label` bytes */
	for (int d = 0; d < depth; d++)
		n += snprintf(b + n, cap - (size_t)n, "%*s- id: r%d\n%*s  label: 行%d\n%*s  %s\n",
			      6 + 4 * d, "", d, 6 + 4 * d, "", d, 6 + 4 * d, "",
			      d + 1 < depth ? "children:" : "short: x");
	n += snprintf(b + n, cap - (size_t)n, "      - id: last\n        label: \"");
	for (size_t k = 0; k < label; k++)
		b[n++] = 'x';
	snprintf(b + n, cap - (size_t)n, "\"\n");
	return b;
}

static void expect_wide(int ncol, int depth, size_t label, int line, const char *msg)
{
	char *text = wide_form(ncol, depth, label);
	nb_err err;
	memset(&err, 0, sizeof err);
	nb_form *f = nb_form_load_mem(text, strlen(text), "wide.yaml", &err);
	if (!msg) {
		ck_assert_msg(f != NULL, "%d columns, depth %d, label %zu: %s", ncol, depth,
			      label, err.msg);
		ck_assert_int_eq(f->table[0].cols.nleaf, ncol);
		nb_form_free(f);
	} else {
		nb_form_free(f);
		ck_assert_msg(f == NULL, "%d columns, depth %d, label %zu: loaded", ncol, depth,
			      label);
		char want[200];
		snprintf(want, sizeof want, "wide.yaml:%d:", line);
		ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s (want %s)", err.msg, want);
		ck_assert_msg(strstr(err.msg, msg) != NULL, "%s (want %s)", err.msg, msg);
	}
	free(text);
}

START_TEST(test_screen_limits)
{
	expect_wide(NB_FORM_MAX_COLS, NB_FORM_MAX_DEPTH, NB_FORM_MAX_LABEL, 0, NULL);
	expect_wide(70, 1, 10, 11, "表一 有 70 列，最多 64 列");
	expect_wide(NB_FORM_MAX_COLS + 1, 1, 10, 11, "有 65 列");
	expect_wide(3, NB_FORM_MAX_DEPTH + 1, 10, 15, "表一 的表头有 6 层，最多 5 层");
	expect_wide(3, 1, NB_FORM_MAX_LABEL + 1, 19, "标签过长（241 字节");
	/* The message gives the column of the columns list, 1-based. */
	char *text = wide_form(70, 1, 10);
	nb_err err;
	memset(&err, 0, sizeof err);
	ck_assert_ptr_null(nb_form_load_mem(text, strlen(text), "wide.yaml", &err));
	ck_assert_str_eq(err.msg, "wide.yaml:11:7: 表一 有 70 列，最多 64 列");
	free(text);
}
END_TEST

/* ---- roles and the range of years ---- */

static const char *ROLES_HEAD =
	"nianbao_form: 1\nid: roles\nname: 角色\ntitle: \"{jigou}{niandu}年报告\"\n";
static const char *ROLES_TAIL =
	"sections:\n  - {id: s1, number: 一, heading: 一、测试, tables: [t1]}\n"
	"tables:\n  - id: t1\n    name: 表一\n    columns: [{id: a, label: 甲}]\n"
	"    rows: [{id: r, label: 行}]\n";

static nb_form *load_roles(const char *fields, nb_err *err)
{
	char text[2048];
	snprintf(text, sizeof text, "%sfields:\n%s%s", ROLES_HEAD, fields, ROLES_TAIL);
	memset(err, 0, sizeof *err);
	return nb_form_load_mem(text, strlen(text), "roles.yaml", err);
}

START_TEST(test_roles_builtin)
{
	static const char *ids[] = {"gk2019", "gk2021"};
	for (int k = 0; k < 2; k++) {
		const nb_form *f = nbt_form(ids[k]);
		ck_assert_int_eq(nb_form_field_role(f, NB_ROLE_AGENCY), nb_form_field(f, "agency"));
		ck_assert_int_eq(nb_form_field_role(f, NB_ROLE_YEAR), nb_form_field(f, "year"));
		ck_assert_int_eq(nb_form_field_role(f, NB_ROLE_TITLE), nb_form_field(f, "title"));
		ck_assert_int_eq(nb_form_field_role(f, NB_ROLE_PERIOD), nb_form_field(f, "period"));
		ck_assert_int_ge(nb_form_field_role(f, NB_ROLE_PERIOD), 0);
		ck_assert_int_eq(nb_form_field_role(f, NB_ROLE_COUNT), -1);
	}
	ck_assert_str_eq(nb_role_name(NB_ROLE_PERIOD), "period");
	ck_assert_ptr_null(nb_role_name(NB_ROLE_COUNT));
}
END_TEST

/* The program finds the year and the title by role, whatever their ids. */
START_TEST(test_roles_any_id)
{
	nb_err err;
	nb_form *f = load_roles("  - {id: jigou, label: 机关, role: agency}\n"
				"  - {id: niandu, label: 年度, kind: year, role: year}\n"
				"  - {id: biaoti, label: 标题, role: title}\n"
				"  - {id: year, label: 不是年度}\n", &err);
	ck_assert_msg(f != NULL, "%s", err.msg);
	ck_assert_int_eq(nb_form_field_role(f, NB_ROLE_YEAR), 1);
	ck_assert_int_eq(nb_form_field_role(f, NB_ROLE_PERIOD), -1);
	nb_report *r = nb_report_new(f);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(nb_report_set_text(r, 0, "某局", strlen("某局")), 0);
	ck_assert_int_eq(nb_report_set_text(r, 1, "2022", 4), 0);
	ck_assert_int_eq(nb_report_set_text(r, 3, "1999", 4), 0);
	ck_assert_int_eq(nb_report_year(r), 2022);
	char title[200];
	nb_report_title(r, title, sizeof title);
	ck_assert_str_eq(title, "某局2022年报告");
	ck_assert_int_eq(nb_report_set_text(r, 2, "自定标题", strlen("自定标题")), 0);
	nb_report_title(r, title, sizeof title);
	ck_assert_str_eq(title, "自定标题");
	nb_report_free(r);
	nb_form_free(f);
	/* A form written before roles: its year field is the year. */
	f = load_roles("  - {id: nian, label: 年度, kind: year}\n", &err);
	ck_assert_msg(f != NULL, "%s", err.msg);
	ck_assert_int_eq(nb_form_field_role(f, NB_ROLE_YEAR), 0);
	ck_assert_int_eq(nb_form_field_role(f, NB_ROLE_TITLE), -1);
	nb_form_free(f);
}
END_TEST

START_TEST(test_roles_refused)
{
	static const struct { const char *fields; const char *words; } c[] = {
		{"  - {id: a, label: 甲, role: agency}\n  - {id: b, label: 乙, role: agency}\n",
		 "role“agency”已属于字段“a”"},
		{"  - {id: a, label: 甲, role: boss}\n", "未知的 role“boss”"},
		{"  - {id: a, label: 甲, role: year}\n", "role: year 的字段应为 kind: year"},
		{"  - {id: a, label: 甲, kind: year, role: title}\n", "只能有 role: year"},
		{"  - {id: a, label: 甲, kind: text, role: title}\n", "应为 kind: line"},
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		nb_err err;
		nb_form *f = load_roles(c[i].fields, &err);
		if (f) {
			nb_form_free(f);
			ck_abort_msg("loaded: %s", c[i].fields);
		}
		ck_assert_msg(strstr(err.msg, c[i].words) != NULL, "%s (want %s)", err.msg,
			      c[i].words);
		int col = 0;
		ck_assert_int_ge(nbt_err_pos(err.msg, "roles.yaml", &col), 6);
	}
}
END_TEST

/* One range of years: a form's `years`, a report's year. */
START_TEST(test_year_range)
{
	char text[2048];
	nb_err err;
	static const char *bad[] = {"years: {from: 2007}\n", "years: {to: 2101}\n"};
	for (int k = 0; k < 2; k++) {
		snprintf(text, sizeof text, "%s%sfields: []\n%s", ROLES_HEAD, bad[k], ROLES_TAIL);
		memset(&err, 0, sizeof err);
		nb_form *f = nb_form_load_mem(text, strlen(text), "roles.yaml", &err);
		nb_form_free(f);
		ck_assert_msg(f == NULL, "%s loaded", bad[k]);
		ck_assert_msg(strstr(err.msg, "整数超出范围"), "%s", err.msg);
	}
	snprintf(text, sizeof text, "%syears: {from: %d, to: %d}\nfields: []\n%s", ROLES_HEAD,
		 NB_YEAR_MIN, NB_YEAR_MAX, ROLES_TAIL);
	nb_form *f = nb_form_load_mem(text, strlen(text), "roles.yaml", &err);
	ck_assert_msg(f != NULL, "%s", err.msg);
	nb_form_free(f);

	const nb_form *g = nbt_form("gk2021");
	nb_report *r = nb_report_new(g);
	int yf = nb_form_field_role(g, NB_ROLE_YEAR);
	static const struct { const char *s; int y; } y[] = {
		{"2008", 2008}, {"2100", 2100}, {"2007", 0}, {"2101", 0}, {"1990", 0},
		{"2200", 0}, {"", 0},
	};
	for (size_t i = 0; i < sizeof y / sizeof y[0]; i++) {
		ck_assert_int_eq(nb_report_set_text(r, yf, y[i].s, strlen(y[i].s)), 0);
		ck_assert_msg(nb_report_year(r) == y[i].y, "%s: %d", y[i].s, nb_report_year(r));
	}
	nb_report_free(r);
}
END_TEST

/* ---- a forms directory ---- */

static void write_file(const char *dir, const char *name, const char *text, size_t len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
}

static void make_tmpdir(void)
{
	nbt_mkdtemp(tmpdir, sizeof tmpdir, "/tmp/nbtest-forms-XXXXXX");
}

START_TEST(test_forms_dir_override)
{
	make_tmpdir();
	size_t len;
	char *text = nbt_slurp(NB_SRC("forms/gk2021.yaml"), &len);
	const char *old = "name: 政府信息公开工作年度报告（2021年版格式）";
	char *p = strstr(text, old);
	ck_assert_ptr_nonnull(p);
	/* Same length keeps the rest in place. */
	const char *neu = "name: 覆盖测试表";
	size_t ol = strlen(old), nl = strlen(neu);
	memmove(p + nl, p + ol, len - (size_t)(p - text) - ol + 1);
	memcpy(p, neu, nl);
	len = strlen(text);
	write_file(tmpdir, "my-gk2021.yaml", text, len);
	free(text);
	char *mini = mini_variant(0, NULL, 0, NULL);
	write_file(tmpdir, "mini.yaml", mini, strlen(mini));
	free(mini);

	nb_forms_shutdown();
	nb_err err = {0};
	int rc = nb_forms_init(tmpdir, &err);
	/* Forms are read at init: the files can go before any assertion. */
	rm_tmpdir();
	ck_assert_msg(rc >= 0, "nb_forms_init: %d %s", rc, err.msg);
	ck_assert_int_eq(nb_forms_count(), 3);
	const nb_form *f = nb_forms_find("gk2021");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->name, "覆盖测试表");
	ck_assert_msg(strstr(f->source, "my-gk2021.yaml") != NULL, "source %s", f->source);
	ck_assert_msg(strncmp(nbt_form("gk2019")->source, "builtin", 7) == 0, "source %s",
		      nbt_form("gk2019")->source);
	const nb_form *m = nb_forms_find("mini");
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_eq(nb_forms_for_year(2030), m);
	ck_assert_ptr_eq(nb_forms_for_year(2031), m);
	ck_assert_ptr_eq(nb_forms_for_year(2029), f);
	ck_assert_ptr_eq(nb_forms_for_year(2020), nbt_form("gk2019"));
}
END_TEST

START_TEST(test_forms_dir_bad_file)
{
	make_tmpdir();
	char *text = mini_variant(36, "    rule: \"total = a + c\"", 0, NULL);
	write_file(tmpdir, "broken.yaml", text, strlen(text));
	free(text);
	nb_forms_shutdown();
	nb_err err;
	memset(&err, 0, sizeof err);
	int rc = nb_forms_init(tmpdir, &err);
	char path[512];
	snprintf(path, sizeof path, "%s/broken.yaml", tmpdir);
	rm_tmpdir();
	ck_assert_msg(rc < 0, "a broken form file is not reported (rc %d)", rc);
	int line = nbt_err_pos(err.msg, path, NULL);
	ck_assert_int_eq(line, 36);
}
END_TEST

START_TEST(test_forms_dir_missing)
{
	nb_forms_shutdown();
	nb_err err;
	memset(&err, 0, sizeof err);
	int rc = nb_forms_init("/nonexistent/nianbao-forms", &err);
	ck_assert_msg(rc < 0, "a missing forms directory is not reported (rc %d)", rc);
	ck_assert_msg(strstr(err.msg, "/nonexistent/nianbao-forms") != NULL, "%s", err.msg);
}
END_TEST

Suite *NB_SUITE(form)(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("builtin");
	tcase_add_checked_fixture(tc, nbt_forms_up, forms_down);
	tcase_add_test(tc, test_builtin_registry);
	tcase_add_test(tc, test_cell_counts);
	tcase_add_test(tc, test_sections_and_fields);
	tcase_add_test(tc, test_labels_t3);
	tcase_add_test(tc, test_labels_t2_t4);
	tcase_add_test(tc, test_rules_builtin);
	suite_add_tcase(s, tc);

	tc = tcase_create("cells");
	tcase_add_checked_fixture(tc, nbt_forms_up, forms_down);
	tcase_add_test(tc, test_cell_ids_round_trip);
	tcase_add_test(tc, test_cell_lookup);
	tcase_add_test(tc, test_cell_types);
	tcase_add_test(tc, test_cell_path_and_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("loader");
	tcase_add_checked_fixture(tc, nbt_forms_up, forms_down);
	tcase_add_test(tc, test_load_mini_ok);
	tcase_add_test(tc, test_load_builtin_files);
	tcase_add_test(tc, test_load_null);
	tcase_add_test(tc, test_load_degenerate);
	tcase_add_test(tc, test_load_errors);
	tcase_add_test(tc, test_self_cycle);
	tcase_add_test(tc, test_screen_limits);
	tcase_add_test(tc, test_roles_builtin);
	tcase_add_test(tc, test_roles_any_id);
	tcase_add_test(tc, test_roles_refused);
	tcase_add_test(tc, test_year_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("registry");
	tcase_add_checked_fixture(tc, nbt_forms_up, forms_down);
	tcase_add_test(tc, test_forms_dir_override);
	tcase_add_test(tc, test_forms_dir_bad_file);
	tcase_add_test(tc, test_forms_dir_missing);
	suite_add_tcase(s, tc);
	return s;
}
