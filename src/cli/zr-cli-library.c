/* zr-cli-library.c: import, reclassify, articles, show, search, stats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "zr-cli.h"
#include "zr-error.h"
#include "zr-figures.h"
#include "zr-json.h"
#include "zr-search.h"
#include "zr-stats.h"

static void
json_strv (ZrJson *json,
           GStrv   values)
{
  zr_json_begin_array (json);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    zr_json_string (json, values[i]);
  zr_json_end_array (json);
}

/* The fields every article object carries (DESIGN.md §7). */
static void
json_article_fields (ZrJson          *json,
                     const ZrArticle *a)
{
  const ZrRecord *r = a->record;

  zr_json_key (json, "id");
  zr_json_int (json, a->id);
  zr_json_key (json, "source");
  zr_json_string (json, a->source_name);
  zr_json_key (json, "page_date");
  zr_json_string (json, a->page_date);
  zr_json_key (json, "page_number");
  if (a->page_number >= 0)
    zr_json_int (json, a->page_number);
  else
    zr_json_null (json);
  zr_json_key (json, "headline");
  zr_json_string (json, r->headline);
  zr_json_key (json, "column");
  zr_json_string (json, r->column);
  zr_json_key (json, "kicker");
  zr_json_string (json, r->kicker);
  zr_json_key (json, "bylines");
  zr_json_begin_array (json);
  for (guint i = 0; i < r->bylines->len; i++)
    {
      const ZrByline *b = g_ptr_array_index (r->bylines, i);
      zr_json_begin_object (json);
      zr_json_key (json, "name");
      zr_json_string (json, b->name);
      zr_json_key (json, "role");
      zr_json_string (json, b->role);
      zr_json_end_object (json);
    }
  zr_json_end_array (json);
  zr_json_key (json, "dateline");
  zr_json_string (json, r->dateline);
  zr_json_key (json, "district");
  zr_json_string (json, a->district);
  zr_json_key (json, "districts");
  json_strv (json, a->districts);
  zr_json_key (json, "topics");
  json_strv (json, a->topics);
  zr_json_key (json, "kind");
  zr_json_string (json, zr_record_kind_to_string (r->kind));
  zr_json_key (json, "chars");
  zr_json_int (json, a->chars);
}

/* Where a quote or a figure stands: paragraph index, character offsets. */
static void
json_span (ZrJson *json,
           guint   paragraph,
           guint   start,
           guint   end)
{
  zr_json_key (json, "paragraph");
  zr_json_int (json, paragraph);
  zr_json_key (json, "start");
  zr_json_int (json, start);
  zr_json_key (json, "end");
  zr_json_int (json, end);
}

static char *
dup_title (const ZrArticle *a)
{
  const ZrRecord *r = a->record;
  const ZrParagraph *first = r->paragraphs->len > 0 ? g_ptr_array_index (r->paragraphs, 0) : NULL;

  return zr_article_dup_title (zr_record_kind_to_string (r->kind), r->headline, first ? first->text : NULL);
}

/* ---------------------------------------------------------------------- */

int
zr_cli_import (ZrCli *cli,
               int    argc,
               char **argv)
{
  gboolean json_out = FALSE;
  g_autofree char *encoding = NULL;
  g_auto(GStrv) paths = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json_out, N_("Print the result as JSON"), NULL },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Read the files in this encoding (e.g. GB18030) instead of detecting it"), N_("ENCODING") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(ZrImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ZrLibrary *library;

  if (!zr_cli_parse_options ("import", N_("PATH…"), _("Import page files (.txt, .md) and folders of them."),
                             entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (paths == NULL || paths[0] == NULL)
    return zr_cli_usage ("import", _("Name at least one file or folder to import"));

  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;

  if (encoding != NULL)
    {
      /* A chosen encoding applies to each named file. */
      g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func ((GDestroyNotify) zr_import_failure_free);
      g_autoptr(GPtrArray) files = zr_library_collect_files ((const char * const *) paths, failed);
      report = g_new0 (ZrImportReport, 1);
      report->failed = g_steal_pointer (&failed);
      for (guint i = 0; i < files->len; i++)
        {
          g_autoptr(GError) local = NULL;
          gboolean unchanged;
          guint n;
          if (!zr_library_import_file (library, g_ptr_array_index (files, i), encoding, &unchanged, &n, &local))
            {
              ZrImportFailure *f = g_new0 (ZrImportFailure, 1);
              f->path = g_strdup (g_ptr_array_index (files, i));
              f->message = g_strdup (local->message);
              g_ptr_array_add (report->failed, f);
            }
          else if (unchanged)
            report->unchanged_files++;
          else
            {
              report->imported_files++;
              report->articles += n;
            }
        }
    }
  else
    {
      report = zr_library_import (library, (const char * const *) paths, NULL, NULL, NULL, &error);
      if (report == NULL)
        return zr_cli_fail (error);
    }

  if (json_out)
    {
      ZrJson *json = zr_json_new (TRUE);
      zr_json_begin_object (json);
      zr_json_key (json, "imported_files");
      zr_json_int (json, report->imported_files);
      zr_json_key (json, "unchanged_files");
      zr_json_int (json, report->unchanged_files);
      zr_json_key (json, "articles");
      zr_json_int (json, report->articles);
      zr_json_key (json, "failed");
      zr_json_begin_array (json);
      for (guint i = 0; i < report->failed->len; i++)
        {
          const ZrImportFailure *f = g_ptr_array_index (report->failed, i);
          zr_json_begin_object (json);
          zr_json_key (json, "path");
          zr_json_string (json, f->path);
          zr_json_key (json, "error");
          zr_json_string (json, f->message);
          zr_json_end_object (json);
        }
      zr_json_end_array (json);
      zr_json_end_object (json);
      zr_cli_print_json (zr_json_steal (json));
    }
  else
    {
      zr_cli_print (ngettext ("Imported %u file", "Imported %u files", report->imported_files), report->imported_files);
      zr_cli_print (" (");
      zr_cli_print (ngettext ("%u article", "%u articles", report->articles), report->articles);
      zr_cli_print ("); ");
      zr_cli_print (ngettext ("%u file unchanged", "%u files unchanged", report->unchanged_files), report->unchanged_files);
      zr_cli_print ("\n");
    }
  for (guint i = 0; i < report->failed->len; i++)
    {
      const ZrImportFailure *f = g_ptr_array_index (report->failed, i);
      g_printerr (_("Failed: %s: %s\n"), f->path, f->message);
    }

  return report->failed->len > 0 ? ZR_CLI_FAILED : ZR_CLI_OK;
}

int
zr_cli_reclassify (ZrCli *cli,
                   int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  ZrLibrary *library;
  guint changed = 0;

  if (!zr_cli_parse_options ("reclassify", NULL,
                             _("Recompute districts and topics of every article with the current gazetteer and lexicon."),
                             NULL, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc > 1)
    return zr_cli_usage ("reclassify", _("This command takes no arguments"));
  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;
  if (!zr_library_reclassify (library, NULL, &changed, &error))
    return zr_cli_fail (error);
  zr_cli_print (ngettext ("%u article changed district or topic\n", "%u articles changed district or topic\n", changed), changed);
  return ZR_CLI_OK;
}

int
zr_cli_articles (ZrCli *cli,
                 int    argc,
                 char **argv)
{
  gboolean json_out = FALSE;
  g_auto(GStrv) districts = NULL;
  g_auto(GStrv) topics = NULL;
  g_autofree char *query = NULL;
  int limit = 0;
  GOptionEntry entries[] = {
    ZR_CLI_DISTRICT_OPTION (districts),
    ZR_CLI_TOPIC_OPTION (topics),
    ZR_CLI_QUERY_OPTION (query),
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many articles"), N_("N") },
    ZR_CLI_JSON_OPTION (json_out),
    { NULL }
  };
  g_autoptr(ZrFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  ZrJson *json = NULL;
  ZrLibrary *library;
  gboolean snapshot = FALSE;

  if (!zr_cli_parse_options ("articles", NULL, _("List the articles, in page order."), entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc > 1)
    return zr_cli_usage ("articles", _("Unexpected argument"));
  if (limit < 0)
    return zr_cli_usage ("articles", _("--limit must not be negative"));

  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;

  filter = zr_cli_make_filter (districts, topics, query);
  /* the list and each article from one state of the library, whatever
   * another program imports meanwhile */
  snapshot = zr_database_begin_read (zr_library_get_database (library));
  ids = zr_library_list_ids (library, filter, limit, &error);
  if (ids == NULL)
    return zr_cli_fail (error);

  if (json_out)
    {
      json = zr_json_new (TRUE);
      zr_json_begin_array (json);
    }
  for (guint i = 0; i < ids->len && !zr_cli_output_failed (); i++)
    {
      g_autoptr(ZrArticle) a = zr_library_get_article_brief (library, g_array_index (ids, gint64, i), &error);
      if (a == NULL)
        {
          zr_json_free (json);
          return zr_cli_fail (error);
        }
      if (json_out)
        {
          zr_json_begin_object (json);
          json_article_fields (json, a);
          zr_json_end_object (json);
        }
      else
        {
          g_autofree char *title = dup_title (a);
          g_autofree char *district = zr_cli_pad (a->district ? a->district : "-", 6);
          g_autofree char *topic = zr_cli_pad (a->topic ? a->topic : "-", 8);
          zr_cli_print ("%6" G_GINT64_FORMAT "  %s  %s  %s\n", a->id, district, topic, title);
        }
    }
  zr_database_end_read (zr_library_get_database (library), snapshot);
  if (json_out)
    {
      zr_json_end_array (json);
      zr_cli_print_json (zr_json_steal (json));
    }
  return ZR_CLI_OK;
}

static void
print_article_text (const ZrArticle *a)
{
  const ZrRecord *r = a->record;
  g_autofree char *bylines = zr_article_dup_bylines_display (a);

  if (r->column)
    zr_cli_print ("【%s】\n", r->column);
  if (r->headline)
    zr_cli_print ("%s\n", r->headline);
  if (r->kicker)
    zr_cli_print ("%s\n", r->kicker);
  if (*bylines)
    zr_cli_print ("%s\n", bylines);
  zr_cli_print ("%s · %s · %s%s%s\n", a->district ? a->district : "-",
           a->topic ? a->topic : "-", a->source_name,
           a->page_date ? " · " : "", a->page_date ? a->page_date : "");
  zr_cli_print ("\n");
  if (r->dateline)
    zr_cli_print ("%s%s", r->dateline, r->byline_text && r->byline_offset >= 0 ? "" : "\n");
  if (r->byline_text)
    zr_cli_print ("%s\n", r->byline_text);
  for (guint i = 0; i < r->paragraphs->len; i++)
    {
      const ZrParagraph *p = g_ptr_array_index (r->paragraphs, i);
      switch (p->kind)
        {
        case ZR_PARAGRAPH_KIND_SUBHEAD:
          zr_cli_print ("\n  ■ %s\n\n", p->text);
          break;
        case ZR_PARAGRAPH_KIND_CAPTION:
          zr_cli_print ("  [%s]\n", p->text);
          break;
        case ZR_PARAGRAPH_KIND_BODY:
        default:
          zr_cli_print ("　　%s\n", p->text);
          break;
        }
    }
}

int
zr_cli_show (ZrCli *cli,
             int    argc,
             char **argv)
{
  gboolean json_out = FALSE;
  GOptionEntry entries[] = {
    ZR_CLI_JSON_OPTION (json_out),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrArticle) a = NULL;
  ZrLibrary *library;
  gint64 id;

  if (!zr_cli_parse_options ("show", N_("ID"), _("Show one article with its paragraphs, quotes and figures."),
                             entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc != 2 || !zr_cli_parse_id (argv[1], &id))
    return zr_cli_usage ("show", _("Give the number of one article (see “articles”)"));

  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;
  a = zr_library_get_article (library, id, &error);
  if (a == NULL)
    return zr_cli_fail (error);

  if (!json_out)
    {
      print_article_text (a);
      return ZR_CLI_OK;
    }

  {
    ZrJson *json = zr_json_new (TRUE);
    zr_json_begin_object (json);
    json_article_fields (json, a);
    zr_json_key (json, "topic");
    zr_json_string (json, a->topic);
    zr_json_key (json, "byline_text");
    zr_json_string (json, a->record->byline_text);
    zr_json_key (json, "paragraphs");
    zr_json_begin_array (json);
    for (guint i = 0; i < a->record->paragraphs->len; i++)
      {
        const ZrParagraph *p = g_ptr_array_index (a->record->paragraphs, i);
        zr_json_begin_object (json);
        zr_json_key (json, "kind");
        zr_json_string (json, zr_paragraph_kind_to_string (p->kind));
        zr_json_key (json, "text");
        zr_json_string (json, p->text);
        zr_json_end_object (json);
      }
    zr_json_end_array (json);
    zr_json_key (json, "quotes");
    zr_json_begin_array (json);
    for (guint i = 0; i < a->quotes->len; i++)
      {
        const ZrQuote *q = g_ptr_array_index (a->quotes, i);
        zr_json_begin_object (json);
        zr_json_key (json, "text");
        zr_json_string (json, q->text);
        zr_json_key (json, "speaker");
        zr_json_string (json, q->speaker);
        zr_json_key (json, "role");
        zr_json_string (json, q->role);
        json_span (json, q->paragraph, q->start, q->end);
        zr_json_end_object (json);
      }
    zr_json_end_array (json);
    zr_json_key (json, "figures");
    zr_json_begin_array (json);
    for (guint i = 0; i < a->figures->len; i++)
      {
        const ZrFigure *f = g_ptr_array_index (a->figures, i);
        zr_json_begin_object (json);
        zr_json_key (json, "text");
        zr_json_string (json, f->text);
        zr_json_key (json, "context");
        zr_json_string (json, f->context);
        json_span (json, f->paragraph, f->start, f->end);
        zr_json_end_object (json);
      }
    zr_json_end_array (json);
    zr_json_key (json, "why");
    zr_json_raw (json, a->why_json && *a->why_json ? a->why_json : "{}");
    zr_json_end_object (json);
    zr_cli_print_json (zr_json_steal (json));
  }
  return ZR_CLI_OK;
}

int
zr_cli_search (ZrCli *cli,
               int    argc,
               char **argv)
{
  gboolean json_out = FALSE;
  g_auto(GStrv) districts = NULL;
  g_auto(GStrv) topics = NULL;
  int limit = 50;
  GOptionEntry entries[] = {
    ZR_CLI_DISTRICT_OPTION (districts),
    ZR_CLI_TOPIC_OPTION (topics),
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many results (default 50)"), N_("N") },
    ZR_CLI_JSON_OPTION (json_out),
    { NULL }
  };
  g_autoptr(ZrFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  ZrLibrary *library;

  if (!zr_cli_parse_options ("search", N_("QUERY"),
                             _("Search the library. Words separated by spaces must all occur; \"…\" is a phrase; -word excludes."),
                             entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc < 2)
    return zr_cli_usage ("search", _("Give the text to search for"));
  if (limit <= 0)
    return zr_cli_usage ("search", _("--limit must be positive"));
  for (int i = 1; i < argc; i++)
    {
      if (i > 1)
        g_string_append_c (query, ' ');
      g_string_append (query, argv[i]);
    }

  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;
  filter = zr_cli_make_filter (districts, topics, NULL);
  hits = zr_search_run (zr_library_get_database (library), query->str, filter, limit, &error);
  if (hits == NULL)
    return zr_cli_fail (error);

  if (json_out)
    {
      ZrJson *json = zr_json_new (TRUE);
      zr_json_begin_array (json);
      for (guint i = 0; i < hits->len; i++)
        {
          const ZrSearchHit *h = g_ptr_array_index (hits, i);
          zr_json_begin_object (json);
          zr_json_key (json, "id");
          zr_json_int (json, h->id);
          zr_json_key (json, "headline");
          zr_json_string (json, h->headline);
          zr_json_key (json, "snippet");
          zr_json_string (json, h->snippet);
          zr_json_key (json, "district");
          zr_json_string (json, h->district);
          zr_json_key (json, "score");
          zr_json_double (json, h->score);
          zr_json_end_object (json);
        }
      zr_json_end_array (json);
      zr_cli_print_json (zr_json_steal (json));
    }
  else
    {
      for (guint i = 0; i < hits->len; i++)
        {
          const ZrSearchHit *h = g_ptr_array_index (hits, i);
          zr_cli_print ("%6" G_GINT64_FORMAT "  %s  %s\n        %s\n", h->id,
                   h->district ? h->district : "-", h->headline ? h->headline : "", h->snippet ? h->snippet : "");
        }
      if (hits->len == 0)
        zr_cli_print ("%s\n", _("No article matches."));
    }
  return ZR_CLI_OK;
}

int
zr_cli_stats (ZrCli *cli,
              int    argc,
              char **argv)
{
  gboolean json_out = FALSE;
  g_auto(GStrv) districts = NULL;
  g_auto(GStrv) topics = NULL;
  g_autofree char *query = NULL;
  GOptionEntry entries[] = {
    ZR_CLI_DISTRICT_OPTION (districts),
    ZR_CLI_TOPIC_OPTION (topics),
    ZR_CLI_QUERY_OPTION (query),
    ZR_CLI_JSON_OPTION (json_out),
    { NULL }
  };
  g_autoptr(ZrFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrStats) stats = NULL;
  ZrLibrary *library;

  if (!zr_cli_parse_options ("stats", NULL, _("Counts of the library, or of the articles under a filter."),
                             entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc > 1)
    return zr_cli_usage ("stats", _("Unexpected argument"));
  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;
  filter = zr_cli_make_filter (districts, topics, query);
  stats = zr_stats_query (zr_library_get_database (library), filter, &error);
  if (stats == NULL)
    return zr_cli_fail (error);

  if (json_out)
    {
      ZrJson *json = zr_json_new (TRUE);
      zr_stats_write_json (stats, json);
      zr_cli_print_json (zr_json_steal (json));
    }
  else
    {
      /* the same text as the window's "Copy as Markdown" */
      g_autofree char *text = zr_stats_dup_markdown (stats, filter);
      zr_cli_print ("%s", text);
    }
  return ZR_CLI_OK;
}

int
zr_cli_set_page (ZrCli *cli,
                 int    argc,
                 char **argv)
{
  g_autofree char *date = NULL;
  int page = G_MININT;   /* not given */
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The page date, e.g. 2023-03-15"), N_("DATE") },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_("The page number (版次)"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  ZrLibrary *library;
  gint64 id;

  if (!zr_cli_parse_options ("set-page", N_("ID"),
                             _("Set the page date and number of the file an article came from. "
                               "What is not given stays as it was."),
                             entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc != 2 || !zr_cli_parse_id (argv[1], &id))
    return zr_cli_usage ("set-page", _("Give the number of one article (see “articles”)"));
  if (date == NULL && page == G_MININT)
    return zr_cli_usage ("set-page", _("Give --date, --page or both"));
  if (page != G_MININT && (page < 1 || page > ZR_MAX_PAGE_NUMBER))
    {
      g_autofree char *msg = g_strdup_printf (_("--page is a page number from 1 to %d"), ZR_MAX_PAGE_NUMBER);
      return zr_cli_usage ("set-page", msg);
    }
  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;
  if (!zr_library_set_page (library, id, date, page == G_MININT ? -1 : page, &error))
    {
      if (g_error_matches (error, ZR_DATA_ERROR, ZR_DATA_ERROR_INVALID))
        return zr_cli_usage ("set-page", error->message);
      return zr_cli_fail (error);
    }
  return ZR_CLI_OK;
}
