/* zr-bench-gen.h: a seeded, reproducible generator of pages and records
 * in the style of the paper, for benchmarks and property tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same seed gives the same output on every machine and GLib version
 * (its own splitmix64, no GRand). Text is drawn from a vocabulary written
 * for this file with Zipf weights, so character and word frequencies look
 * like news text: a few very common characters, a long tail. It also
 * mixes in district and township names, numbers (some full-width), Latin
 * words in mixed case, punctuation and “quotes”.
 */
#pragma once

#include <glib.h>

#include "zr-record.h"

G_BEGIN_DECLS

typedef struct _ZrBenchGen ZrBenchGen;

ZrBenchGen         *zr_bench_gen_new          (guint64      seed);
void                zr_bench_gen_free         (ZrBenchGen  *gen);

/* Uniform in [lo, hi]. */
guint               zr_bench_gen_int          (ZrBenchGen  *gen,
                                               guint        lo,
                                               guint        hi);
/* The nine county-level districts, and topic names (NULL-terminated). */
const char * const *zr_bench_gen_districts    (void);
const char * const *zr_bench_gen_topics       (void);
/* A district, weighted (the city districts are written about most). */
const char         *zr_bench_gen_district     (ZrBenchGen  *gen);
const char         *zr_bench_gen_topic        (ZrBenchGen  *gen);
/* A person's name, e.g. for bylines. (transfer full) */
char               *zr_bench_gen_name         (ZrBenchGen  *gen);
/* One sentence ending in 。！or ？ (transfer full) */
char               *zr_bench_gen_sentence     (ZrBenchGen  *gen,
                                               const char  *district);
/* A record: headline, maybe column and kicker, bylines, 2–7 paragraphs,
 * about @target_chars characters in all (0: 300–900). Offsets are -1.
 * @district (out, optional) is the district the record is about.
 * (transfer full) */
ZrRecord           *zr_bench_gen_record       (ZrBenchGen  *gen,
                                               guint        target_chars,
                                               const char **district);
/* A page as the paper's text files look: records separated by blank
 * lines, each with its headline, byline line and paragraphs, and an
 * editor line at the end. (transfer full) */
char               *zr_bench_gen_page         (ZrBenchGen  *gen,
                                               guint        n_records);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrBenchGen, zr_bench_gen_free)

G_END_DECLS
