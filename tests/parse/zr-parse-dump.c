/* zr-parse-dump.c: prints how pages are segmented (a debugging aid)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: zr-parse-dump FILE…
 */
#include "config.h"

#include <stdio.h>

#include "zr-encoding.h"
#include "zr-page-parser.h"
#include "zr-source-meta.h"

static void
dump (const char *path)
{
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *enc = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *date = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrPage) page = NULL;
  gsize len = 0;
  int pageno = -1;

  if (!g_file_get_contents (path, &data, &len, &error) ||
      !(text = zr_text_decode (data, len, NULL, &enc, &error)))
    {
      printf ("%s: %s\n", path, error->message);
      return;
    }
  zr_source_meta_from_filename (base, &date, &pageno);
  printf ("==== %s (%s) date=%s page=%d\n", base, enc, date ? date : "-", pageno);
  page = zr_page_parse (text);
  for (guint i = 0; i < page->meta->len; i++)
    {
      ZrPageMeta *m = g_ptr_array_index (page->meta, i);
      printf ("META @%d %s\n", m->offset, m->text);
    }
  for (guint i = 0; i < page->records->len; i++)
    {
      ZrRecord *r = g_ptr_array_index (page->records, i);
      printf ("\n[%u] %s @%d: %s\n", i, zr_record_kind_to_string (r->kind), r->headline_offset, r->headline ? r->headline : "(none)");
      if (r->column)
        printf ("    column: %s\n", r->column);
      if (r->kicker)
        printf ("    kicker: %s\n", r->kicker);
      if (r->dateline)
        printf ("    dateline: %s\n", r->dateline);
      if (r->byline_text)
        {
          printf ("    byline: %s ->", r->byline_text);
          for (guint j = 0; j < r->bylines->len; j++)
            {
              ZrByline *b = g_ptr_array_index (r->bylines, j);
              printf (" %s[%s]", b->name, b->role ? b->role : "-");
            }
          printf ("\n");
        }
      for (guint j = 0; j < r->paragraphs->len; j++)
        {
          ZrParagraph *p = g_ptr_array_index (r->paragraphs, j);
          glong n = g_utf8_strlen (p->text, -1);
          g_autofree char *head = g_utf8_substring (p->text, 0, MIN (n, 18));
          g_autofree char *tail = g_utf8_substring (p->text, MIN (MAX (n - 10, 18), n), n);
          printf ("    %-7s @%d %s%s%s\n", zr_paragraph_kind_to_string (p->kind), p->offset, head,
                  n > 18 ? " … " : "", n > 18 ? tail : "");
        }
    }
  printf ("\n");
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    dump (argv[i]);
  return 0;
}
