/* zr-lexicon.h: a character trie for leftmost-longest term matching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A set of terms, each carrying a label number and a weight. Scanning a text
 * reports, from left to right, the longest term starting at each position and
 * goes on after it (leftmost-longest, non-overlapping), in time linear in the
 * text for a given lexicon: so "石峰区城管局" can be one term and "市城管局"
 * another, and neither is seen inside the other. */
typedef struct _ZrLexicon ZrLexicon;

/* @start and @len (bytes) locate the match in the scanned text. */
typedef void (*ZrLexiconMatchFunc) (const char *start,
                                    gsize       len,
                                    guint       label,
                                    double      weight,
                                    gpointer    user_data);

ZrLexicon *zr_lexicon_new      (void);
void       zr_lexicon_free     (ZrLexicon          *self);
/* Adds @term (valid UTF-8, not empty). A term added twice keeps its first
 * label and weight; returns FALSE then. */
gboolean   zr_lexicon_insert   (ZrLexicon          *self,
                                const char         *term,
                                guint               label,
                                double              weight);
guint      zr_lexicon_get_size (ZrLexicon          *self);
/* Looks @term up exactly; returns FALSE when it is not in the lexicon. */
gboolean   zr_lexicon_lookup   (ZrLexicon          *self,
                                const char         *term,
                                guint              *label,
                                double             *weight);
/* @text must be valid UTF-8; @len -1 when nul-terminated. */
void       zr_lexicon_scan     (ZrLexicon          *self,
                                const char         *text,
                                gssize              len,
                                ZrLexiconMatchFunc  func,
                                gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ZrLexicon, zr_lexicon_free)

G_END_DECLS
