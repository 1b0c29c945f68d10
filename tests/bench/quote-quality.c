/* quote-quality.c: precision and recall of quote extraction, speaker accuracy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a hand-annotated file (tests/data/quotes/annotated.txt: P paragraph,
 * Q expected quote "text|speaker|role", N quotation that is not a quote;
 * records separated by blank lines), runs zr_quotes_extract() on each record
 * and prints the figures. With --check it prints TAP and fails when a figure
 * is below its aim (precision 0.95, recall 0.90, speaker accuracy 0.90).
 * With --verbose it lists every miss.
 */
#include "config.h"

#include <locale.h>

#include <stdio.h>
#include <string.h>

#include "zr-quotes.h"

#define AIM_PRECISION 0.95
#define AIM_RECALL    0.90
#define AIM_SPEAKER   0.90

typedef struct
{
  guint expected;       /* Q lines */
  guint negatives;      /* N lines */
  guint extracted;
  guint correct;        /* extracted and expected */
  guint speaker_ok;     /* correct with speaker and role exactly as annotated */
  guint negatives_hit;  /* N texts extracted as quotes */
} Figures;

static gboolean verbose;

static const char *
nz (const char *s)
{
  return s && *s ? s : NULL;
}

static void
run_record (ZrRecord  *record,
            GPtrArray *expected,
            GPtrArray *negatives,
            Figures   *f)
{
  g_autoptr(GPtrArray) quotes = zr_quotes_extract (record);
  g_autofree gboolean *used = g_new0 (gboolean, expected->len);

  f->expected += expected->len;
  f->negatives += negatives->len;
  f->extracted += quotes->len;

  for (guint i = 0; i < quotes->len; i++)
    {
      const ZrQuote *q = g_ptr_array_index (quotes, i);
      gboolean found = FALSE;

      for (guint k = 0; k < expected->len && !found; k++)
        {
          g_auto(GStrv) e = g_strsplit (g_ptr_array_index (expected, k), "|", 3);

          if (used[k] || g_strcmp0 (e[0], q->text) != 0)
            continue;
          used[k] = found = TRUE;
          f->correct++;
          if (g_strcmp0 (nz (e[1]), q->speaker) == 0 && g_strcmp0 (e[1] ? nz (e[2]) : NULL, q->role) == 0)
            f->speaker_ok++;
          else if (verbose)
            printf ("# speaker: %s → got [%s|%s] want [%s|%s]\n", q->text,
                    q->speaker ? q->speaker : "", q->role ? q->role : "",
                    e[1] ? e[1] : "", e[1] && e[2] ? e[2] : "");
        }
      if (!found)
        {
          for (guint k = 0; k < negatives->len; k++)
            if (g_strcmp0 (g_ptr_array_index (negatives, k), q->text) == 0)
              {
                f->negatives_hit++;
                break;
              }
          if (verbose)
            printf ("# false positive: %s [%s]\n", q->text, q->speaker ? q->speaker : "");
        }
    }
  if (verbose)
    for (guint k = 0; k < expected->len; k++)
      if (!used[k])
        printf ("# missed: %s\n", (char *) g_ptr_array_index (expected, k));
}

static gboolean
run_file (const char  *path,
          Figures     *f,
          GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(ZrRecord) record = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) negatives = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; ; i++)
    {
      const char *l = lines[i];

      if (l == NULL || *l == '\0')
        {
          if (record != NULL && record->paragraphs->len > 0)
            run_record (record, expected, negatives, f);
          g_clear_pointer (&record, zr_record_free);
          g_clear_pointer (&expected, g_ptr_array_unref);
          g_clear_pointer (&negatives, g_ptr_array_unref);
          if (l == NULL)
            break;
          continue;
        }
      if (record == NULL)
        {
          record = zr_record_new (ZR_RECORD_KIND_ARTICLE);
          expected = g_ptr_array_new_with_free_func (g_free);
          negatives = g_ptr_array_new_with_free_func (g_free);
        }
      if (g_str_has_prefix (l, "P "))
        g_ptr_array_add (record->paragraphs, zr_paragraph_new (ZR_PARAGRAPH_KIND_BODY, l + 2, -1));
      else if (g_str_has_prefix (l, "Q "))
        g_ptr_array_add (expected, g_strdup (l + 2));
      else if (g_str_has_prefix (l, "N "))
        g_ptr_array_add (negatives, g_strdup (l + 2));
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *path = ZR_QUOTES_ANNOTATED;
  gboolean check = FALSE;
  Figures f = { 0 };
  g_autoptr(GError) error = NULL;
  double precision, recall, speaker;

  /* the tables print ×, ≤ and … in the locale's characters */
  setlocale (LC_CTYPE, "");
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--check"))
        check = TRUE;
      else if (g_str_equal (argv[i], "--verbose"))
        verbose = TRUE;
      else
        path = argv[i];
    }

  if (!run_file (path, &f, &error))
    {
      fprintf (stderr, "%s: %s\n", path, error->message);
      return 1;
    }

  precision = f.extracted ? (double) f.correct / f.extracted : 0;
  recall = f.expected ? (double) f.correct / f.expected : 0;
  speaker = f.correct ? (double) f.speaker_ok / f.correct : 0;

  if (!check)
    {
      printf ("annotated quotes:      %u\n", f.expected);
      printf ("annotated non-quotes:  %u (%u taken for quotes)\n", f.negatives, f.negatives_hit);
      printf ("extracted:             %u (%u correct)\n", f.extracted, f.correct);
      printf ("precision:             %.3f\n", precision);
      printf ("recall:                %.3f\n", recall);
      printf ("speaker accuracy:      %.3f (speaker and role exact, of correct quotes)\n", speaker);
      return 0;
    }

  printf ("1..4\n");
  printf ("%sok 1 - fixture has at least 60 quotes and 60 non-quotes (%u, %u)\n",
          f.expected >= 60 && f.negatives >= 60 ? "" : "not ", f.expected, f.negatives);
  printf ("%sok 2 - precision %.3f >= %.2f\n", precision >= AIM_PRECISION ? "" : "not ", precision, AIM_PRECISION);
  printf ("%sok 3 - recall %.3f >= %.2f\n", recall >= AIM_RECALL ? "" : "not ", recall, AIM_RECALL);
  printf ("%sok 4 - speaker accuracy %.3f >= %.2f\n", speaker >= AIM_SPEAKER ? "" : "not ", speaker, AIM_SPEAKER);
  return (f.expected >= 60 && f.negatives >= 60 && precision >= AIM_PRECISION &&
          recall >= AIM_RECALL && speaker >= AIM_SPEAKER) ? 0 : 1;
}
