/* zr-page-parser.h: segmenting one page's text into records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-record.h"

G_BEGIN_DECLS

/**
 * zr_page_parse:
 * @text: decoded UTF-8 page text with LF line ends (invalid UTF-8 is
 *   repaired first; CR is treated as white space)
 *
 * Segments a page into records (article, notice, fragment) and page
 * metadata. Never fails.
 *
 * "Nothing lost" invariant: after removing every Unicode white-space
 * character (g_unichar_isspace()), zr_page_dup_flat_text() of the result
 * equals zr_page_dup_significant_text() of @text, which is @text without
 * white space and without the Markdown heading marks: a run of 1 to 6 `#`
 * at the very start of a line (after optional white space) that is
 * followed by white space or the end of the line. Every other character,
 * including any other `#`, is kept in order.
 *
 * Returns: (transfer full): the page
 */
ZrPage *zr_page_parse                (const char *text);

/**
 * zr_page_dup_significant_text:
 * @text: page text
 *
 * The characters that the "nothing lost" invariant of zr_page_parse()
 * promises to keep: @text without white space and heading marks.
 *
 * Returns: (transfer full): the significant characters, in order
 */
char   *zr_page_dup_significant_text (const char *text);

/**
 * zr_page_parser_is_column_label:
 * @text: a short line
 *
 * Whether @text is one of the paper's known column labels listed in
 * data/columns/known-columns.txt (今日醴陵, 钻石人, 作风建设年, a
 * district of Zhuzhou, 今日… labels).
 */
gboolean zr_page_parser_is_column_label (const char *text);

G_END_DECLS
