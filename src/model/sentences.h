/* The figures sentences of 一、总体情况's （二）依申请公开 part, written from
 * the tables so the prose cannot disagree with them (FORMATS.md rule 10):
 *
 *   本年度共收到政府信息公开申请307件，上年结转17件。本年度办结300件，其中
 *   予以公开128件，占42.7%；……；结转下年度继续办理24件。本年度发生政府信息
 *   公开行政复议10件，其中结果维持6件，……；行政诉讼8件，其中……。
 *
 * Plain C over a report, no curses, no I/O: `nianbao export --sentences`
 * prints the result; the editor shows it and then applies it as one undo
 * step.
 *
 * Figures: a blank cell counts as 0, as the rules count it (so a blank says
 * 0件); nothing is computed that the tables do not hold (a blank 总计 is
 * not re-derived here: the engine owns derivation). A group row (（三）不予
 * 公开) stands for the sum of its leaves, like the form's mentions. Shares
 * ("占42.7%") are of the 办结 total, in integer arithmetic rounded half up
 * to one decimal, and left out when that total is 0. A part whose row or
 * column the form lacks (a third layout) is left out with its punctuation;
 * a breakdown ("其中……") is left out when its head and all its parts are 0. */
#ifndef NB_SENTENCES_H
#define NB_SENTENCES_H

#include <stdint.h>

#include "model/report.h"

/* The sentences for r as one paragraph without a newline, malloc'd.
 * "" when every cell they would quote is blank (the tables are not filled
 * in yet: saying 0件 then would invent figures). NULL when out of memory. */
char *nb_sentences(const nb_report *r);

/* A section text with `generated` put in (malloc'd; NULL when out of
 * memory). The paragraph replaced is the first line that quotes the
 * applications (contains 收到 and, after it, 申请); failing that, the text
 * after a line-opening "（二）依申请公开" heading ("（二）依申请公开" alone on
 * its line gets the sentences as the next line; heading and text on one
 * line keep the heading and its punctuation). Otherwise the sentences are
 * appended as a new last paragraph. Lines are LF-separated, as nb_report
 * stores them; the other lines are kept byte for byte. An empty
 * `generated` (blank tables) would delete the paragraph: callers say
 * "nothing to write" instead of applying it. For the editor: show
 * `generated` first, then nb_report_set_text() the result as one undo
 * step. */
char *nb_sentences_apply(const char *old_text, const char *generated);

/* "42.7": part/whole in percent, one decimal, rounded half up, integer
 * arithmetic. 0 and "" when whole <= 0 or part < 0. buf of 32 is enough. */
int nb_percent1(int64_t part, int64_t whole, char *buf, unsigned n);

#endif
