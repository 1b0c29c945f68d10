/* zr-cli-quotes.c: quotes, cite, clippings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "zr-citation.h"
#include "zr-cli.h"
#include "zr-clippings.h"
#include "zr-error.h"
#include "zr-json.h"

int
zr_cli_quotes (ZrCli *cli,
               int    argc,
               char **argv)
{
  gboolean json_out = FALSE;
  g_auto(GStrv) districts = NULL;
  g_auto(GStrv) topics = NULL;
  g_autofree char *speaker = NULL;
  g_autofree char *query = NULL;
  GOptionEntry entries[] = {
    ZR_CLI_DISTRICT_OPTION (districts),
    ZR_CLI_TOPIC_OPTION (topics),
    ZR_CLI_QUERY_OPTION (query),
    { "speaker", 0, 0, G_OPTION_ARG_STRING, &speaker, N_("Only quotes whose speaker or role contains this"), N_("SPEAKER") },
    ZR_CLI_JSON_OPTION (json_out),
    { NULL }
  };
  g_autoptr(ZrFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  ZrLibrary *library;

  if (!zr_cli_parse_options ("quotes", NULL, _("List what people said in the articles."), entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc > 1)
    return zr_cli_usage ("quotes", _("Unexpected argument"));
  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;
  filter = zr_cli_make_filter (districts, topics, query);
  hits = zr_library_list_quotes (library, filter, speaker, &error);
  if (hits == NULL)
    return zr_cli_fail (error);

  if (json_out)
    {
      ZrJson *json = zr_json_new (TRUE);
      zr_json_begin_array (json);
      for (guint i = 0; i < hits->len; i++)
        {
          const ZrQuoteHit *h = g_ptr_array_index (hits, i);
          zr_json_begin_object (json);
          zr_json_key (json, "article_id");
          zr_json_int (json, h->article_id);
          zr_json_key (json, "quote");
          zr_json_int (json, h->index);
          zr_json_key (json, "text");
          zr_json_string (json, h->quote->text);
          zr_json_key (json, "speaker");
          zr_json_string (json, h->quote->speaker);
          zr_json_key (json, "role");
          zr_json_string (json, h->quote->role);
          zr_json_end_object (json);
        }
      zr_json_end_array (json);
      zr_cli_print_json (zr_json_steal (json));
    }
  else
    {
      for (guint i = 0; i < hits->len; i++)
        {
          const ZrQuoteHit *h = g_ptr_array_index (hits, i);
          zr_cli_print ("%" G_GINT64_FORMAT "/%u  “%s”\n        —— %s%s%s%s\n", h->article_id, h->index, h->quote->text,
                   h->quote->speaker ? h->quote->speaker : _("(speaker not named)"),
                   h->quote->role ? "（" : "", h->quote->role ? h->quote->role : "", h->quote->role ? "）" : "");
        }
    }
  return ZR_CLI_OK;
}

int
zr_cli_cite (ZrCli *cli,
             int    argc,
             char **argv)
{
  int quote = 0;
  g_autofree char *format_name = NULL;
  g_autofree char *template_ = NULL;
  GOptionEntry entries[] = {
    { "quote", 0, 0, G_OPTION_ARG_INT, &quote, N_("Cite the article's N-th quote (from 1)"), N_("N") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("plain (default), markdown or gbt7714"), N_("FORMAT") },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template_, N_("Citation template with {quote} {speaker} {role} {headline} {bylines} {date} {page}"), N_("TEMPLATE") },
    { NULL }
  };
  ZrCitationFormat format = ZR_CITATION_FORMAT_PLAIN;
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrArticle) article = NULL;
  g_autofree char *citation = NULL;
  ZrLibrary *library;
  gint64 id;

  if (!zr_cli_parse_options ("cite", N_("ID"), _("Cite an article, or one of its quotes, ready to paste."),
                             entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc != 2 || !zr_cli_parse_id (argv[1], &id))
    return zr_cli_usage ("cite", _("Give the number of one article (see “articles”)"));
  if (quote < 0)
    return zr_cli_usage ("cite", _("--quote counts from 1"));
  if (format_name != NULL && !zr_citation_format_from_string (format_name, &format))
    return zr_cli_usage ("cite", _("--format is one of plain, markdown, gbt7714"));

  library = zr_cli_open_library (cli);
  if (library == NULL)
    return ZR_CLI_FAILED;
  article = zr_library_get_article (library, id, &error);
  if (article == NULL)
    return zr_cli_fail (error);
  citation = zr_article_format_citation (article, quote, format, template_, &error);
  if (citation == NULL)
    return zr_cli_fail (error);
  zr_cli_print ("%s\n", citation);
  return ZR_CLI_OK;
}

static int
clippings_list (ZrLibrary *library,
                int        argc,
                char     **argv)
{
  gboolean json_out = FALSE;
  GOptionEntry entries[] = {
    ZR_CLI_JSON_OPTION (json_out),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clippings = NULL;

  if (!zr_cli_parse_options ("clippings list", NULL, _("List the saved quotes."), entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (json_out)
    {
      g_autofree char *json = zr_clippings_export (zr_library_get_database (library), ZR_CLIPPINGS_FORMAT_JSON, &error);
      if (json == NULL)
        return zr_cli_fail (error);
      zr_cli_print_json (g_steal_pointer (&json));
      return ZR_CLI_OK;
    }
  clippings = zr_clippings_list (zr_library_get_database (library), &error);
  if (clippings == NULL)
    return zr_cli_fail (error);
  for (guint i = 0; i < clippings->len; i++)
    {
      const ZrClipping *c = g_ptr_array_index (clippings, i);
      zr_cli_print ("%4" G_GINT64_FORMAT "  “%s”  —— %s\n", c->id, c->quote, c->citation ? c->citation : "");
    }
  if (clippings->len == 0)
    zr_cli_print ("%s\n", _("No saved quotes yet."));
  return ZR_CLI_OK;
}

static int
clippings_save (ZrLibrary *library,
                int        argc,
                char     **argv)
{
  int quote = 0;
  g_autofree char *text = NULL;
  g_autofree char *note = NULL;
  GOptionEntry entries[] = {
    { "quote", 0, 0, G_OPTION_ARG_INT, &quote, N_("Save the article's N-th quote (from 1)"), N_("N") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("Save this text of the article instead"), N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note to keep with it"), N_("NOTE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ZrArticle) article = NULL;
  gint64 id, clip;

  if (!zr_cli_parse_options ("clippings save", N_("ID"), _("Save a quote of an article."), entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc != 2 || !zr_cli_parse_id (argv[1], &id))
    return zr_cli_usage ("clippings save", _("Give the number of one article (see “articles”)"));
  if ((quote <= 0) == (text == NULL))
    return zr_cli_usage ("clippings save", _("Give either --quote N or --text TEXT"));
  article = zr_library_get_article (library, id, &error);
  if (article == NULL)
    return zr_cli_fail (error);
  clip = zr_clippings_save (zr_library_get_database (library), article, MAX (quote, 0), text, note, &error);
  if (clip < 0)
    return zr_cli_fail (error);
  zr_cli_print ("%" G_GINT64_FORMAT "\n", clip);
  return ZR_CLI_OK;
}

static int
clippings_delete (ZrLibrary *library,
                  int        argc,
                  char     **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!zr_cli_parse_options ("clippings delete", N_("CLIPPING-ID"), _("Delete a saved quote."), NULL, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc != 2 || !zr_cli_parse_id (argv[1], &id))
    return zr_cli_usage ("clippings delete", _("Give the number of one saved quote (see “clippings list”)"));
  if (!zr_clippings_delete (zr_library_get_database (library), id, &error))
    return zr_cli_fail (error);
  return ZR_CLI_OK;
}

static int
clippings_export (ZrLibrary *library,
                  int        argc,
                  char     **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("markdown (default), csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to this file instead of standard output (“-”: standard output)"), N_("FILE") },
    { NULL }
  };
  ZrClippingsFormat format = ZR_CLIPPINGS_FORMAT_MARKDOWN;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!zr_cli_parse_options ("clippings export", NULL, _("Export the saved quotes."), entries, &argc, &argv))
    return ZR_CLI_USAGE;
  if (format_name != NULL && !zr_clippings_format_from_string (format_name, &format))
    return zr_cli_usage ("clippings export", _("--format is one of markdown, csv, json"));
  text = zr_clippings_export (zr_library_get_database (library), format, &error);
  if (text == NULL)
    return zr_cli_fail (error);
  if (!zr_cli_write_output (output != NULL ? output : "-", text, strlen (text), &error))
    return zr_cli_fail (error);
  return ZR_CLI_OK;
}

static int
clippings_import (ZrLibrary *library,
                  int        argc,
                  char     **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  guint added = 0;

  if (!zr_cli_parse_options ("clippings import", N_("FILE.json"), _("Import saved quotes exported as JSON."),
                             NULL, &argc, &argv))
    return ZR_CLI_USAGE;
  if (argc != 2)
    return zr_cli_usage ("clippings import", _("Give one JSON file exported by “clippings export --format json”"));
  if (!g_file_get_contents (argv[1], &contents, NULL, &error))
    return zr_cli_fail (error);
  if (!zr_clippings_import_json (zr_library_get_database (library), contents, &added, &error))
    return zr_cli_fail (error);
  zr_cli_print (ngettext ("%u quote added\n", "%u quotes added\n", added), added);
  return ZR_CLI_OK;
}

int
zr_cli_clippings (ZrCli *cli,
                  int    argc,
                  char **argv)
{
  static const struct {
    const char *name;
    int (*func) (ZrLibrary *, int, char **);
  } subcommands[] = {
    { "list", clippings_list },
    { "save", clippings_save },
    { "delete", clippings_delete },
    { "export", clippings_export },
    { "import", clippings_import },
  };
  ZrLibrary *library;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      zr_cli_print (_("Usage:\n  zhuzhou-reader-cli clippings list|save|delete|export|import [OPTION…]\n"));
      return argc < 2 ? ZR_CLI_USAGE : ZR_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      {
        library = zr_cli_open_library (cli);
        if (library == NULL)
          return ZR_CLI_FAILED;
        return subcommands[i].func (library, argc - 1, argv + 1);
      }
  return zr_cli_usage ("clippings", _("Unknown subcommand"));
}
