/* dump-corpus.c: every record of the pages with its district and topics
 *
 * Usage: dump-corpus [--why] [FILE_OR_DIR…]  (default: $ZR_CORPUS_DIR)
 * Not a test: its output is for a person to read critically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "zr-classifier.h"
#include "zr-page-parser.h"

static gboolean show_why;

static char *
labels (GPtrArray *array)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < array->len; i++)
    {
      const ZrLabel *l = g_ptr_array_index (array, i);

      g_string_append_printf (s, "%s%s(%.1f)", i ? " " : "", l->name, l->weight);
    }
  return g_string_free (s, FALSE);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
dump_file (ZrClassifier *classifier,
           const char   *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrPage) page = NULL;
  g_autofree char *base = g_path_get_basename (path);

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return;
    }
  page = zr_page_parse (text);
  for (guint i = 0; i < page->records->len; i++)
    {
      const ZrRecord *r = g_ptr_array_index (page->records, i);
      g_autoptr(ZrClassification) c = zr_classifier_classify (classifier, r);
      g_autofree char *ds = labels (c->districts);
      g_autofree char *ts = labels (c->topics);
      g_autofree char *headline = g_utf8_substring (r->headline ? r->headline : "(none)", 0,
                                                    MIN (30, g_utf8_strlen (r->headline ? r->headline : "(none)", -1)));

      g_print ("%s #%u [%s] %s%s%s | %s | %s | %s\n", base, i,
               zr_record_kind_to_string (r->kind),
               r->column ? r->column : "", r->column ? " / " : "",
               headline, c->district, c->topic ? c->topic : "-", ds);
      g_print ("    topics: %s\n", ts);
      if (show_why)
        g_print ("    why: %s\n", c->why_json);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrClassifier) classifier = zr_classifier_new_default (&error);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  setlocale (LC_ALL, "");
  if (classifier == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--why") == 0)
        show_why = TRUE;
      else
        g_ptr_array_add (paths, g_strdup (argv[i]));
    }
  if (paths->len == 0 && g_getenv ("ZR_CORPUS_DIR"))
    g_ptr_array_add (paths, g_strdup (g_getenv ("ZR_CORPUS_DIR")));

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          while (dir && (name = g_dir_read_name (dir)) != NULL)
            if (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".md"))
              g_ptr_array_add (names, g_build_filename (path, name, NULL));
          g_ptr_array_sort (names, compare_paths);
          for (guint n = 0; n < names->len; n++)
            dump_file (classifier, g_ptr_array_index (names, n));
        }
      else
        dump_file (classifier, path);
    }
  return 0;
}
