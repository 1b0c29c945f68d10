/* zr-fuzz.h: what the fuzz harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each harness defines LLVMFuzzerTestOneInput(). Linked with
 * -fsanitize=fuzzer it is a libFuzzer target (build-aux/fuzz.sh); linked
 * with replay-main.c it replays saved inputs as a TAP test in any build.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "zr-record.h"

G_BEGIN_DECLS

int       LLVMFuzzerTestOneInput     (const uint8_t *data,
                                      size_t         size);

/* Makes GLib criticals and warnings fatal, once, so a g_return_if_fail()
 * reached from any input is a crash the fuzzer reports. */
void      zr_fuzz_init               (void);

/* The bytes as a string a user could have typed or a page could hold:
 * cut at the first NUL, invalid UTF-8 replaced by U+FFFD. */
char     *zr_fuzz_dup_utf8           (const uint8_t *data,
                                      size_t         size);

/* An article built from the input's lines: the first non-blank line is the
 * headline, a line starting with '#' a subhead, a line starting with 图 a
 * caption, the rest body paragraphs. Offsets are character offsets. */
ZrRecord *zr_fuzz_record_from_bytes  (const uint8_t *data,
                                      size_t         size);

/* The characters [start, end) of @text, or NULL when out of range. */
char     *zr_fuzz_utf8_slice         (const char    *text,
                                      guint          start,
                                      guint          end);

G_END_DECLS
