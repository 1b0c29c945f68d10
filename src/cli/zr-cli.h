/* zr-cli.h: shared between the command-line tool's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "zr-library.h"

G_BEGIN_DECLS

enum
{
  ZR_CLI_OK = 0,
  ZR_CLI_FAILED = 1,
  ZR_CLI_USAGE = 2,
};

typedef struct
{
  const char *db_path;
  ZrLibrary  *library;
} ZrCli;

/* The library file --db names, or the default one. (transfer full) */
char     *zr_cli_dup_db_path    (ZrCli         *cli);

/* The filter options several commands share (GOptionEntry initialisers). */
#define ZR_CLI_DISTRICT_OPTION(var) \
  { "district", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(var), N_("Only this district (may be repeated)"), N_("DISTRICT") }
#define ZR_CLI_TOPIC_OPTION(var) \
  { "topic", 0, 0, G_OPTION_ARG_STRING_ARRAY, &(var), N_("Only this topic (may be repeated)"), N_("TOPIC") }
#define ZR_CLI_QUERY_OPTION(var) \
  { "query", 0, 0, G_OPTION_ARG_STRING, &(var), N_("Only articles matching this search"), N_("QUERY") }
#define ZR_CLI_JSON_OPTION(var) \
  { "json", 0, 0, G_OPTION_ARG_NONE, &(var), N_("Print JSON"), NULL }

typedef int (*ZrCliCommandFunc) (ZrCli *cli, int argc, char **argv);

/* Parses @entries from argv (argv[0] is the command name); prints the
 * usage error and returns FALSE on bad options. */
gboolean  zr_cli_parse_options  (const char    *command,
                                 const char    *parameter_string,
                                 const char    *summary,
                                 GOptionEntry  *entries,
                                 int           *argc,
                                 char        ***argv);
ZrLibrary *zr_cli_open_library  (ZrCli         *cli);
int       zr_cli_fail           (const GError  *error);
int       zr_cli_usage          (const char    *command,
                                 const char    *message);
/* Writes to stdout: UTF-8 bytes as they are, whatever the locale; a failed
 * write makes the tool exit 1 with a message (checked at exit). */
void      zr_cli_write          (const char    *data,
                                 gsize          len);
void      zr_cli_print          (const char    *format,
                                 ...) G_GNUC_PRINTF (1, 2);
/* Whether a write to stdout has failed (long listings stop early). */
gboolean  zr_cli_output_failed  (void);
/* Writes a whole output to the file named by -o (“-”: stdout). */
gboolean  zr_cli_write_output   (const char    *path,
                                 const char    *data,
                                 gsize          len,
                                 GError       **error);
/* Writes a JSON document (plus newline) to stdout and frees it. */
void      zr_cli_print_json     (char          *json);
ZrFilter *zr_cli_make_filter    (char         **districts,
                                 char         **topics,
                                 const char    *query);
gboolean  zr_cli_parse_id       (const char    *text,
                                 gint64        *id);
/* @text padded with spaces to @columns terminal columns (CJK characters
 * take two). (transfer full) */
char     *zr_cli_pad            (const char    *text,
                                 guint          columns);

int zr_cli_import     (ZrCli *cli, int argc, char **argv);
int zr_cli_reclassify (ZrCli *cli, int argc, char **argv);
int zr_cli_articles   (ZrCli *cli, int argc, char **argv);
int zr_cli_show       (ZrCli *cli, int argc, char **argv);
int zr_cli_search     (ZrCli *cli, int argc, char **argv);
int zr_cli_stats      (ZrCli *cli, int argc, char **argv);
int zr_cli_quotes     (ZrCli *cli, int argc, char **argv);
int zr_cli_cite       (ZrCli *cli, int argc, char **argv);
int zr_cli_clippings  (ZrCli *cli, int argc, char **argv);
int zr_cli_set_page   (ZrCli *cli, int argc, char **argv);
int zr_cli_backup     (ZrCli *cli, int argc, char **argv);
int zr_cli_restore    (ZrCli *cli, int argc, char **argv);

G_END_DECLS
