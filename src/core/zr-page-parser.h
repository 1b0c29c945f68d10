/* zr-page-parser.h: segmenting one page's text into records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zr-record.h"

G_BEGIN_DECLS

/* @text: decoded UTF-8 page text with LF line ends. Never fails: any text
 * gives a page whose records and metadata hold every non-blank character of
 * @text, in order (see zr_page_dup_flat_text()). */
ZrPage *zr_page_parse (const char *text);

G_END_DECLS
